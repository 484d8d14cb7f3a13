// SPDX-License-Identifier: Apache-2.0
package org.openagention.cli.acp;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;

/**
 * JSON-RPC 2.0 over newline-delimited JSON on a pair of streams, both ways at once: the editor's
 * requests and notifications are handed to a {@link Handler} (requests on worker threads, so that a
 * long {@code session/prompt} does not hold up {@code session/cancel} or the answers to this side's
 * own requests), and {@link #request} sends this side's requests and waits for their answers.
 *
 * <p>Thread-safe: messages are written one whole line at a time.
 */
final class JsonRpc {
    /** What this side answers. */
    interface Handler {
        /** Answers a request; throw {@link RpcError} for a JSON-RPC error. */
        JsonNode request(String method, JsonNode params) throws Exception;

        /** Called once the answer to a request has been sent (to send what must follow it). */
        default void answered(String method, JsonNode params, JsonNode result) {}

        /** Takes a notification; must not block for long. */
        void notification(String method, JsonNode params);
    }

    /** A JSON-RPC error answer: its code and message. */
    static final class RpcError extends RuntimeException {
        static final int INVALID_PARAMS = -32602;
        static final int METHOD_NOT_FOUND = -32601;
        static final int INTERNAL = -32603;
        static final int RESOURCE_NOT_FOUND = -32002;

        final int code;

        RpcError(int code, String message) {
            super(message);
            this.code = code;
        }
    }

    private final InputStream in;
    private final OutputStream out;
    private final Map<Long, CompletableFuture<JsonNode>> pending = new ConcurrentHashMap<>();
    private final AtomicLong ids = new AtomicLong();
    private final ExecutorService workers = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "acp-request");
        t.setDaemon(true);
        return t;
    });

    JsonRpc(InputStream in, OutputStream out) {
        this.in = in;
        this.out = out;
    }

    /** Reads messages until the input ends, dispatching them to {@code handler}. */
    void serve(Handler handler) throws IOException {
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            String line;
            while ((line = reader.readLine()) != null) {
                if (!line.isBlank()) {
                    dispatch(line, handler);
                }
            }
        } finally {
            pending.values().forEach(f -> f.completeExceptionally(new IOException("the editor closed the connection")));
            workers.shutdownNow();
        }
    }

    private void dispatch(String line, Handler handler) {
        JsonNode msg;
        try {
            msg = AcpJson.MAPPER.readTree(line);
        } catch (IOException e) {
            send(error(null, -32700, "not JSON: " + e.getMessage()));
            return;
        }
        JsonNode id = msg.get("id");
        String method = msg.path("method").asText("");
        if (method.isEmpty()) {
            CompletableFuture<JsonNode> f = id == null ? null : pending.remove(id.asLong());
            if (f != null) {
                if (msg.has("error")) {
                    f.completeExceptionally(new RpcError(msg.path("error").path("code").asInt(),
                            msg.path("error").path("message").asText("")));
                } else {
                    f.complete(msg.path("result"));
                }
            }
            return;
        }
        JsonNode params = msg.path("params");
        if (id == null) {
            handler.notification(method, params);
            return;
        }
        workers.execute(() -> {
            try {
                JsonNode result = handler.request(method, params);
                ObjectNode answer = AcpJson.object().put("jsonrpc", "2.0");
                answer.set("id", id);
                answer.set("result", result == null ? AcpJson.MAPPER.nullNode() : result);
                send(answer);
                handler.answered(method, params, result);
            } catch (RpcError e) {
                send(error(id, e.code, e.getMessage()));
            } catch (Exception e) {
                send(error(id, RpcError.INTERNAL, e.getClass().getSimpleName() + ": " + e.getMessage()));
            }
        });
    }

    /** Sends a request and returns its answer's result (completed exceptionally with an {@link RpcError}). */
    CompletableFuture<JsonNode> request(String method, JsonNode params) {
        long id = ids.incrementAndGet();
        CompletableFuture<JsonNode> f = new CompletableFuture<>();
        pending.put(id, f);
        ObjectNode msg = AcpJson.object().put("jsonrpc", "2.0").put("id", id).put("method", method);
        msg.set("params", params);
        send(msg);
        return f;
    }

    /** Sends a notification. */
    void notify(String method, JsonNode params) {
        ObjectNode msg = AcpJson.object().put("jsonrpc", "2.0").put("method", method);
        msg.set("params", params);
        send(msg);
    }

    private static ObjectNode error(JsonNode id, int code, String message) {
        ObjectNode msg = AcpJson.object().put("jsonrpc", "2.0");
        msg.set("id", id == null ? AcpJson.MAPPER.nullNode() : id);
        msg.set("error", AcpJson.object().put("code", code).put("message", message));
        return msg;
    }

    private void send(JsonNode msg) {
        byte[] line;
        try {
            line = (AcpJson.MAPPER.writeValueAsString(msg) + "\n").getBytes(StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        synchronized (out) {
            try {
                out.write(line);
                out.flush();
            } catch (IOException e) {
                // the editor is gone; the reader sees the end of input and stops
            }
        }
    }
}
