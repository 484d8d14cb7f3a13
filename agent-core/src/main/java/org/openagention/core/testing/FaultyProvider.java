// SPDX-License-Identifier: Apache-2.0
package org.openagention.core.testing;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * A model provider on a loopback port that fails on cue: a real HTTP server speaking the OpenAI
 * Chat Completions or the Anthropic Messages wire format (JSON and server-sent-event streams),
 * which answers each request with the next step of a script: a {@link Reply} or a {@link Fault}
 * (429 with Retry-After, 5xx, 529, a reset connection, a stream cut mid tool call, a malformed or
 * empty body, a huge body, silence). Point a real provider at {@link #baseUrl()} to test what
 * your code does when the provider misbehaves.
 *
 * <pre>{@code
 * try (FaultyProvider provider = FaultyProvider.openAi()
 *         .then(Fault.status(429).retryAfter(Duration.ofSeconds(1)))
 *         .then(Reply.text("hi"))
 *         .start()) {
 *     Model model = OpenAiModel.builder().apiKey("test").baseUrl(provider.baseUrl()).model("gpt-4o-mini").build();
 *     assertThat(model.complete(request).text()).isEqualTo("hi");
 *     assertThat(provider.requests()).hasSize(2);
 * }
 * }</pre>
 *
 * <p>When the script runs out, requests go to the {@link Builder#otherwise otherwise} answer; with
 * {@link Builder#faultRate} each of those is first replaced, with probability p drawn from a
 * seeded {@link Random}, by a fault from a pool (for soak tests). With neither, an exhausted script
 * answers HTTP 500 with {@code x-should-retry: false} and a message saying so. Whether a request
 * asked for a stream is read from its {@code "stream": true}. Thread-safe; requests are answered
 * concurrently, in order of arrival.
 */
public final class FaultyProvider implements AutoCloseable {

    /** What a {@link FaultyProvider} answers one request with: a {@link Reply} or a {@link Fault}. */
    public sealed interface Answer permits Reply, Fault {}

    /**
     * One request the provider received.
     *
     * @param index its place in order of arrival, from 0
     * @param path the request path, such as {@code /v1/chat/completions}
     * @param headers the request headers (names as the server saw them)
     * @param body the request body (JSON text)
     * @param streaming whether it asked for a server-sent-event stream
     */
    public record Request(int index, String path, Map<String, List<String>> headers, String body, boolean streaming) {
        public Request {
            headers = Map.copyOf(headers);
        }

        /** The first value of a header, matched without regard to case. */
        public Optional<String> header(String name) {
            return headers.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name))
                    .map(e -> e.getValue().get(0)).findFirst();
        }

        /** Whether the request carries tool results (the model is being told what its tool calls returned). */
        public boolean hasToolResults() {
            return body.contains("\"tool_result\"") || body.contains("\"role\":\"tool\"");
        }
    }

    private static final String EXHAUSTED = "the FaultyProvider's script has run out";

    private final FaultyWire wire;
    private final HttpServer server;
    private final ExecutorService executor;
    private final CountDownLatch closed = new CountDownLatch(1);
    private final Deque<Answer> script;
    private final Function<Request, Answer> otherwise;
    private final double faultRate;
    private final Random random;
    private final List<Fault> faultPool;
    private final List<Request> requests = new ArrayList<>();
    private final List<String> answers = new ArrayList<>();
    private int faults;

    private FaultyProvider(Builder b) {
        this.wire = b.wire;
        this.script = new ArrayDeque<>(b.script);
        this.otherwise = b.otherwise;
        this.faultRate = b.faultRate;
        this.random = b.random;
        this.faultPool = List.copyOf(b.faultPool);
        AtomicInteger threads = new AtomicInteger();
        this.executor = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "faulty-provider-" + threads.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 200);
        } catch (IOException e) {
            executor.shutdownNow();
            throw new UncheckedIOException("cannot start a FaultyProvider on a loopback port", e);
        }
        server.setExecutor(executor);
        server.createContext("/", this::handle);
        server.start();
    }

    /** A provider speaking OpenAI Chat Completions ({@code POST {baseUrl}/chat/completions}). */
    public static Builder openAi() {
        return new Builder(FaultyWire.OPENAI);
    }

    /** A provider speaking Anthropic Messages ({@code POST {baseUrl}/v1/messages}). */
    public static Builder anthropic() {
        return new Builder(FaultyWire.ANTHROPIC);
    }

    /**
     * The base URL to give the provider's model builder: {@code http://127.0.0.1:PORT/v1} for
     * OpenAI, {@code http://127.0.0.1:PORT} for Anthropic (whose client appends {@code /v1/messages}).
     */
    public String baseUrl() {
        InetSocketAddress address = server.getAddress();
        return "http://" + address.getAddress().getHostAddress() + ":" + address.getPort() + wire.basePath();
    }

    /** The requests received so far, in order of arrival. */
    public synchronized List<Request> requests() {
        return List.copyOf(requests);
    }

    /** How each request was answered ({@code answers().get(i)} answered {@code requests().get(i)}), such as {@code "status 429"}. */
    public synchronized List<String> answers() {
        return List.copyOf(answers);
    }

    /** How many requests were answered with a {@link Fault}, scripted or drawn. */
    public synchronized int faultsInjected() {
        return faults;
    }

    /**
     * Stops the server: silent requests are released (their connections dropped), every
     * connection is closed and the server's threads end before this returns.
     */
    @Override
    public void close() {
        closed.countDown();
        server.stop(0);
        executor.shutdownNow();
        try {
            executor.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Answers one request. The exchange is closed only by a complete answer: a fault that cuts or
     * drops the connection throws instead, which makes the JDK server close the socket unfinished.
     */
    private void handle(HttpExchange exchange) throws IOException {
        String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        boolean streaming = body.replace(" ", "").contains("\"stream\":true");
        Answer answer;
        int index;
        synchronized (this) {
            index = requests.size();
            Request request = new Request(index, exchange.getRequestURI().getPath(), exchange.getRequestHeaders(),
                    body, streaming);
            requests.add(request);
            answer = next(request);
            answers.add(answer == null ? EXHAUSTED : answer.toString());
            if (answer instanceof Fault) {
                faults++;
            }
        }
        exchange.getResponseHeaders().add(wire.requestIdHeader(), "req_faulty_" + index);
        String model = FaultyBodies.model(body);
        if (answer == null) {
            exchange.getResponseHeaders().add("x-should-retry", "false");
            send(exchange, 500, "application/json", wire.error(500).replace("fault injected by FaultyProvider: HTTP 500",
                    EXHAUSTED));
        } else if (answer instanceof Reply reply) {
            String text = reply.isToolCall()
                    ? wire.toolCall(model, index, reply.toolName(), reply.argumentsJson(), streaming)
                    : wire.text(model, index, reply.text(), streaming);
            send(exchange, 200, contentType(streaming), text);
        } else if (answer instanceof Fault fault) {
            fail(exchange, fault, model, index, streaming);
        }
    }

    /** The next answer: the script's, else the otherwise answer (perhaps replaced by a drawn fault), else null. */
    private Answer next(Request request) {
        Answer scripted = script.poll();
        if (scripted != null) {
            return scripted;
        }
        if (faultRate > 0 && random.nextDouble() < faultRate) {
            return faultPool.get(random.nextInt(faultPool.size()));
        }
        return otherwise == null ? null : Objects.requireNonNull(otherwise.apply(request), "otherwise answered null");
    }

    private void fail(HttpExchange exchange, Fault fault, String model, int index, boolean streaming) throws IOException {
        switch (fault.kind()) {
            case STATUS -> {
                if (fault.retryAfterValue() != null) {
                    long ms = fault.retryAfterValue().toMillis();
                    exchange.getResponseHeaders().add("retry-after-ms", Long.toString(ms));
                    exchange.getResponseHeaders().add("retry-after", Long.toString((ms + 999) / 1000));
                }
                send(exchange, fault.statusCode(), "application/json", wire.error(fault.statusCode()));
            }
            case RESET -> throw new FaultInjected("connection reset");
            case CUT_MID_TOOL_CALL -> {
                String full = wire.toolCall(model, index, "read_file", "{\"path\":\"src/main/java/App.java\",\"limit\":200}",
                        streaming);
                byte[] part = wire.cutToolCall(model, index, streaming).getBytes(StandardCharsets.UTF_8);
                exchange.getResponseHeaders().add("content-type", contentType(streaming));
                exchange.sendResponseHeaders(200, streaming ? 0 : full.getBytes(StandardCharsets.UTF_8).length);
                OutputStream out = exchange.getResponseBody();
                out.write(part);
                out.flush();
                // a handler that throws makes the JDK server drop the connection mid-body: a cut response
                throw new FaultInjected("cut mid tool call");
            }
            case MALFORMED -> send(exchange, 200, contentType(streaming), wire.malformed(streaming));
            case EMPTY_CHOICES -> send(exchange, 200, contentType(streaming), wire.empty(model, index, streaming));
            case HUGE -> send(exchange, 200, contentType(streaming),
                    wire.text(model, index, FaultyBodies.huge(fault.size()), streaming));
            case SILENCE -> {
                try {
                    closed.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                throw new FaultInjected("silence ended by close");
            }
        }
    }

    private static String contentType(boolean streaming) {
        return streaming ? "text/event-stream" : "application/json";
    }

    private static void send(HttpExchange exchange, int status, String contentType, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("content-type", contentType);
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    /** Thrown by a handler to make the JDK server drop the connection; carries no stack trace. */
    private static final class FaultInjected extends RuntimeException {
        FaultInjected(String what) {
            super("FaultyProvider: " + what + " (on purpose)", null, false, false);
        }
    }

    /**
     * Configures a {@link FaultyProvider}: the script, the answer once it runs out, a random fault
     * rate. Not thread-safe; {@link #start()} may be called more than once for independent servers.
     */
    public static final class Builder {
        private final FaultyWire wire;
        private final List<Answer> script = new ArrayList<>();
        private Function<Request, Answer> otherwise;
        private double faultRate;
        private Random random;
        private List<Fault> faultPool = List.of();

        private Builder(FaultyWire wire) {
            this.wire = wire;
        }

        /** Adds the answer to the next request the script has not answered yet. */
        public Builder then(Answer answer) {
            script.add(Objects.requireNonNull(answer, "answer"));
            return this;
        }

        /** Adds {@code answer} {@code times} times in a row. */
        public Builder then(Answer answer, int times) {
            for (int i = 0; i < times; i++) {
                then(answer);
            }
            return this;
        }

        /** What every request after the script gets. */
        public Builder otherwise(Answer answer) {
            Objects.requireNonNull(answer, "answer");
            return otherwise(request -> answer);
        }

        /**
         * What every request after the script gets, chosen from the request; for example a tool call
         * first and a text once tool results come back:
         * {@code otherwise(r -> r.hasToolResults() ? Reply.text("done") : Reply.toolCall("ls", "{}"))}.
         */
        public Builder otherwise(Function<Request, Answer> responder) {
            this.otherwise = Objects.requireNonNull(responder, "responder");
            return this;
        }

        /**
         * Replaces each answer after the script, with probability {@code p}, by one of {@code faults}
         * picked at random; both draws come from {@code new Random(seed)} in order of arrival.
         */
        public Builder faultRate(double p, long seed, Fault... faults) {
            if (!(p >= 0 && p <= 1)) {
                throw new IllegalArgumentException("a fault rate is a probability from 0 to 1: " + p);
            }
            if (faults.length == 0 && p > 0) {
                throw new IllegalArgumentException("a fault rate needs at least one fault to draw");
            }
            this.faultRate = p;
            this.random = new Random(seed);
            this.faultPool = List.of(faults);
            return this;
        }

        /** Starts the server on a free loopback port. */
        public FaultyProvider start() {
            return new FaultyProvider(this);
        }
    }
}
