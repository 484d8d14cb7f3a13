package org.openagention.examples;

import com.sun.net.httpserver.HttpServer;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.openagention.core.Agent;
import org.openagention.core.AgentEvent;
import org.openagention.core.AgentLoop;
import org.openagention.core.RunResult;
import org.openagention.core.StopReason;
import org.openagention.core.journal.JournalException;
import org.openagention.core.journal.JournalStore;
import org.openagention.core.model.Model;
import org.openagention.core.providers.CircuitBreaker;
import org.openagention.core.providers.OpenAiModel;
import org.openagention.core.providers.RetryPolicy;
import org.openagention.core.testing.FakeClock;
import org.openagention.core.testing.FakeModel;
import org.openagention.core.testing.FakeSleeper;

/**
 * Chapter 20, failures, retries, recovery and observability: every failure has a name, a
 * bounded recovery, and leaves a trace.
 *
 * <p>Runs a real OpenAI-compatible HTTP server on loopback that misbehaves on cue. Shows a rate
 * limit waited out as the server asked; server errors retried with exponential backoff; retries
 * running out and the run ending with a reason; a timeout; an unreadable response; a circuit
 * breaker that opens after repeated failures, fails fast, and closes again after a successful
 * trial call; and a journal torn by a crash mid-write, resumed from its last whole entry.
 */
public final class Ch20FailuresAndRecovery {
    /** One scripted reply of the loopback server: a status, a body, and an optional Retry-After. */
    record Reply(int status, String body, String retryAfter) {}

    static final String OK = "{\"id\":\"c1\",\"model\":\"gpt-4o-mini\",\"choices\":[{\"index\":0,\"message\":{\"role\":"
            + "\"assistant\",\"content\":\"All good.\"},\"finish_reason\":\"stop\"}],\"usage\":{\"prompt_tokens\":9,"
            + "\"completion_tokens\":3,\"total_tokens\":12}}";
    static final Reply HANG = new Reply(0, "", "");

    public static void main(String[] args) throws Exception {
        ConcurrentLinkedDeque<Reply> replies = new ConcurrentLinkedDeque<>();
        AtomicInteger hits = new AtomicInteger();
        CountDownLatch release = new CountDownLatch(1);
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/v1/chat/completions", exchange -> {
            hits.incrementAndGet();
            Reply r = replies.isEmpty() ? new Reply(200, OK, "") : replies.poll();
            if (r == HANG) {
                awaitQuietly(release);
            }
            byte[] body = r.body().getBytes(StandardCharsets.UTF_8);
            if (!r.retryAfter().isEmpty()) {
                exchange.getResponseHeaders().add("Retry-After", r.retryAfter());
            }
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(r == HANG ? 200 : r.status(), body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        ExecutorService handlers = Executors.newCachedThreadPool();   // a hanging reply must not block the others
        server.setExecutor(handlers);
        server.start();
        String base = "http://127.0.0.1:" + server.getAddress().getPort() + "/v1";
        FakeSleeper sleeper = new FakeSleeper();   // records the waits instead of sleeping through them
        FakeClock clock = new FakeClock();
        OpenAiModel.Builder provider = OpenAiModel.builder().baseUrl(base).apiKey("sk-example").model("gpt-4o-mini")
                .sleeper(sleeper).clock(clock)
                .retryPolicy(RetryPolicy.builder().maxAttempts(4).initialBackoff(Duration.ofMillis(250)).jitter(() -> 1.0).build());
        try (Example ex = Example.start(20, "failures, retries, recovery and observability", args)) {
            ex.step("RATE_LIMIT: a 429 with Retry-After: 2 is waited out as the server asked, then retried");
            replies.add(new Reply(429, "{\"error\":{\"message\":\"slow down\"}}", "2"));
            ex.say(call(ex, provider.build()) + "; waits: " + sleeper.sleeps());

            ex.step("Server errors: 500 and 503 retried with exponential backoff (250 ms, then 500 ms)");
            replies.add(new Reply(500, "{}", ""));
            replies.add(new Reply(503, "{}", ""));
            ex.say(call(ex, provider.build()) + "; waits so far: " + sleeper.sleeps());

            ex.step("Retries run out: four 503s in a row end the run with a reason, not an exception");
            for (int i = 0; i < 4; i++) {
                replies.add(new Reply(503, "{\"error\":{\"message\":\"overloaded\"}}", ""));
            }
            ex.say(call(ex, provider.build()));

            ex.step("TIMEOUT and MALFORMED responses are typed failures too");
            replies.add(HANG);
            ex.say(call(ex, provider.retryPolicy(RetryPolicy.none()).readTimeout(Duration.ofMillis(300)).build()));
            replies.add(new Reply(200, "this is not JSON", ""));
            ex.say(call(ex, provider.build()));

            ex.step("Circuit breaker: 2 failures open it; calls then fail fast without reaching the server");
            CircuitBreaker breaker = CircuitBreaker.builder().failureThreshold(2).cooldown(Duration.ofSeconds(30))
                    .clock(clock).build();
            Model guarded = provider.circuitBreaker(breaker).build();
            String endpoint = base + "/chat/completions";
            replies.add(new Reply(503, "{}", ""));
            replies.add(new Reply(503, "{}", ""));
            for (int i = 1; i <= 3; i++) {
                int before = hits.get();
                ex.say("call " + i + ": " + call(ex, guarded) + " [server hit: " + (hits.get() > before) + ", breaker "
                        + breaker.state(endpoint) + "]");
            }
            clock.advance(Duration.ofSeconds(30));
            ex.say("after the 30 s cooldown the breaker is " + breaker.state(endpoint) + "; a trial call: "
                    + call(ex, guarded) + "; breaker " + breaker.state(endpoint));

            ex.step("CHECKPOINT_CORRUPTION: a crash mid-write tears the journal's last line; resume uses what is whole");
            Path journalDir = ex.tempDir();
            Agent agent = Agent.builder().model(new FakeModel().enqueueText("first half done"))
                    .journal(JournalStore.file(journalDir)).build();
            AgentLoop loop = agent.start("Do the work.");
            loop.step();
            Path file = journalDir.resolve(loop.runId() + ".jsonl");
            Files.writeString(file, "{\"seq\":99,\"type\":\"model.resp", StandardOpenOption.APPEND);
            RunResult resumed = agent.toBuilder().journal(JournalStore.file(journalDir)).build().resume(loop.runId());
            ex.say("resumed: " + resumed.stopReason() + " with \"" + resumed.finalText() + "\" (replayed, no model call)");
            Files.writeString(file, "garbage in the middle\n" + Files.readString(file));
            try {
                JournalStore.file(journalDir).read(loop.runId());
            } catch (JournalException e) {
                ex.refused("a journal damaged in the middle (not silently skipped)", e);
            }

            ex.step("Observability: a listener counted every run's outcome; an alert fires above a threshold");
            int runs = OUTCOMES.values().stream().mapToInt(Integer::intValue).sum();
            double errorRate = OUTCOMES.getOrDefault(StopReason.MODEL_ERROR, 0) / (double) runs;
            ex.say(runs + " runs: " + OUTCOMES);
            ex.say(String.format("model error rate %.0f%% %s the 20%% threshold%s", errorRate * 100,
                    errorRate > 0.2 ? "is above" : "is within", errorRate > 0.2 ? ": ALERT" : ""));
        } finally {
            release.countDown();
            server.stop(0);
            handlers.shutdownNow();
        }
    }

    /** How the runs of this example ended, counted by a listener: the metrics side of observability. */
    private static final Map<StopReason, Integer> OUTCOMES = new EnumMap<>(StopReason.class);

    /** One agent run on {@code model}, described by how it ended. */
    private static String call(Example ex, Model model) {
        RunResult r = Agent.builder().model(model).addListener(event -> {
            if (event instanceof AgentEvent.RunFinished f) {
                OUTCOMES.merge(f.result().stopReason(), 1, Integer::sum);
            }
        }).build().run("Say something.");
        return r.isSuccess() ? "answered \"" + r.finalText() + "\"" : r.stopReason() + ": " + Example.oneLine(r.detail());
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
