// SPDX-License-Identifier: Apache-2.0
package org.openagention.mcp.internal;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.modelcontextprotocol.common.McpTransportContext;
import io.modelcontextprotocol.json.McpJsonMapper;
import io.modelcontextprotocol.json.TypeRef;
import io.modelcontextprotocol.spec.McpSchema;
import io.modelcontextprotocol.spec.McpStreamableServerSession;
import io.modelcontextprotocol.spec.McpStreamableServerTransportProvider;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;

/**
 * The streamable HTTP transport, server side, with sessions, on the JDK's own HTTP server bound to
 * the loopback address.
 *
 * <p>{@code initialize} (a POST without {@code Mcp-Session-Id}) opens a session and answers with
 * one JSON body and the {@code Mcp-Session-Id} header. Later requests carry that header and are
 * answered on a server-sent-events stream of their own, which begins with a priming event (an event
 * id, a {@code retry} hint and empty data, so a client knows it can reconnect) and carries the
 * request's progress, log and sampling or elicitation requests before the response. A GET opens
 * the session's listening stream for server-initiated messages (resource updates, list changes),
 * or, with {@code Last-Event-ID}, resumes a request's stream whose connection dropped (its events
 * are replayed from there on, see {@link ServerSseStream}); a DELETE ends the session. Several POST streams of one session may be open at once.
 *
 * <p>Requests whose {@code Origin} or {@code Host} is not a loopback name are refused with 403
 * (DNS rebinding). Thread-safe.
 */
public final class StreamableHttpTransport implements McpStreamableServerTransportProvider {
    private static final Logger log = LoggerFactory.getLogger(StreamableHttpTransport.class);
    private static final int MAX_BODY = 16 * 1024 * 1024;
    private static final String SESSION_HEADER = "Mcp-Session-Id";
    /** The reconnection delay suggested to clients in each stream's priming event. */
    private static final long RETRY_MS = 1000;
    /** How many finished or running request streams are kept for resumption. */
    private static final int MAX_RESUMABLE = 256;

    private final HttpServer server;
    private final ExecutorService executor;
    private final McpJsonMapper mapper;
    private final String path;
    private final Map<String, McpStreamableServerSession> sessions = new ConcurrentHashMap<>();
    /** Recent request streams by id, for clients resuming with Last-Event-ID. */
    private final Map<String, ServerSseStream> streams = java.util.Collections.synchronizedMap(
            new java.util.LinkedHashMap<>(16, 0.75f, false) {
                @Override
                protected boolean removeEldestEntry(Map.Entry<String, ServerSseStream> eldest) {
                    return size() > MAX_RESUMABLE;
                }
            });
    private volatile McpStreamableServerSession.Factory sessionFactory;
    private volatile boolean closing;

    public StreamableHttpTransport(int port, String path, McpJsonMapper mapper) throws IOException {
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

    /** The number of open sessions (for tests and diagnostics). */
    public int sessionCount() {
        return sessions.size();
    }

    @Override
    public void setSessionFactory(McpStreamableServerSession.Factory sessionFactory) {
        this.sessionFactory = sessionFactory;
    }

    @Override
    public Mono<Void> notifyClients(String method, Object params) {
        return Mono.fromRunnable(() -> sessions.values().forEach(s -> {
            try {
                s.sendNotification(method, params).block(Duration.ofSeconds(10));
            } catch (RuntimeException e) {
                log.debug("cannot notify MCP session {}: {}", s.getId(), e.toString());
            }
        }));
    }

    @Override
    public Mono<Void> notifyClient(String sessionId, String method, Object params) {
        return Mono.defer(() -> {
            McpStreamableServerSession s = sessions.get(sessionId);
            return s == null ? Mono.empty() : s.sendNotification(method, params);
        });
    }

    @Override
    public Mono<Void> closeGracefully() {
        return Mono.fromRunnable(this::close);
    }

    @Override
    public void close() {
        closing = true;
        sessions.values().forEach(s -> {
            try {
                s.closeGracefully().block(Duration.ofSeconds(2));
            } catch (RuntimeException e) {
                log.debug("closing MCP session {} failed: {}", s.getId(), e.toString());
            }
        });
        sessions.clear();
        server.stop(0);
        executor.shutdownNow();
    }

    private void handle(HttpExchange exchange) throws IOException {
        boolean streaming = false;
        try {
            var headers = exchange.getRequestHeaders();
            if (!Loopback.origin(headers.getFirst("Origin")) || !Loopback.host(headers.getFirst("Host"))) {
                send(exchange, 403, error(-32600, "Origin or Host not allowed: this server only serves loopback clients"));
                return;
            }
            if (closing) {
                send(exchange, 503, error(-32603, "the server is shutting down"));
                return;
            }
            switch (exchange.getRequestMethod()) {
                case "POST" -> streaming = post(exchange);
                case "GET" -> streaming = get(exchange);
                case "DELETE" -> delete(exchange);
                default -> {
                    exchange.getResponseHeaders().add("Allow", "GET, POST, DELETE");
                    exchange.sendResponseHeaders(405, -1);
                }
            }
        } catch (IOException | RuntimeException e) {
            log.warn("MCP HTTP: a request failed: {}", e.toString());
        } finally {
            if (!streaming) {
                exchange.close();
            }
        }
    }

    /** Handles a POST; true when the exchange was handed to a stream that closes it. */
    private boolean post(HttpExchange exchange) throws IOException {
        byte[] bytes = exchange.getRequestBody().readNBytes(MAX_BODY + 1);
        if (bytes.length > MAX_BODY) {
            send(exchange, 413, error(-32600, "request body larger than " + MAX_BODY + " bytes"));
            return false;
        }
        McpSchema.JSONRPCMessage message;
        try {
            message = McpSchema.deserializeJsonRpcMessage(mapper, new String(bytes, StandardCharsets.UTF_8));
        } catch (IOException | RuntimeException e) {
            send(exchange, 400, error(-32700, "not a JSON-RPC message: " + e.getMessage()));
            return false;
        }
        if (message instanceof McpSchema.JSONRPCRequest request && McpSchema.METHOD_INITIALIZE.equals(request.method())) {
            initialize(exchange, request);
            return false;
        }
        McpStreamableServerSession session = session(exchange);
        if (session == null) {
            return false;
        }
        McpTransportContext context = McpTransportContext.EMPTY;
        if (message instanceof McpSchema.JSONRPCResponse response) {
            session.accept(response).contextWrite(c -> c.put(McpTransportContext.KEY, context)).block(Duration.ofSeconds(30));
            exchange.sendResponseHeaders(202, -1);
            return false;
        }
        if (message instanceof McpSchema.JSONRPCNotification notification) {
            session.accept(notification).contextWrite(c -> c.put(McpTransportContext.KEY, context)).block(Duration.ofSeconds(30));
            exchange.sendResponseHeaders(202, -1);
            return false;
        }
        McpSchema.JSONRPCRequest request = (McpSchema.JSONRPCRequest) message;
        Optional<String> problem = RequestParams.problem(request.method(), request.params());
        if (problem.isPresent()) {
            log.warn("MCP HTTP: request {} ({}) rejected ({}): {}", request.id(), request.method(),
                    RequestParams.INVALID_PARAMS, problem.get());
            send(exchange, 200, mapper.writeValueAsString(RequestParams.error(request, problem.get())));
            return false;
        }
        ServerSseStream stream = new ServerSseStream(mapper, session.getId(), true);
        remember(stream);
        stream.attach(exchange, RETRY_MS, null);
        try {
            session.responseStream(request, stream).contextWrite(c -> c.put(McpTransportContext.KEY, context)).block();
        } catch (RuntimeException e) {
            log.debug("MCP HTTP: request {} ({}) failed: {}", request.id(), request.method(), e.toString());
        } finally {
            stream.close();
        }
        return true;
    }

    private void initialize(HttpExchange exchange, McpSchema.JSONRPCRequest request) throws IOException {
        Optional<String> problem = RequestParams.problem(request.method(), request.params());
        if (problem.isPresent()) {
            send(exchange, 200, mapper.writeValueAsString(RequestParams.error(request, problem.get())));
            return;
        }
        McpSchema.InitializeRequest init = mapper.convertValue(request.params(), new TypeRef<McpSchema.InitializeRequest>() {});
        McpStreamableServerSession.McpStreamableServerSessionInit started = sessionFactory.startSession(init);
        McpSchema.InitializeResult result;
        try {
            result = started.initResult().block(Duration.ofSeconds(30));
        } catch (RuntimeException e) {
            send(exchange, 500, error(-32603, "cannot initialize the session: " + e.getMessage()));
            return;
        }
        sessions.put(started.session().getId(), started.session());
        exchange.getResponseHeaders().set(SESSION_HEADER, started.session().getId());
        send(exchange, 200, mapper.writeValueAsString(McpSchema.JSONRPCResponse.result(request.id(), result)));
    }

    /** Opens the session's listening stream; true when the exchange was handed to it. */
    private boolean get(HttpExchange exchange) throws IOException {
        String accept = exchange.getRequestHeaders().getFirst("Accept");
        if (accept == null || !accept.contains("text/event-stream")) {
            exchange.getResponseHeaders().add("Allow", "POST, DELETE");
            send(exchange, 405, error(-32600, "GET opens a server-sent-events stream: send Accept: text/event-stream"));
            return false;
        }
        McpStreamableServerSession session = session(exchange);
        if (session == null) {
            return false;
        }
        String lastEventId = exchange.getRequestHeaders().getFirst("Last-Event-ID");
        ServerSseStream resumed = lastEventId == null ? null : streams.get(ServerSseStream.streamOf(lastEventId));
        if (resumed != null && resumed.sessionId().equals(session.getId())) {
            resumed.attach(exchange, RETRY_MS, lastEventId);
            return true;
        }
        ServerSseStream stream = new ServerSseStream(mapper, session.getId(), false);
        stream.attach(exchange, RETRY_MS, null);
        McpStreamableServerSession.McpStreamableServerSessionStream listening = session.listeningStream(stream);
        executor.execute(() -> {
            // Comments keep the connection alive and tell us when the client has gone.
            while (!stream.awaitFinished(15, TimeUnit.SECONDS)) {
                if (!stream.comment("keep-alive")) {
                    break;
                }
            }
            listening.close();
        });
        return true;
    }

    private void delete(HttpExchange exchange) throws IOException {
        McpStreamableServerSession session = session(exchange);
        if (session == null) {
            return;
        }
        sessions.remove(session.getId());
        try {
            session.delete().block(Duration.ofSeconds(10));
        } catch (RuntimeException e) {
            log.debug("deleting MCP session {} failed: {}", session.getId(), e.toString());
        }
        exchange.sendResponseHeaders(200, -1);
    }

    private void remember(ServerSseStream stream) {
        streams.put(stream.id(), stream);
    }

    /** The request's session, or null after answering 400 (no header) or 404 (unknown or ended). */
    private McpStreamableServerSession session(HttpExchange exchange) throws IOException {
        String id = exchange.getRequestHeaders().getFirst(SESSION_HEADER);
        if (id == null || id.isBlank()) {
            send(exchange, 400, error(-32600, "no Mcp-Session-Id header: send initialize first, then the session id it returned"));
            return null;
        }
        McpStreamableServerSession session = sessions.get(id);
        if (session == null) {
            send(exchange, 404, error(-32600, "unknown or ended session: " + id + " (initialize again)"));
        }
        return session;
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

}
