// SPDX-License-Identifier: Apache-2.0
package org.openagention.core.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpClient;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openagention.core.Agent;
import org.openagention.core.RunResult;
import org.openagention.core.StopReason;
import org.openagention.core.journal.JournalEntry;
import org.openagention.core.journal.JournalStore;
import org.openagention.core.model.Model;
import org.openagention.core.providers.AnthropicModel;
import org.openagention.core.providers.HttpOptions;
import org.openagention.core.providers.OpenAiModel;
import org.openagention.core.RetryPolicy;
import org.openagention.core.RunOptions;
import org.openagention.core.tool.Tool;
import org.openagention.core.tool.ToolResult;

/**
 * The soak: 200 agent runs at a time for a minute (system property {@code openagention.soak.seconds}),
 * against OpenAI and Anthropic faulty providers (JSON and streamed) that inject a fault into 5% of
 * answers; every run journals to files. Every run must end with the stop reason its faults
 * explain, none may hang or throw, and threads, file descriptors and child processes must return
 * to their baseline afterwards.
 */
@Tag("soak")
class FaultyProviderSoakTest {
    private static final int CONCURRENT = 200;
    private static final Duration DURATION = Duration.ofSeconds(Long.getLong("openagention.soak.seconds", 60));
    private static final Pattern MARKER = Pattern.compile("soak-run w(\\d+)n(\\d+)\\b");

    record Note(String text) {}

    record Outcome(String marker, String runId, StopReason reason, String detail, Throwable thrown) {}

    @TempDir
    Path journals;

    private static FaultyProvider.Builder faulty(FaultyProvider.Builder b, long seed) {
        return b.otherwise(r -> r.hasToolResults() ? Reply.text("done") : Reply.toolCall("note", "{\"text\":\"soak\"}"))
                .faultRate(0.05, seed, Fault.status(429).retryAfter(Duration.ofMillis(50)), Fault.status(500),
                        Fault.status(503), Fault.status(529), Fault.connectionReset(), Fault.cutMidToolCall());
    }

    /** The one place the run's configuration (journal, streaming) meets the agent builder. */
    /** An agent with the options its runs take. */
    private record Runner(Agent agent, RunOptions options) {
        RunResult run(String input) {
            return agent.run(input, options);
        }
    }

    private static Runner agent(Model model, boolean streaming, JournalStore journal) {
        Tool note = Tool.of("note", "Notes a text", Note.class, (args, ctx) -> ToolResult.success("noted " + args.text()));
        return new Runner(Agent.builder().model(model).addTool(note).build(),
                RunOptions.builder().streaming(streaming).journal(journal).build());
    }

    @Test
    void twoHundredConcurrentRunsWithFivePercentFaultsEndRightAndLeaveNothingBehind() throws Exception {
        warmUp();
        ResourceCensus baseline = ResourceCensus.take();
        JournalStore journal = JournalStore.file(journals);
        ExecutorService httpThreads = Executors.newCachedThreadPool(daemon("soak-http"));
        HttpClient http = HttpClient.newBuilder().executor(httpThreads).connectTimeout(Duration.ofSeconds(5)).build();
        RetryPolicy retry = RetryPolicy.builder().maxAttempts(3).initialBackoff(Duration.ofMillis(20)).build();
        Queue<Outcome> outcomes = new ConcurrentLinkedQueue<>();
        AtomicInteger peakThreads = new AtomicInteger();
        List<FaultyProvider.Request> requests = new ArrayList<>();
        List<String> answers = new ArrayList<>();
        int faults;
        long drainMillis;
        try (FaultyProvider openAi = faulty(FaultyProvider.openAi(), 11).start();
                FaultyProvider anthropic = faulty(FaultyProvider.anthropic(), 13).start()) {
            HttpOptions httpOptions = HttpOptions.builder().httpClient(http).retryPolicy(retry)
                    .idleTimeout(Duration.ofSeconds(10)).build();
            Model[] models = {
                OpenAiModel.builder().apiKey("sk-soak").baseUrl(openAi.baseUrl()).model("gpt-4o-mini")
                        .http(httpOptions).build(),
                AnthropicModel.builder().apiKey("sk-ant-soak").baseUrl(anthropic.baseUrl()).model("claude-sonnet-4-5")
                        .http(httpOptions).build()};
            long end = System.nanoTime() + DURATION.toNanos();
            List<Thread> workers = new ArrayList<>();
            for (int w = 0; w < CONCURRENT; w++) {
                int worker = w;
                Runner agent = agent(models[w % 2], (w / 2) % 2 == 0, journal);
                Thread t = new Thread(() -> {
                    for (int n = 0; System.nanoTime() < end; n++) {
                        String marker = "w" + worker + "n" + n;
                        try {
                            RunResult r = agent.run("soak-run " + marker + " please note something");
                            outcomes.add(new Outcome(marker, r.runId(), r.stopReason(), r.detail(), null));
                        } catch (Throwable e) {
                            outcomes.add(new Outcome(marker, "", null, "", e));
                        }
                    }
                }, "soak-worker-" + w);
                t.setDaemon(true);
                workers.add(t);
                t.start();
            }
            peakThreads.set(ResourceCensus.take().threads().size());
            for (Thread t : workers) {
                t.join(DURATION.plusSeconds(60).toMillis());
            }
            assertThat(workers).as("runs that hung").noneMatch(Thread::isAlive);
            drainMillis = (System.nanoTime() - end) / 1_000_000;
            requests.addAll(openAi.requests());
            requests.addAll(anthropic.requests());
            answers.addAll(openAi.answers());
            answers.addAll(anthropic.answers());
            faults = openAi.faultsInjected() + anthropic.faultsInjected();
        } finally {
            httpThreads.shutdownNow();
            if (http instanceof AutoCloseable closeable) { // JDK 21+
                closeable.close();
            }
        }
        http = null;

        long checkStart = System.nanoTime();
        Map<String, List<String>> answersByRun = new HashMap<>();
        for (int i = 0; i < requests.size(); i++) {
            Matcher m = MARKER.matcher(requests.get(i).body());
            String run = m.find() ? "w" + m.group(1) + "n" + m.group(2) : "unnamed";
            answersByRun.computeIfAbsent(run, k -> new ArrayList<>()).add(answers.get(i));
        }
        assertThat(answersByRun).as("requests that name no run").doesNotContainKey("unnamed");
        Map<StopReason, Integer> reasons = new HashMap<>();
        List<String> wrong = new ArrayList<>();
        for (Outcome o : outcomes) {
            List<String> got = answersByRun.getOrDefault(o.marker(), List.of());
            boolean faulted = got.stream().anyMatch(a -> !a.startsWith("text") && !a.startsWith("tool call"));
            boolean right = o.thrown() == null && (o.reason() == StopReason.COMPLETED
                    || faulted && o.reason() == StopReason.MODEL_ERROR
                            && o.detail().startsWith("the model call failed") && !o.detail().contains("null"));
            if (!right) {
                wrong.add(o.marker() + " answered " + got + " ended " + o.reason() + ": " + o.detail()
                        + (o.thrown() == null ? "" : " threw " + o.thrown()));
            }
            reasons.merge(o.reason() == null ? StopReason.MODEL_ERROR : o.reason(), 1, Integer::sum);
        }
        assertThat(wrong).as("runs that ended wrongly, hung or threw").isEmpty();
        // every run has its journal; the content of each failed run's and of every tenth run's is read
        // back (reading all of them costs more than a minute of the soak on a busy CI machine)
        assertThat(journal.runIds()).hasSize(outcomes.size());
        List<String> unfinished = new ArrayList<>();
        int checked = 0;
        for (Outcome o : outcomes) {
            if (o.reason() == StopReason.COMPLETED && checked++ % 10 != 0) {
                continue;
            }
            List<JournalEntry> entries = journal.read(o.runId());
            if (entries.isEmpty() || !entries.get(entries.size() - 1).type().equals("run.finished")) {
                unfinished.add(o.runId());
            }
        }
        assertThat(unfinished).as("journals that do not end with run.finished").isEmpty();
        System.out.printf("soak: checking runs and journals took %d ms%n", (System.nanoTime() - checkStart) / 1_000_000);
        long settleStart = System.nanoTime();
        ResourceCensus after = ResourceCensus.settle(baseline, Duration.ofSeconds(20));
        long settleMillis = (System.nanoTime() - settleStart) / 1_000_000;
        System.out.printf("soak: %d runs (%d at a time, %ds), %d requests, %d faults injected (%.1f%%), stop reasons %s;"
                + " baseline %s; peak %d threads; after %s (last runs ended %d ms after the deadline, settled in %d ms)%n",
                outcomes.size(), CONCURRENT, DURATION.toSeconds(), requests.size(), faults,
                100.0 * faults / requests.size(), reasons, baseline, peakThreads.get(), after, drainMillis, settleMillis);
        assertThat(outcomes).hasSizeGreaterThanOrEqualTo(CONCURRENT);
        assertThat(faults).isPositive();
        assertThat(after.threads()).as("threads left over (baseline %s)", baseline.threads())
                .hasSizeLessThanOrEqualTo(baseline.threads().size());
        if (ResourceCensus.fdsCountable()) {
            assertThat(after.fds()).as("open file descriptors").isLessThanOrEqualTo(baseline.fds());
        } else {
            System.out.println("soak: open file descriptors not checked: no /proc/self/fd on this OS");
        }
        assertThat(after.children()).as("child processes").isLessThanOrEqualTo(baseline.children());
    }

    /** Loads and starts what lives for the whole JVM (classes, loggers, shared executors) before the baseline. */
    private void warmUp() {
        FakeModel model = new FakeModel().enqueueToolCall("note", "{\"text\":\"warm\"}").enqueueText("warm");
        RunResult r = agent(model, false, JournalStore.file(journals.resolve("warm-up"))).run("warm up");
        assertThat(r.stopReason()).isEqualTo(StopReason.COMPLETED);
        try (FaultyProvider p = FaultyProvider.openAi().then(Reply.text("warm")).start()) {
            assertThat(p.baseUrl()).startsWith("http://");
        }
    }

    private static java.util.concurrent.ThreadFactory daemon(String prefix) {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, prefix + "-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }
}
