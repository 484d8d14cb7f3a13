// SPDX-License-Identifier: Apache-2.0
package org.openagention.examples;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An OpenAI-compatible chat completions endpoint on loopback that misbehaves on cue, for the
 * failure examples: queue replies with {@link #reply} (a status, a body, a {@code Retry-After}) or
 * {@link #hang}; with nothing queued it answers "All good.".
 *
 * <p>Thread-safe. {@link #close()} releases hanging requests and stops the server.
 */
final class LoopbackProvider implements AutoCloseable {
    private static final String OK = "{\"id\":\"c1\",\"model\":\"gpt-4o-mini\",\"choices\":[{\"index\":0,\"message\":"
            + "{\"role\":\"assistant\",\"content\":\"All good.\"},\"finish_reason\":\"stop\"}],"
            + "\"usage\":{\"prompt_tokens\":9,\"completion_tokens\":3,\"total_tokens\":12}}";

    private record Reply(int status, String body, String retryAfter) {}

    private static final Reply HANG = new Reply(200, "", "");

    private final ConcurrentLinkedDeque<Reply> replies = new ConcurrentLinkedDeque<>();
    private final AtomicInteger hits = new AtomicInteger();
    private final CountDownLatch release = new CountDownLatch(1);
    private final ExecutorService handlers = Executors.newCachedThreadPool();   // a hanging reply must not block others
    private final HttpServer server;

    LoopbackProvider() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/v1/chat/completions", exchange -> {
            hits.incrementAndGet();
            Reply r = replies.isEmpty() ? new Reply(200, OK, "") : replies.poll();
            if (r == HANG) {
                awaitRelease();
            }
            byte[] body = r.body().getBytes(StandardCharsets.UTF_8);
            if (!r.retryAfter().isEmpty()) {
                exchange.getResponseHeaders().add("Retry-After", r.retryAfter());
            }
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(r.status(), body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.setExecutor(handlers);
        server.start();
    }

    /** The base URL to give a provider, such as {@code http://127.0.0.1:41234/v1}. */
    String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/v1";
    }

    /** Queues {@code times} replies with {@code status} and {@code body}. */
    LoopbackProvider reply(int times, int status, String body) {
        return reply(times, status, body, "");
    }

    /** Queues {@code times} replies with {@code status}, {@code body} and a {@code Retry-After} header. */
    LoopbackProvider reply(int times, int status, String body, String retryAfter) {
        for (int i = 0; i < times; i++) {
            replies.add(new Reply(status, body, retryAfter));
        }
        return this;
    }

    /** Queues a reply that never comes (until {@link #close()}). */
    LoopbackProvider hang() {
        replies.add(HANG);
        return this;
    }

    /** How many requests have reached the server. */
    int hits() {
        return hits.get();
    }

    private void awaitRelease() {
        try {
            release.await(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        release.countDown();
        server.stop(0);
        handlers.shutdownNow();
    }
}
