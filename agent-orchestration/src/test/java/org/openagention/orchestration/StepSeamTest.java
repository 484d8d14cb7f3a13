// SPDX-License-Identifier: Apache-2.0
package org.openagention.orchestration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openagention.core.ConfigurationException;
import org.openagention.core.RetryPolicy;
import org.openagention.core.journal.JournalEntry;
import org.openagention.core.journal.JournalStore;
import org.openagention.core.journal.StepCodec;
import org.openagention.core.journal.StepExecutor;
import org.openagention.core.testing.FakeClock;
import org.openagention.core.testing.FakeSleeper;
import org.openagention.orchestration.graph.Budget;
import org.openagention.orchestration.graph.FailureKind;
import org.openagention.orchestration.graph.Task;
import org.openagention.orchestration.graph.TaskGraph;
import org.openagention.orchestration.lanes.TaskWorkspaces;
import org.openagention.orchestration.review.AcceptanceCheck;

/** The orchestrator's side effects (facts, time, backoffs) go through the run's step executor. */
class StepSeamTest {
    @TempDir
    Path dir;

    /** A check that fails on its first run and passes after (counting in a file in the workspace). */
    private static final String FAILS_ONCE = "n=$(cat .runs 2>/dev/null || echo 0); n=$((n+1)); echo $n > .runs; "
            + "if [ $n -lt 2 ]; then echo 'FAILED once'; exit 1; fi; echo ok";

    private static TaskGraph retried() {
        return TaskGraph.builder().add(Task.builder("fix").goal("Fix it").check(AcceptanceCheck.shell(FAILS_ONCE))
                .retry(RetryPolicy.builder().maxAttempts(3).initialBackoff(Duration.ofSeconds(2)).jitter(0).build())
                .retryOn(FailureKind.CHECK_FAILED).build()).build();
    }

    private Orchestrator.Builder orchestrator() {
        return Orchestrator.builder().workers(Fixtures.doneWorkers()).workspaces(TaskWorkspaces.directories(dir));
    }

    @Test
    void aRetryBackoffIsATimerStepOfTheAttempt() {
        JournalStore journal = JournalStore.inMemory();
        FakeSleeper sleeper = new FakeSleeper();
        OrchestrationResult result = orchestrator().journal(journal).sleeper(sleeper).build().run("r1", "", retried());

        assertThat(result.status()).isEqualTo(RunStatus.COMPLETED);
        assertThat(sleeper.sleeps()).containsExactly(Duration.ofSeconds(2));
        assertThat(journal.read("r1")).filteredOn(e -> !e.stepId().isEmpty()).extracting(JournalEntry::stepId)
                .containsExactly("graph/start/now", "task/fix/attempt-2/backoff");
    }

    @Test
    void aResumedRunDoesNotSleepAgainABackoffThatHadFinished() {
        JournalStore live = JournalStore.inMemory();
        orchestrator().journal(live).sleeper(new FakeSleeper()).build().run("r1", "", retried());
        // The process died during attempt 2, after its backoff had been slept and journaled.
        JournalStore crashed = JournalStore.inMemory();
        for (JournalEntry e : live.read("r1")) {
            crashed.append("r1", e.type(), e.stepId(), e.at(), e.payloadJson());
            if (e.stepId().equals("task/fix/attempt-2/backoff")) {
                break;
            }
        }
        FakeSleeper sleeper = new FakeSleeper();
        OrchestrationResult resumed = orchestrator().journal(crashed).sleeper(sleeper).build().resume("r1");

        assertThat(resumed.status()).isEqualTo(RunStatus.COMPLETED);
        assertThat(sleeper.sleeps()).isEmpty();
        assertThat(crashed.read("r1")).filteredOn(e -> e.stepId().endsWith("/backoff")).hasSize(1);
    }

    @Test
    void aCustomStepExecutorSeesEveryFactTimeAndBackoffOfTheRun() {
        JournalStore journal = JournalStore.inMemory();
        FakeClock clock = new FakeClock(Instant.parse("2025-01-01T00:00:00Z"));
        FakeSleeper sleeper = new FakeSleeper(clock);
        List<String> seen = new CopyOnWriteArrayList<>();
        StepExecutor.Factory inner = StepExecutor.journaling(journal, clock, sleeper);
        StepExecutor.Factory engine = runId -> new Recording(inner.open(runId), seen);
        TaskGraph graph = retried();
        OrchestrationResult result = orchestrator().stepExecutor(engine)
                .budget(Budget.UNLIMITED.withMaxWallClock(Duration.ofHours(1))).build().run("r2", "", graph);

        assertThat(result.status()).isEqualTo(RunStatus.COMPLETED);
        List<String> factsJournaled = journal.read("r2").stream().filter(e -> e.stepId().isEmpty())
                .map(e -> "record " + e.type()).toList();
        assertThat(seen.stream().filter(s -> s.startsWith("record ")).toList()).isEqualTo(factsJournaled)
                .contains("record graph.started", "record task.attempt.started", "record graph.finished");
        assertThat(seen.stream().filter(s -> !s.startsWith("record ")).toList()).containsExactly(
                "now graph/start/now",
                "now task/fix/attempt-1/allotted/now",
                "now task/fix/attempt-1/finished/now",
                "now task/fix/attempt-2/allotted/now",
                "sleep task/fix/attempt-2/backoff PT2S",
                "now task/fix/attempt-2/finished/now");
        assertThat(sleeper.sleeps()).containsExactly(Duration.ofSeconds(2));
    }

    @Test
    void backoffJitterAndAttemptTimingComeFromTheStepExecutor() {
        // A durable engine replays the supervisor's code: its draws and readings must be the engine's.
        FakeSleeper sleeper = new FakeSleeper();
        java.util.concurrent.atomic.AtomicLong nanos = new java.util.concurrent.atomic.AtomicLong();
        StepExecutor.Factory inner = StepExecutor.direct(java.time.Clock.systemUTC(), sleeper);
        StepExecutor.Factory engine = runId -> new Deterministic(inner.open(runId), nanos);
        TaskGraph graph = TaskGraph.builder().add(Task.builder("fix").goal("Fix it").check(AcceptanceCheck.shell(FAILS_ONCE))
                .retry(RetryPolicy.builder().maxAttempts(3).initialBackoff(Duration.ofSeconds(2)).jitter(1).build())
                .retryOn(FailureKind.CHECK_FAILED).build()).build();
        List<OrchestrationEvent> events = new CopyOnWriteArrayList<>();

        OrchestrationResult result = orchestrator().stepExecutor(engine).addListener(events::add).build()
                .run("r3", "", graph);

        assertThat(result.status()).isEqualTo(RunStatus.COMPLETED);
        assertThat(sleeper.sleeps()).as("full jitter with the engine's draw 0.25: 2 s * (1 - 0.25)")
                .containsExactly(Duration.ofMillis(1500));
        assertThat(events).filteredOn(OrchestrationEvent.AttemptFinished.class::isInstance)
                .extracting(e -> ((OrchestrationEvent.AttemptFinished) e).elapsed())
                .as("each attempt timed by the engine's readings, one second apart")
                .containsExactly(Duration.ofSeconds(1), Duration.ofSeconds(1));
    }

    /** An engine's executor: its own readings (a second apart) and draws (always 0.25). */
    private record Deterministic(StepExecutor inner, java.util.concurrent.atomic.AtomicLong nanos)
            implements StepExecutor {
        @Override
        public <T> Outcome<T> execute(String stepId, StepCodec<T> codec, Callable<T> action) throws Exception {
            return inner.execute(stepId, codec, action);
        }

        @Override
        public <T> void record(StepCodec<T> codec, T fact) {
            inner.record(codec, fact);
        }

        @Override
        public Instant now(String stepId) {
            return inner.now(stepId);
        }

        @Override
        public void sleep(String stepId, Duration duration) throws InterruptedException {
            inner.sleep(stepId, duration);
        }

        @Override
        public String randomId(String stepId) {
            return inner.randomId(stepId);
        }

        @Override
        public List<JournalEntry> history() {
            return inner.history();
        }

        @Override
        public long nanoTime() {
            return nanos.addAndGet(1_000_000_000L);
        }

        @Override
        public double random() {
            return 0.25;
        }
    }

    @Test
    void aJournalAndAStepExecutorTogetherAreRefused() {
        assertThatThrownBy(() -> orchestrator().journal(JournalStore.inMemory())
                .stepExecutor(StepExecutor.direct()).build())
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("a journal(...) or a stepExecutor(...), not both");
    }

    /** A step executor that notes each call it gets and hands it on: what a durable engine would see. */
    private record Recording(StepExecutor inner, List<String> seen) implements StepExecutor {
        @Override
        public <T> Outcome<T> execute(String stepId, StepCodec<T> codec, Callable<T> action) throws Exception {
            seen.add("execute " + stepId);
            return inner.execute(stepId, codec, action);
        }

        @Override
        public <T> void record(StepCodec<T> codec, T fact) {
            seen.add("record " + codec.typeOf(fact));
            inner.record(codec, fact);
        }

        @Override
        public Instant now(String stepId) {
            seen.add("now " + stepId);
            return inner.now(stepId);
        }

        @Override
        public void sleep(String stepId, Duration duration) throws InterruptedException {
            seen.add("sleep " + stepId + " " + duration);
            inner.sleep(stepId, duration);
        }

        @Override
        public String randomId(String stepId) {
            seen.add("randomId " + stepId);
            return inner.randomId(stepId);
        }

        @Override
        public List<JournalEntry> history() {
            return inner.history();
        }
    }
}
