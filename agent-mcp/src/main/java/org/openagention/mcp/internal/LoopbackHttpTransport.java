// SPDX-License-Identifier: Apache-2.0
package org.openagention.mcp.internal;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.modelcontextprotocol.common.McpTransportContext;
import io.modelcontextprotocol.json.McpJsonMapper;
import io.modelcontextprotocol.server.McpStatelessServerHandler;
import io.modelcontextprotocol.spec.McpSchema;
import io.modelcontextprotocol.spec.McpStatelessServerTransport;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;

/**
 * The streamable HTTP transport, server side, in its stateless form, on the JDK's own HTTP server
 * bound to the loopback address: every POST carries one JSON-RPC message and a request is answered
 * with one {@code application/json} body; there are no sessions and no server-to-client stream
 * (GET and DELETE answer 405, as the specification allows). Requests with an {@code Origin} that is
 * not a loopback origin are refused (DNS rebinding). A request whose params have the wrong shape is
 * answered with an invalid-params error ({@code -32602}, see {@link RequestParams}) and a one-line
 * warning. Thread-safe.
 */
public final class LoopbackHttpTransport implements McpStatelessServerTransport {
    private static final Logger log = LoggerFactory.getLogger(LoopbackHttpTransport.class);
    private static final int MAX_BODY = 16 * 1024 * 1024;

    private final HttpServer server;
    private final ExecutorService executor;
    private final McpJsonMapper mapper;
    private final String path;
    private volatile McpStatelessServerHandler handler;

    public LoopbackHttpTransport(int port, String path, McpJsonMapper mapper) throws IOException {
        this.mapper = mapper;
        this.path = path;
        this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 0);
        AtomicInteger n = new AtomicInteger();
        this.executor = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "mcp-http-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        server.setExecutor(executor);
        server.createContext(path, this::handle);
    }

    public void start() {
        server.start();
    }

    /** The endpoint URL, such as {@code http://127.0.0.1:41234/mcp}. */
    public URI uri() {
        InetSocketAddress a = server.getAddress();
        return URI.create("http://" + a.getAddress().getHostAddress() + ":" + a.getPort() + path);
    }

    @Override
    public void setMcpHandler(McpStatelessServerHandler handler) {
        this.handler = handler;
    }

    @Override
    public Mono<Void> closeGracefully() {
        return Mono.fromRunnable(this::close);
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            if (!loopbackOrigin(exchange.getRequestHeaders().getFirst("Origin"))) {
                send(exchange, 403, error(-32600, "Origin not allowed: this server only serves loopback clients"));
                return;
            }
            if (!"POST".equals(exchange.getRequestMethod())) {
                exchange.getResponseHeaders().add("Allow", "POST");
                exchange.sendResponseHeaders(405, -1);
                return;
            }
            String body = readBody(exchange.getRequestBody());
            if (body == null) {
                send(exchange, 413, error(-32600, "request body larger than " + MAX_BODY + " bytes"));
                return;
            }
            dispatch(exchange, body);
        } catch (RuntimeException e) {
            log.warn("MCP HTTP: a request failed: {}", e.toString());
        }
    }

    private void dispatch(HttpExchange exchange, String body) throws IOException {
        McpSchema.JSONRPCMessage message;
        try {
            message = McpSchema.deserializeJsonRpcMessage(mapper, body);
        } catch (IOException | RuntimeException e) {
            send(exchange, 400, error(-32700, "not a JSON-RPC message: " + e.getMessage()));
            return;
        }
        McpStatelessServerHandler h = handler;
        if (message instanceof McpSchema.JSONRPCRequest request) {
            Optional<String> problem = RequestParams.problem(request.method(), request.params());
            if (problem.isPresent()) {
                log.warn("MCP HTTP: request {} ({}) rejected ({}): {}", request.id(), request.method(),
                        RequestParams.INVALID_PARAMS, problem.get());
                send(exchange, 200, mapper.writeValueAsString(RequestParams.error(request, problem.get())));
                return;
            }
            McpSchema.JSONRPCResponse response;
            try {
                response = h.handleRequest(McpTransportContext.EMPTY, request).block(Duration.ofMinutes(10));
            } catch (RuntimeException e) {
                response = McpSchema.JSONRPCResponse.error(request.id(),
                        new McpSchema.JSONRPCResponse.JSONRPCError(-32603, String.valueOf(e.getMessage())));
            }
            send(exchange, 200, mapper.writeValueAsString(response));
        } else if (message instanceof McpSchema.JSONRPCNotification notification) {
            try {
                h.handleNotification(McpTransportContext.EMPTY, notification).block(Duration.ofSeconds(30));
            } catch (RuntimeException e) {
                log.debug("notification {} failed", notification.method(), e);
            }
            exchange.sendResponseHeaders(202, -1);
        } else {
            exchange.sendResponseHeaders(202, -1);
        }
    }

    /** A JSON-RPC error for a message whose id is unknown (so {@code "id": null}, as JSON-RPC says). */
    private static String error(int code, String message) {
        var body = McpJson.MAPPER.createObjectNode().put("jsonrpc", "2.0");
        body.putNull("id");
        body.putObject("error").put("code", code).put("message", message);
        return body.toString();
    }

    private static void send(HttpExchange exchange, int status, String json) throws IOException {
        byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    private static String readBody(InputStream in) throws IOException {
        byte[] bytes = in.readNBytes(MAX_BODY + 1);
        return bytes.length > MAX_BODY ? null : new String(bytes, StandardCharsets.UTF_8);
    }

    static boolean loopbackOrigin(String origin) {
        if (origin == null || origin.isBlank()) {
            return true;
        }
        try {
            String host = URI.create(origin.trim()).getHost();
            if (host == null) {
                return false;
            }
            host = host.toLowerCase(Locale.ROOT);
            return host.equals("localhost") || host.equals("127.0.0.1") || host.equals("[::1]") || host.equals("::1");
        } catch (IllegalArgumentException e) {
            return false;
        }
    }
}
