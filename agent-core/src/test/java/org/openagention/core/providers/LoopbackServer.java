// SPDX-License-Identifier: Apache-2.0
package org.openagention.core.providers;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A real HTTP server on a loopback port for provider wire tests: answers each request with the
 * next scripted {@link Reply} and records what it received. Close it after the test.
 */
public final class LoopbackServer implements AutoCloseable {

    /**
     * One scripted answer. {@code cutAfter} >= 0 sends only that many body bytes, then drops the
     * connection; with {@code hold} as well, it goes silent after those bytes until {@code hold}
     * opens (a stream that stalls). {@code hold} alone holds the reply back before its headers.
     */
    public record Reply(int status, Map<String, String> headers, byte[] body, int cutAfter, CountDownLatch hold) {
        public static Reply json(int status, String body) {
            return new Reply(status, Map.of("content-type", "application/json"), body.getBytes(StandardCharsets.UTF_8),
                    -1, null);
        }

        public static Reply json(String body) {
            return json(200, body);
        }

        public static Reply sse(String body) {
            return new Reply(200, Map.of("content-type", "text/event-stream"), body.getBytes(StandardCharsets.UTF_8),
                    -1, null);
        }

        public Reply header(String name, String value) {
            Map<String, String> h = new LinkedHashMap<>(headers);
            h.put(name, value);
            return new Reply(status, h, body, cutAfter, hold);
        }

        /** This reply, with the connection dropped after {@code bytes} bytes of the body. */
        public Reply cutAfter(int bytes) {
            return new Reply(status, headers, body, bytes, hold);
        }

        /** This reply's headers and first {@code bytes} body bytes, then silence until {@code latch} opens, then a dropped connection. */
        public Reply silentAfter(int bytes, CountDownLatch latch) {
            return new Reply(status, headers, body, bytes, latch);
        }

        /** This reply, held back (no headers sent) until {@code latch} opens. */
        public Reply holdUntil(CountDownLatch latch) {
            return new Reply(status, headers, body, cutAfter, latch);
        }
    }

    /** What the server received. */
    public record Received(String method, String path, Map<String, List<String>> headers, String body) {
        public String header(String name) {
            for (Map.Entry<String, List<String>> e : headers.entrySet()) {
                if (e.getKey().equalsIgnoreCase(name)) {
                    return e.getValue().get(0);
                }
            }
            return null;
        }
    }

    private final HttpServer server;
    private final ExecutorService executor = Executors.newCachedThreadPool();
    private final BlockingQueue<Reply> replies = new LinkedBlockingQueue<>();
    private final List<Received> received = new ArrayList<>();

    public LoopbackServer() {
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.setExecutor(executor);
        server.createContext("/", this::handle);
        server.start();
    }

    /** The base URL, such as {@code http://127.0.0.1:PORT/v1}. */
    public String baseUrl() {
        return "http://" + server.getAddress().getAddress().getHostAddress() + ":" + server.getAddress().getPort()
                + "/v1";
    }

    public URI uri(String path) {
        return URI.create(baseUrl() + path);
    }

    public LoopbackServer enqueue(Reply reply) {
        replies.add(reply);
        return this;
    }

    /** Enqueues a 200 JSON reply read from a test resource under {@code providers/}. */
    public LoopbackServer enqueueJsonResource(String resource) {
        return enqueue(Reply.json(resource(resource)));
    }

    /** Enqueues a 200 SSE reply read from a test resource under {@code providers/}. */
    public LoopbackServer enqueueSseResource(String resource) {
        return enqueue(Reply.sse(resource(resource)));
    }

    public synchronized List<Received> received() {
        return List.copyOf(received);
    }

    public synchronized int requestCount() {
        return received.size();
    }

    /** The text of a test resource under {@code providers/}. */
    public static String resource(String name) {
        try (InputStream in = LoopbackServer.class.getResourceAsStream("/providers/" + name)) {
            if (in == null) {
                throw new IllegalArgumentException("no test resource providers/" + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static String file(Path path) {
        try {
            return Files.readString(path);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void handle(HttpExchange exchange) throws IOException {
        String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        synchronized (this) {
            received.add(new Received(exchange.getRequestMethod(), exchange.getRequestURI().getPath(),
                    Map.copyOf(exchange.getRequestHeaders()), body));
        }
        Reply reply = replies.poll();
        if (reply == null) {
            reply = Reply.json(500, "{\"error\":{\"message\":\"the loopback server has no reply scripted\"}}")
                    .header("x-should-retry", "false");
        }
        if (reply.hold() != null && reply.cutAfter() < 0) {
            try {
                reply.hold().await(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        reply.headers().forEach((k, v) -> exchange.getResponseHeaders().add(k, v));
        byte[] bytes = reply.body();
        if (reply.cutAfter() >= 0) {
            exchange.sendResponseHeaders(reply.status(), bytes.length);
            OutputStream out = exchange.getResponseBody();
            out.write(bytes, 0, reply.cutAfter());
            out.flush();
            if (reply.hold() != null) {
                try {
                    reply.hold().await(30, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            // a handler that throws makes the JDK server drop the connection mid-body: a cut stream
            throw new IllegalStateException("loopback server cutting the response short on purpose");
        }
        exchange.sendResponseHeaders(reply.status(), bytes.length == 0 ? -1 : bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
