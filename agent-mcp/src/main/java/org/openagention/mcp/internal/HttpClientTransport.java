// SPDX-License-Identifier: Apache-2.0
package org.openagention.mcp.internal;

import io.modelcontextprotocol.json.McpJsonMapper;
import io.modelcontextprotocol.json.TypeRef;
import io.modelcontextprotocol.spec.McpClientTransport;
import io.modelcontextprotocol.spec.McpSchema;
import io.modelcontextprotocol.spec.McpTransportException;
import io.modelcontextprotocol.spec.McpTransportSessionNotFoundException;
import io.modelcontextprotocol.spec.ProtocolVersions;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * The streamable HTTP transport, client side, on the JDK's {@link HttpClient}: POSTs each message,
 * reads a JSON or server-sent-events answer, keeps the {@code Mcp-Session-Id} and the negotiated
 * {@code MCP-Protocol-Version}, and opens the session's listening stream (GET) once initialized.
 *
 * <p>When a request's event stream ends before its response, it reconnects with GET and
 * {@code Last-Event-ID}, waiting the server's {@code retry} hint first (SEP-1699). A 401 and a
 * 403 {@code insufficient_scope} are handed to the {@link HttpAuthorizer}, and the request is sent
 * again when it obtained a (better) token; a bounded number of times. Thread-safe.
 */
public final class HttpClientTransport implements McpClientTransport {
    private static final Logger log = LoggerFactory.getLogger(HttpClientTransport.class);
    private static final long DEFAULT_RETRY_MS = 1000;
    private static final int MAX_RESUMPTIONS = 5;
    private static final int MAX_AUTH_ATTEMPTS = 3;

    private final HttpClient http;
    private final URI endpoint;
    private final Map<String, String> headers;
    private final McpJsonMapper mapper;
    private final HttpAuthorizer auth;
    private final Set<InputStream> open = ConcurrentHashMap.newKeySet();
    private final ExecutorService readers = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "mcp-http-client-sse");
        t.setDaemon(true);
        return t;
    });
    private volatile Function<Mono<McpSchema.JSONRPCMessage>, Mono<McpSchema.JSONRPCMessage>> handler;
    private volatile String sessionId;
    private volatile String protocolVersion;
    private volatile boolean closed;

    public HttpClientTransport(HttpClient http, URI endpoint, Map<String, String> headers, McpJsonMapper mapper, HttpAuthorizer auth) {
        this.http = Objects.requireNonNull(http, "http");
        this.endpoint = Objects.requireNonNull(endpoint, "endpoint");
        this.headers = Map.copyOf(headers);
        this.mapper = mapper;
        this.auth = auth;
    }

    @Override
    public List<String> protocolVersions() {
        return List.of(ProtocolVersions.MCP_2024_11_05, ProtocolVersions.MCP_2025_03_26, ProtocolVersions.MCP_2025_06_18,
                ProtocolVersions.MCP_2025_11_25);
    }

    @Override
    public Mono<Void> connect(Function<Mono<McpSchema.JSONRPCMessage>, Mono<McpSchema.JSONRPCMessage>> handler) {
        this.handler = handler;
        return Mono.empty();
    }

    @Override
    public Mono<Void> sendMessage(McpSchema.JSONRPCMessage message) {
        return Mono.<Void>fromRunnable(() -> post(message)).subscribeOn(Schedulers.boundedElastic());
    }

    private void post(McpSchema.JSONRPCMessage message) {
        if (closed) {
            throw new McpTransportException("the connection to " + endpoint + " is closed");
        }
        String json;
        try {
            json = mapper.writeValueAsString(message);
        } catch (IOException e) {
            throw new McpTransportException("cannot encode an MCP message: " + e.getMessage(), e);
        }
        HttpResponse<InputStream> response = null;
        for (int attempt = 1; ; attempt++) {
            HttpRequest.Builder request = request().header("Content-Type", "application/json")
                    .header("Accept", "application/json, text/event-stream")
                    .POST(HttpRequest.BodyPublishers.ofString(json));
            response = send(request);
            int status = response.statusCode();
            if ((status == 401 || status == 403) && attempt < MAX_AUTH_ATTEMPTS) {
                drain(response);
                boolean retry = status == 401 ? auth.unauthorized(response.headers()) : auth.forbidden(response.headers());
                if (retry) {
                    continue;
                }
                throw new McpTransportException("HTTP " + status + " from " + endpoint + authDetail(response));
            }
            break;
        }
        int status = response.statusCode();
        response.headers().firstValue("Mcp-Session-Id").ifPresent(id -> sessionId = id);
        if (status == 404 && sessionId != null) {
            drain(response);
            throw new McpTransportSessionNotFoundException("the server ended the session " + sessionId);
        }
        if (status >= 400) {
            String body = read(response);
            throw new McpTransportException("HTTP " + status + " from " + endpoint + authDetail(response)
                    + (body.isBlank() ? "" : ": " + abbreviate(body)));
        }
        String type = response.headers().firstValue("Content-Type").orElse("");
        if (status == 202 || type.isBlank()) {
            drain(response);
        } else if (type.contains("text/event-stream")) {
            Object id = message instanceof McpSchema.JSONRPCRequest r ? r.id() : null;
            InputStream body = response.body();
            readers.execute(() -> stream(body, id, 0));
        } else {
            String body = read(response);
            if (!body.isBlank()) {
                deliver(body);
            }
        }
        if (message instanceof McpSchema.JSONRPCNotification n && McpSchema.METHOD_NOTIFICATION_INITIALIZED.equals(n.method())) {
            readers.execute(this::listen);
        }
    }

    private static String authDetail(HttpResponse<?> response) {
        return response.headers().firstValue("WWW-Authenticate").map(h -> " (WWW-Authenticate: " + h + ")").orElse("");
    }

    private HttpRequest.Builder request() {
        HttpRequest.Builder b = HttpRequest.newBuilder(endpoint);
        headers.forEach(b::header);
        if (sessionId != null) {
            b.header("Mcp-Session-Id", sessionId);
        }
        if (protocolVersion != null) {
            b.header("MCP-Protocol-Version", protocolVersion);
        }
        auth.authorization().ifPresent(a -> b.setHeader("Authorization", a));
        return b;
    }

    private HttpResponse<InputStream> send(HttpRequest.Builder request) {
        try {
            return http.send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
        } catch (IOException e) {
            throw new McpTransportException("cannot reach " + endpoint + ": " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new McpTransportException("interrupted while talking to " + endpoint, e);
        }
    }

    /** The session's listening stream: opened once initialized, resumed while the transport is open. */
    private void listen() {
        String lastId = null;
        long retry = DEFAULT_RETRY_MS;
        for (int attempt = 0; !closed && attempt < 100; attempt++) {
            HttpRequest.Builder request = request().header("Accept", "text/event-stream").GET();
            if (lastId != null) {
                request.header("Last-Event-ID", lastId);
            }
            HttpResponse<InputStream> response;
            try {
                response = send(request);
            } catch (McpTransportException e) {
                log.debug("the listening stream of {} failed: {}", endpoint, e.getMessage());
                return;
            }
            if (response.statusCode() != 200) {
                drain(response); // 405: the server offers no listening stream
                return;
            }
            SseReader.Outcome outcome = read(response.body(), null);
            lastId = outcome.lastId() == null ? lastId : outcome.lastId();
            retry = outcome.retryMs() < 0 ? retry : outcome.retryMs();
            if (!pause(retry)) {
                return;
            }
        }
    }

    /** Reads a request's stream; when it ends before the response, resumes it with GET and Last-Event-ID. */
    private void stream(InputStream body, Object requestId, int resumptions) {
        SseReader.Outcome outcome = read(body, requestId);
        if (outcome.answered() || closed || outcome.lastId() == null || resumptions >= MAX_RESUMPTIONS) {
            return;
        }
        if (!pause(outcome.retryMs() < 0 ? DEFAULT_RETRY_MS : outcome.retryMs())) {
            return;
        }
        HttpResponse<InputStream> response;
        try {
            response = send(request().header("Accept", "text/event-stream").header("Last-Event-ID", outcome.lastId()).GET());
        } catch (McpTransportException e) {
            log.debug("cannot resume the stream of request {}: {}", requestId, e.getMessage());
            return;
        }
        if (response.statusCode() != 200) {
            drain(response);
            log.debug("the server refused to resume the stream of request {} (HTTP {})", requestId, response.statusCode());
            return;
        }
        stream(response.body(), requestId, resumptions + 1);
    }

    private SseReader.Outcome read(InputStream body, Object requestId) {
        open.add(body);
        try {
            return SseReader.read(body, requestId, this::deliver);
        } finally {
            open.remove(body);
        }
    }

    private boolean pause(long millis) {
        try {
            Thread.sleep(millis);
            return !closed;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** Hands one message to the session; returns its JSON-RPC id when it is a response. */
    private Object deliver(String json) {
        McpSchema.JSONRPCMessage message;
        try {
            message = McpSchema.deserializeJsonRpcMessage(mapper, json);
        } catch (IOException | RuntimeException e) {
            log.warn("{} sent something that is not JSON-RPC, ignored: {}", endpoint, abbreviate(json));
            return null;
        }
        if (message instanceof McpSchema.JSONRPCResponse r && r.result() instanceof Map<?, ?> result
                && result.get("protocolVersion") instanceof String version && result.containsKey("serverInfo")) {
            protocolVersion = version;
        }
        var h = handler;
        if (h != null) {
            h.apply(Mono.just(message)).subscribe(m -> { }, e -> log.debug("handling a message from {} failed", endpoint, e));
        }
        return message instanceof McpSchema.JSONRPCResponse r ? r.id() : null;
    }

    private static void drain(HttpResponse<InputStream> response) {
        try (InputStream in = response.body()) {
            in.readNBytes(64 * 1024);
        } catch (IOException e) {
            // nothing to read
        }
    }

    private static String read(HttpResponse<InputStream> response) {
        try (InputStream in = response.body()) {
            return new String(in.readNBytes(16 * 1024 * 1024), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new McpTransportException("cannot read the answer: " + e.getMessage(), e);
        }
    }

    private static String abbreviate(String s) {
        return s.length() <= 300 ? s : s.substring(0, 300) + "...";
    }

    @Override
    public Mono<Void> closeGracefully() {
        return Mono.<Void>fromRunnable(this::close).subscribeOn(Schedulers.boundedElastic());
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        for (InputStream in : open) {
            try {
                in.close();
            } catch (IOException e) {
                // closing anyway
            }
        }
        String id = sessionId;
        if (id != null) {
            try {
                HttpRequest.Builder delete = HttpRequest.newBuilder(endpoint).timeout(Duration.ofSeconds(2)).DELETE()
                        .header("Mcp-Session-Id", id);
                headers.forEach(delete::header);
                auth.authorization().ifPresent(a -> delete.setHeader("Authorization", a));
                http.send(delete.build(), HttpResponse.BodyHandlers.discarding());
            } catch (IOException | RuntimeException e) {
                log.debug("ending the session at {} failed: {}", endpoint, e.toString());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        readers.shutdownNow();
    }

    @Override
    public <T> T unmarshalFrom(Object data, TypeRef<T> typeRef) {
        return mapper.convertValue(data, typeRef);
    }
}
