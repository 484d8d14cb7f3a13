// SPDX-License-Identifier: Apache-2.0
package org.openagention.mcp;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpServer;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import org.openagention.mcp.internal.McpJson;

/**
 * The person at a terminal, for MCP's interactive steps: answering elicitation requests, and the
 * browser step of OAuth. For command-line applications; others implement
 * {@link McpElicitationHandler} and {@link McpOAuth.Browser} their own way.
 */
public final class McpConsole {
    private static final long BROWSER_WAIT_MINUTES = 5;

    private McpConsole() {}

    /**
     * Asks at the process's terminal ({@link System#console()}); declines every request when there
     * is none (input redirected, a service), so nothing waits for an answer that cannot come.
     */
    public static McpElicitationHandler elicitation() {
        if (System.console() == null) {
            return McpElicitationHandler.declineAll();
        }
        return elicitation(new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)), System.err);
    }

    /**
     * Asks on {@code in}/{@code out}: shows the server's message, asks whether to answer
     * ({@code y}, {@code n} declines, anything else cancels), then asks each field, showing its
     * description, choices and default; an empty line leaves a field out (its default applies).
     * The end of {@code in} cancels. Calls are serialised.
     */
    public static McpElicitationHandler elicitation(BufferedReader in, PrintStream out) {
        return (server, message, schemaJson) -> {
            synchronized (in) {
                try {
                    return ask(in, out, server, message, McpJson.MAPPER.readTree(schemaJson));
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
        };
    }

    private static McpElicitation ask(BufferedReader in, PrintStream out, String server, String message, JsonNode schema)
            throws IOException {
        out.println("MCP server '" + server + "' asks: " + message);
        out.print("Answer? [y]es, [n]o (decline), [c]ancel: ");
        out.flush();
        String choice = in.readLine();
        if (choice == null || !choice.trim().toLowerCase(Locale.ROOT).startsWith("y")) {
            return choice != null && choice.trim().toLowerCase(Locale.ROOT).startsWith("n") ? McpElicitation.decline()
                    : McpElicitation.cancel();
        }
        ObjectNode content = McpJson.MAPPER.createObjectNode();
        Iterator<Map.Entry<String, JsonNode>> fields = schema.path("properties").fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> field = fields.next();
            JsonNode p = field.getValue();
            String type = p.path("type").asText("string");
            StringBuilder prompt = new StringBuilder("  ").append(field.getKey());
            if (p.hasNonNull("description")) {
                prompt.append(" (").append(p.get("description").asText()).append(')');
            }
            if (p.has("enum")) {
                prompt.append(" one of ").append(p.get("enum"));
            }
            if (p.has("default")) {
                prompt.append(" [").append(p.get("default").asText()).append(']');
            }
            while (true) {
                out.print(prompt + ": ");
                out.flush();
                String line = in.readLine();
                if (line == null) {
                    return McpElicitation.cancel();
                }
                line = line.trim();
                if (line.isEmpty()) {
                    break;
                }
                try {
                    switch (type) {
                        case "integer" -> content.put(field.getKey(), Long.parseLong(line));
                        case "number" -> content.put(field.getKey(), Double.parseDouble(line));
                        case "boolean" -> content.put(field.getKey(), line.toLowerCase(Locale.ROOT).startsWith("y")
                                || line.equalsIgnoreCase("true"));
                        default -> content.put(field.getKey(), line);
                    }
                    break;
                } catch (NumberFormatException e) {
                    out.println("  not a " + type + ": " + line);
                }
            }
        }
        return McpElicitation.accept(content.toString());
    }

    /**
     * The OAuth browser step at a terminal: listens on the loopback redirect URI, opens the
     * authorization URL in the system browser ({@code xdg-open} or {@code open}) or, where none
     * can be opened, prints it to {@code out} for the person to open, and waits up to five minutes
     * for the redirect.
     */
    public static McpOAuth.Browser browser(PrintStream out) {
        return browser(out, url -> {
            if (!open(url)) {
                out.println("Open this URL in a browser to authorize: " + url);
                out.flush();
            }
        });
    }

    static McpOAuth.Browser browser(PrintStream out, Consumer<URI> opener) {
        return (authorizationUrl, redirectUri) -> {
            if (!"http".equals(redirectUri.getScheme()) || !InetAddress.getByName(redirectUri.getHost()).isLoopbackAddress()) {
                throw new IllegalArgumentException("the redirect URI must be a loopback http URI to listen on, was " + redirectUri);
            }
            CompletableFuture<URI> redirected = new CompletableFuture<>();
            HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getByName(redirectUri.getHost()),
                    redirectUri.getPort() < 0 ? 80 : redirectUri.getPort()), 0);
            String path = redirectUri.getPath() == null || redirectUri.getPath().isEmpty() ? "/" : redirectUri.getPath();
            server.createContext(path, exchange -> {
                byte[] page = "<html><body>Authorized. You may close this window.</body></html>".getBytes(StandardCharsets.UTF_8);
                exchange.getResponseHeaders().set("Content-Type", "text/html; charset=utf-8");
                exchange.sendResponseHeaders(200, page.length);
                exchange.getResponseBody().write(page);
                exchange.close();
                redirected.complete(URI.create(redirectUri.getScheme() + "://" + redirectUri.getRawAuthority()
                        + exchange.getRequestURI().toString()));
            });
            server.start();
            try {
                opener.accept(authorizationUrl);
                return redirected.get(BROWSER_WAIT_MINUTES, TimeUnit.MINUTES);
            } catch (TimeoutException e) {
                throw new IllegalStateException("no answer from the browser within " + BROWSER_WAIT_MINUTES + " minutes");
            } finally {
                server.stop(0);
            }
        };
    }

    private static boolean open(URI url) {
        for (String opener : new String[] {"xdg-open", "open"}) {
            try {
                Process p = new ProcessBuilder(opener, url.toString()).redirectErrorStream(true)
                        .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
                if (p.waitFor(10, TimeUnit.SECONDS) && p.exitValue() == 0) {
                    return true;
                }
            } catch (IOException e) {
                // not installed: try the next one
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return false;
    }
}
