// SPDX-License-Identifier: Apache-2.0
package org.openagention.mcp.internal;

import com.sun.net.httpserver.HttpExchange;
import io.modelcontextprotocol.json.McpJsonMapper;
import io.modelcontextprotocol.json.TypeRef;
import io.modelcontextprotocol.spec.McpSchema;
import io.modelcontextprotocol.spec.McpStreamableServerTransport;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;

/**
 * One server-sent-events stream of the streamable HTTP server: a request's stream (it carries the
 * request's notifications and server-to-client requests, then its response) or a session's
 * listening stream. Every event has an id {@code STREAM_N}. A request's stream is resumable: its
 * events are kept, so when the client's connection drops it can come back with GET and
 * {@code Last-Event-ID} ({@link #attach}) and receive what it missed, and what follows. The
 * listening stream ends with its connection. Thread-safe.
 */
final class ServerSseStream implements McpStreamableServerTransport {
    private static final Logger log = LoggerFactory.getLogger(ServerSseStream.class);
    private static final int MAX_KEPT = 1000;

    private record Event(long seq, String text) {}

    private final McpJsonMapper mapper;
    private final String sessionId;
    private final boolean resumable;
    private final String id = UUID.randomUUID().toString();
    private final List<Event> kept = new ArrayList<>();
    private final CountDownLatch finished = new CountDownLatch(1);
    private long seq;
    private HttpExchange exchange;
    private OutputStream out;

    ServerSseStream(McpJsonMapper mapper, String sessionId, boolean resumable) {
        this.mapper = mapper;
        this.sessionId = sessionId;
        this.resumable = resumable;
    }

    String id() {
        return id;
    }

    String sessionId() {
        return sessionId;
    }

    /** The stream id of an event id, or null when it is not one of ours. */
    static String streamOf(String eventId) {
        int sep = eventId == null ? -1 : eventId.lastIndexOf('_');
        return sep <= 0 ? null : eventId.substring(0, sep);
    }

    /**
     * Sends the response headers on {@code exchange} and makes it this stream's connection: first
     * the priming event (an id, the {@code retry} hint, empty data), or, when resuming after
     * {@code lastEventId}, the events kept since then. A finished stream then ends the response.
     */
    synchronized void attach(HttpExchange exchange, long retryMs, String lastEventId) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", "text/event-stream");
        exchange.getResponseHeaders().set("Cache-Control", "no-cache");
        exchange.sendResponseHeaders(200, 0);
        if (this.exchange != null) {
            this.exchange.close();
        }
        this.exchange = exchange;
        this.out = exchange.getResponseBody();
        if (lastEventId == null) {
            write("id: " + id + "_" + (++seq) + "\nretry: " + retryMs + "\ndata: \n\n", false);
        } else {
            long after = parseSeq(lastEventId);
            for (Event e : kept) {
                if (e.seq() > after) {
                    write(e.text(), false);
                }
            }
        }
        if (finished.getCount() == 0) {
            detach();
        }
    }

    private static long parseSeq(String eventId) {
        try {
            return Long.parseLong(eventId.substring(eventId.lastIndexOf('_') + 1));
        } catch (RuntimeException e) {
            return 0;
        }
    }

    @Override
    public Mono<Void> sendMessage(McpSchema.JSONRPCMessage message) {
        return sendMessage(message, null);
    }

    @Override
    public Mono<Void> sendMessage(McpSchema.JSONRPCMessage message, String messageId) {
        return Mono.fromRunnable(() -> {
            String json;
            try {
                json = mapper.writeValueAsString(SdkWorkarounds.outgoing(message));
            } catch (IOException e) {
                throw new IllegalStateException("cannot encode an MCP message: " + e.getMessage(), e);
            }
            synchronized (this) {
                if (finished.getCount() == 0) {
                    log.debug("MCP HTTP: a message for the finished stream {} was dropped", id);
                    return;
                }
                long n = ++seq;
                String text = "id: " + id + "_" + n + "\nevent: message\ndata: " + json + "\n\n";
                if (resumable && kept.size() < MAX_KEPT) {
                    kept.add(new Event(n, text));
                }
                write(text, true);
            }
        });
    }

    /** Writes an SSE comment; false when there is no connection (the client has gone). */
    synchronized boolean comment(String text) {
        return write(": " + text + "\n\n", true);
    }

    /** Writes to the connection, if any; a failed write drops the connection (and ends a listening stream). */
    private boolean write(String text, boolean mayFail) {
        if (out == null) {
            return false;
        }
        try {
            out.write(text.getBytes(StandardCharsets.UTF_8));
            out.flush();
            return true;
        } catch (IOException e) {
            log.debug("MCP HTTP: the client of stream {} has gone: {}", id, e.toString());
            detach();
            if (!resumable) {
                finished.countDown();
            }
            return false;
        }
    }

    private void detach() {
        if (exchange != null) {
            exchange.close();
        }
        exchange = null;
        out = null;
    }

    boolean awaitFinished(long time, TimeUnit unit) {
        try {
            return finished.await(time, unit);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return true;
        }
    }

    boolean isFinished() {
        return finished.getCount() == 0;
    }

    @Override
    public <T> T unmarshalFrom(Object data, TypeRef<T> typeRef) {
        return mapper.convertValue(data, typeRef);
    }

    @Override
    public Mono<Void> closeGracefully() {
        return Mono.fromRunnable(this::close);
    }

    /** Ends the stream: its connection's response ends; a resumable stream keeps its events for a late client. */
    @Override
    public synchronized void close() {
        finished.countDown();
        detach();
    }
}
