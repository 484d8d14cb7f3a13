// SPDX-License-Identifier: Apache-2.0
package org.openagention.bench.providers;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A loopback Chat Completions server for the benchmark: a run of six calls, five asking for the
 * {@code lookup} tool and the sixth answering. The turn is read from the request itself (how many
 * {@code tool_call_id}s it carries), so any client works. Latency is added without blocking a
 * thread per request: the response is written later by a scheduled executor.
 */
final class BenchServer implements AutoCloseable {
    static final int TOOL_TURNS = 5;
    private static final byte[] NEEDLE = "tool_call_id".getBytes(StandardCharsets.US_ASCII);

    private final HttpServer server;
    private final ExecutorService workers = Executors.newFixedThreadPool(2);
    private final ScheduledExecutorService delays = Executors.newSingleThreadScheduledExecutor();
    private final AtomicLong calls = new AtomicLong();
    private volatile long latencyMillis;

    /** The reply to each turn: five tool calls, then the answer. */
    private static final byte[][] REPLIES = replies();

    private static byte[][] replies() {
        byte[][] replies = new byte[TOOL_TURNS + 1][];
        for (int k = 0; k < TOOL_TURNS; k++) {
            replies[k] = ("{\"id\":\"chatcmpl-bench" + k + "\",\"object\":\"chat.completion\",\"created\":1760000000,"
                    + "\"model\":\"gpt-4o-mini-2024-07-18\",\"choices\":[{\"index\":0,\"message\":{\"role\":\"assistant\","
                    + "\"content\":null,\"tool_calls\":[{\"id\":\"call_" + k + "\",\"type\":\"function\",\"function\":{"
                    + "\"name\":\"lookup\",\"arguments\":\"{\\\"n\\\":" + k + "}\"}}],\"refusal\":null},\"logprobs\":null,"
                    + "\"finish_reason\":\"tool_calls\"}],\"usage\":{\"prompt_tokens\":" + (120 + 30 * k)
                    + ",\"completion_tokens\":14,\"total_tokens\":" + (134 + 30 * k) + ",\"prompt_tokens_details\":"
                    + "{\"cached_tokens\":0}},\"system_fingerprint\":\"fp_bench\"}").getBytes(StandardCharsets.UTF_8);
        }
        replies[TOOL_TURNS] = ("{\"id\":\"chatcmpl-benchfinal\",\"object\":\"chat.completion\",\"created\":1760000000,"
                + "\"model\":\"gpt-4o-mini-2024-07-18\",\"choices\":[{\"index\":0,\"message\":{\"role\":\"assistant\","
                + "\"content\":\"The five values are value-0 to value-4.\",\"refusal\":null},\"logprobs\":null,"
                + "\"finish_reason\":\"stop\"}],\"usage\":{\"prompt_tokens\":300,\"completion_tokens\":12,"
                + "\"total_tokens\":312,\"prompt_tokens_details\":{\"cached_tokens\":0}},\"system_fingerprint\":\"fp_bench\"}")
                .getBytes(StandardCharsets.UTF_8);
        return replies;
    }

    /** The reply the server sends to a request body: the turn is how many tool results it carries. */
    static byte[] replyTo(byte[] body) {
        return REPLIES[Math.min(count(body), TOOL_TURNS)];
    }

    BenchServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 4096);
        server.setExecutor(workers);
        server.createContext("/", this::handle);
        server.start();
    }

    String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/v1";
    }

    void latencyMillis(long millis) {
        this.latencyMillis = millis;
    }

    long calls() {
        return calls.get();
    }

    private void handle(HttpExchange exchange) throws IOException {
        byte[] body = exchange.getRequestBody().readAllBytes();
        byte[] reply = replyTo(body);
        calls.incrementAndGet();
        long delay = latencyMillis;
        if (delay <= 0) {
            respond(exchange, reply);
        } else {
            delays.schedule(() -> respond(exchange, reply), delay, TimeUnit.MILLISECONDS);
        }
    }

    private static void respond(HttpExchange exchange, byte[] reply) {
        try (OutputStream out = exchange.getResponseBody()) {
            exchange.getResponseHeaders().add("content-type", "application/json");
            exchange.getResponseHeaders().add("x-request-id", "req_bench");
            exchange.sendResponseHeaders(200, reply.length);
            out.write(reply);
        } catch (IOException e) {
            exchange.close();
        }
    }

    private static int count(byte[] body) {
        int n = 0;
        outer:
        for (int i = 0; i <= body.length - NEEDLE.length; i++) {
            for (int j = 0; j < NEEDLE.length; j++) {
                if (body[i + j] != NEEDLE[j]) {
                    continue outer;
                }
            }
            n++;
        }
        return n;
    }

    @Override
    public void close() {
        server.stop(0);
        workers.shutdownNow();
        delays.shutdownNow();
    }
}
