// SPDX-License-Identifier: Apache-2.0
package org.openagention.cli;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.regex.Pattern;
import org.openagention.core.journal.JournalEntry;
import org.openagention.core.model.PriceTable;

/**
 * The web console of {@code openagention serve}: the runs of a journal directory, live over
 * server-sent events, their HTML reports, and allow/deny for calls waiting in a
 * {@code run --web-approvals} (or, given further {@link ApprovalSource}s, in Temporal agent runs).
 *
 * <p>Every request needs the token printed at start (a cookie set by opening the printed address,
 * or an {@code Authorization: Bearer} header), a {@code Host} naming this server (so a DNS
 * rebinding page cannot reach it; checked when bound to loopback, the default) and, for anything that changes state, an {@code Origin} of this
 * server. Thread-safe; {@link #close} stops it and ends the event streams.
 */
final class ConsoleServer implements AutoCloseable {
    private static final String COOKIE = "oa_console";
    private static final Pattern RUN_ID = Pattern.compile("[A-Za-z0-9._-]{1,120}");
    private static final long POLL_MILLIS = 300;
    private static final long PING_MILLIS = 15_000;

    private final Path journalDir;
    private final String token;
    private final HttpServer server;
    private final ExecutorService threads;
    private final Set<String> hosts;
    private final String primary;
    private final Clock clock;
    private final List<ApprovalSource> sources;
    private volatile boolean open = true;

    ConsoleServer(Path journalDir, InetAddress bind, int port, Clock clock) throws IOException {
        this(journalDir, bind, port, clock, List.of());
    }

    /**
     * With {@code sources}: further sources of waiting calls (Temporal runs), shown and decided beside
     * the approval files of local runs; closed with the server.
     */
    ConsoleServer(Path journalDir, InetAddress bind, int port, Clock clock, List<ApprovalSource> sources)
            throws IOException {
        this.journalDir = journalDir;
        this.sources = List.copyOf(sources);
        this.clock = clock;
        byte[] secret = new byte[24];
        new SecureRandom().nextBytes(secret);
        this.token = HexFormat.of().formatHex(secret);
        this.server = HttpServer.create(new InetSocketAddress(bind, port), 0);
        int bound = server.getAddress().getPort();
        String host = bind.getHostAddress().contains(":") ? "[" + bind.getHostAddress() + "]" : bind.getHostAddress();
        this.primary = (bind.isLoopbackAddress() && !host.startsWith("[") ? "127.0.0.1" : host) + ":" + bound;
        this.hosts = bind.isLoopbackAddress()
                ? Set.copyOf(List.of("127.0.0.1:" + bound, "localhost:" + bound, "[::1]:" + bound, host + ":" + bound))
                : Set.of(); // reachable under names this process cannot know: the token alone guards it
        this.threads = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "console-http");
            t.setDaemon(true);
            return t;
        });
        server.createContext("/", this::handle);
        server.setExecutor(threads);
        server.start();
    }

    /** The address to open, token included. */
    String url() {
        return "http://" + primary + "/?token=" + token;
    }

    String baseUrl() {
        return "http://" + primary;
    }

    int port() {
        return server.getAddress().getPort();
    }

    String token() {
        return token;
    }

    private void handle(HttpExchange ex) throws IOException {
        try (ex) {
            ex.getResponseHeaders().add("X-Content-Type-Options", "nosniff");
            ex.getResponseHeaders().add("Referrer-Policy", "no-referrer");
            ex.getResponseHeaders().add("Cache-Control", "no-store");
            String host = ex.getRequestHeaders().getFirst("Host");
            if (host == null || !hosts.isEmpty() && !hosts.contains(host.toLowerCase(java.util.Locale.ROOT))) {
                text(ex, 403, "forbidden: this console answers only to " + primary + " (Host was "
                        + host + ")");
                return;
            }
            String origin = ex.getRequestHeaders().getFirst("Origin");
            boolean changes = !ex.getRequestMethod().equals("GET") && !ex.getRequestMethod().equals("HEAD");
            if ((origin != null || changes) && !("http://" + host).equalsIgnoreCase(origin == null ? "" : origin)) {
                text(ex, 403, "forbidden: a request from another origin (" + origin + ")");
                return;
            }
            String path = ex.getRequestURI().getPath();
            String query = ex.getRequestURI().getRawQuery();
            if (path.equals("/") && query != null && query.startsWith("token=")) {
                login(ex, URLDecoder.decode(query.substring(6), StandardCharsets.UTF_8));
                return;
            }
            if (!authorised(ex)) {
                text(ex, 401, "unauthorised: open the address 'openagention serve' printed (it carries the token)");
                return;
            }
            route(ex, path);
        } catch (RuntimeException e) {
            text(ex, 500, "internal error: " + JournalRead.oneLine(e.getMessage()));
        }
    }

    private void route(HttpExchange ex, String path) throws IOException {
        String method = ex.getRequestMethod();
        if (method.equals("GET") && path.equals("/")) {
            resource(ex, "console.html", "text/html; charset=utf-8");
        } else if (method.equals("GET") && path.equals("/console.js")) {
            resource(ex, "console.js", "text/javascript; charset=utf-8");
        } else if (method.equals("GET") && path.equals("/console.css")) {
            resource(ex, "console.css", "text/css; charset=utf-8");
        } else if (method.equals("GET") && path.equals("/api/state")) {
            send(ex, 200, "application/json", new ConsoleState(journalDir, sources).snapshot(clock.instant()).toString());
        } else if (method.equals("GET") && path.equals("/api/events")) {
            events(ex);
        } else if (method.equals("GET") && path.startsWith("/runs/") && path.endsWith("/report")) {
            report(ex, path.substring("/runs/".length(), path.length() - "/report".length()));
        } else if (method.equals("POST") && path.startsWith("/api/approvals/")) {
            decide(ex, path.substring("/api/approvals/".length()));
        } else {
            text(ex, 404, "not found: " + method + " " + path);
        }
    }

    private void login(HttpExchange ex, String given) throws IOException {
        if (!equal(given, token)) {
            text(ex, 401, "unauthorised: the token is wrong (restart 'openagention serve' for a new address)");
            return;
        }
        ex.getResponseHeaders().add("Set-Cookie", COOKIE + "=" + token + "; Path=/; HttpOnly; SameSite=Strict");
        ex.getResponseHeaders().add("Location", "/");
        ex.sendResponseHeaders(303, -1);
    }

    private boolean authorised(HttpExchange ex) {
        String auth = ex.getRequestHeaders().getFirst("Authorization");
        if (auth != null && auth.startsWith("Bearer ") && equal(auth.substring(7).strip(), token)) {
            return true;
        }
        for (String header : ex.getRequestHeaders().getOrDefault("Cookie", List.of())) {
            for (String c : header.split(";")) {
                String[] kv = c.strip().split("=", 2);
                if (kv.length == 2 && kv[0].equals(COOKIE) && equal(kv[1], token)) {
                    return true;
                }
            }
        }
        return false;
    }

    private static boolean equal(String a, String b) {
        return MessageDigest.isEqual(a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8));
    }

    /** Server-sent events: the whole state whenever a journal or approval file changed. */
    private void events(HttpExchange ex) throws IOException {
        ex.getResponseHeaders().add("Content-Type", "text/event-stream; charset=utf-8");
        ex.sendResponseHeaders(200, 0);
        ConsoleState state = new ConsoleState(journalDir, sources);
        OutputStream out = ex.getResponseBody();
        String last = "";
        long lastSent = 0;
        try {
            while (open) {
                String now = state.fingerprint();
                long millis = System.currentTimeMillis();
                if (!now.equals(last)) {
                    last = now;
                    lastSent = millis;
                    write(out, "event: state\ndata: " + state.snapshot(clock.instant()) + "\n\n");
                } else if (millis - lastSent > PING_MILLIS) {
                    lastSent = millis;
                    write(out, ": ping\n\n");
                }
                Thread.sleep(POLL_MILLIS);
            }
        } catch (IOException | InterruptedException e) {
            // the page went away, or the server is stopping
        }
    }

    private static void write(OutputStream out, String s) throws IOException {
        out.write(s.getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    private void report(HttpExchange ex, String runId) throws IOException {
        ConsoleState state = new ConsoleState(journalDir);
        if (!RUN_ID.matcher(runId).matches() || !state.store().runIds().contains(runId)) {
            text(ex, 404, "no run '" + runId + "' in " + journalDir);
            return;
        }
        List<JournalEntry> entries = state.store().read(runId);
        send(ex, 200, "text/html; charset=utf-8",
                HtmlReport.render(RunRecord.read(state.store(), runId, entries, PriceTable.defaults())));
    }

    private void decide(HttpExchange ex, String id) throws IOException {
        String body = new String(ex.getRequestBody().readNBytes(4096), StandardCharsets.UTF_8).strip();
        String decision = body.startsWith("decision=") ? body.substring("decision=".length()) : body;
        if (!decision.equals("allow") && !decision.equals("deny")) {
            text(ex, 400, "the body must be decision=allow or decision=deny, not '" + HtmlReport.cut(body, 40) + "'");
            return;
        }
        boolean approved = decision.equals("allow");
        String reason = approved ? "approved in the web console" : "denied in the web console";
        boolean done = ApprovalFiles.validId(id) && new ApprovalFiles(journalDir).decide(id, approved, reason);
        for (int i = 0; !done && ApprovalFiles.validId(id) && i < sources.size(); i++) {
            done = sources.get(i).decide(id, approved, reason);
        }
        if (done) {
            ex.sendResponseHeaders(204, -1);
        } else {
            text(ex, 409, "no call '" + id + "' is waiting for a decision (decided already, or its run ended)");
        }
    }

    private static void resource(HttpExchange ex, String name, String type) throws IOException {
        try (InputStream in = ConsoleServer.class.getResourceAsStream("console/" + name)) {
            if (in == null) {
                text(ex, 404, "missing resource " + name);
                return;
            }
            if (type.startsWith("text/html")) {
                ex.getResponseHeaders().add("Content-Security-Policy", "default-src 'none'; script-src 'self';"
                        + " style-src 'self'; connect-src 'self'; img-src 'self' data:; form-action 'self';"
                        + " frame-ancestors 'none'; base-uri 'none'");
            }
            send(ex, 200, type, new String(in.readAllBytes(), StandardCharsets.UTF_8));
        }
    }

    private static void text(HttpExchange ex, int status, String message) throws IOException {
        send(ex, status, "text/plain; charset=utf-8", message + "\n");
    }

    private static void send(HttpExchange ex, int status, String type, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().set("Content-Type", type);
        ex.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
        if (bytes.length > 0) {
            ex.getResponseBody().write(bytes);
        }
    }

    @Override
    public void close() {
        open = false;
        server.stop(0);
        threads.shutdownNow();
        sources.forEach(ApprovalSource::close);
    }
}
