// SPDX-License-Identifier: Apache-2.0
package org.openagention.examples;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import org.openagention.core.Agent;
import org.openagention.core.AgentEvent;
import org.openagention.core.AgentLoop;
import org.openagention.core.RetryPolicy;
import org.openagention.core.RunOptions;
import org.openagention.core.RunResult;
import org.openagention.core.StopReason;
import org.openagention.core.journal.JournalException;
import org.openagention.core.journal.JournalStore;
import org.openagention.core.model.Model;
import org.openagention.core.providers.CircuitBreaker;
import org.openagention.core.providers.OpenAiModel;
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
    /** How the runs of this example ended, counted by a listener: the metrics side of observability. */
    private static final Map<StopReason, Integer> OUTCOMES = new EnumMap<>(StopReason.class);

    public static void main(String[] args) throws Exception {
        OUTCOMES.clear();
        FakeSleeper sleeper = new FakeSleeper();   // records the waits instead of sleeping through them
        FakeClock clock = new FakeClock();
        try (Example ex = Example.start(20, "failures, retries, recovery and observability", args);
                LoopbackProvider server = new LoopbackProvider()) {
            OpenAiModel.Builder provider = OpenAiModel.builder().baseUrl(server.baseUrl()).apiKey("sk-example")
                    .model("gpt-4o-mini")
                    .http(h -> h.sleeper(sleeper).clock(clock).retryPolicy(RetryPolicy.builder().maxAttempts(4)
                            .initialBackoff(Duration.ofMillis(250)).jitter(0).build()));   // no randomness: exact waits

            ex.step("RATE_LIMIT: a 429 with Retry-After: 2 is waited out as the server asked, then retried");
            server.reply(1, 429, "{\"error\":{\"message\":\"slow down\"}}", "2");
            ex.say(call(provider.build()) + "; waits: " + sleeper.sleeps());

            ex.step("Server errors: 500 and 503 retried with exponential backoff (250 ms, then 500 ms)");
            server.reply(1, 500, "{}").reply(1, 503, "{}");
            ex.say(call(provider.build()) + "; waits so far: " + sleeper.sleeps());

            ex.step("Retries run out: four 503s in a row end the run with a reason, not an exception");
            server.reply(4, 503, "{\"error\":{\"message\":\"overloaded\"}}");
            ex.say(call(provider.build()));

            ex.step("TIMEOUT and MALFORMED responses are typed failures too");
            server.hang();
            ex.say(call(provider.http(h -> h.retryPolicy(RetryPolicy.none()).requestTimeout(Duration.ofMillis(300)))
                    .build()));
            server.reply(1, 200, "this is not JSON");
            ex.say(call(provider.build()));

            ex.step("Circuit breaker: 2 failures open it; calls then fail fast without reaching the server");
            CircuitBreaker breaker = CircuitBreaker.builder().failureThreshold(2).cooldown(Duration.ofSeconds(30))
                    .clock(clock).build();
            Model guarded = provider.http(h -> h.circuitBreaker(breaker)).build();
            String endpoint = server.baseUrl() + "/chat/completions";
            server.reply(2, 503, "{}");
            for (int i = 1; i <= 3; i++) {
                int before = server.hits();
                ex.say("call " + i + ": " + call(guarded) + " [server hit: " + (server.hits() > before) + ", breaker "
                        + breaker.state(endpoint) + "]");
            }
            clock.advance(Duration.ofSeconds(30));
            ex.say("after the 30 s cooldown the breaker is " + breaker.state(endpoint) + "; a trial call: "
                    + call(guarded) + "; breaker " + breaker.state(endpoint));

            ex.step("CHECKPOINT_CORRUPTION: a crash mid-write tears the journal's last line; resume uses what is whole");
            Path journalDir = ex.tempDir();
            Agent agent = Agent.builder().model(new FakeModel().enqueueText("first half done")).build();
            AgentLoop loop = agent.start("Do the work.", RunOptions.builder().journal(JournalStore.file(journalDir)).build());
            loop.step();
            Path file = journalDir.resolve(loop.runId() + ".jsonl");
            Files.writeString(file, "{\"seq\":99,\"type\":\"model.resp", StandardOpenOption.APPEND);
            RunResult resumed = agent.resume(loop.runId(),
                    RunOptions.builder().journal(JournalStore.file(journalDir)).build());
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
        }
    }

    /** One agent run on {@code model}, described by how it ended. */
    private static String call(Model model) {
        RunResult r = Agent.builder().model(model).addListener(event -> {
            if (event instanceof AgentEvent.RunFinished f) {
                OUTCOMES.merge(f.result().stopReason(), 1, Integer::sum);
            }
        }).build().run("Say something.");
        return r.isSuccess() ? "answered \"" + r.finalText() + "\"" : r.stopReason() + ": " + Example.oneLine(r.detail());
    }
}
