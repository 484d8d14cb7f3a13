// SPDX-License-Identifier: Apache-2.0
package org.openagention.orchestration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.openagention.orchestration.Fixtures.entries;
import static org.openagention.orchestration.Fixtures.prompt;

import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openagention.core.Agent;
import org.openagention.core.RetryPolicy;
import org.openagention.core.journal.JournalStore;
import org.openagention.core.testing.FakeModel;
import org.openagention.core.testing.FakeSleeper;
import org.openagention.orchestration.graph.FailureKind;
import org.openagention.orchestration.graph.Task;
import org.openagention.orchestration.graph.TaskGraph;
import org.openagention.orchestration.graph.TaskState;
import org.openagention.orchestration.lanes.TaskWorkspaces;
import org.openagention.orchestration.lanes.Worker;
import org.openagention.orchestration.lanes.WorkerFactory;
import org.openagention.orchestration.review.AcceptanceCheck;

class RetryTest {
    @TempDir
    Path dir;

    /** A check that fails on its first two runs (a real process, counting in a file in the workspace). */
    private static final String FLAKY_TESTS = "n=$(cat .runs 2>/dev/null || echo 0); n=$((n+1)); echo $n > .runs; "
            + "if [ $n -lt 3 ]; then echo \"FAILED: test_parser run $n expected 4 got 5\"; exit 1; fi; echo 'all tests pass'";

    @Test
    void aTaskThatFailsItsCheckTwiceThenPassesEndsDoneWithThreeAttempts() {
        FakeModel model = FakeModel.answering(r -> Fixtures.answer("I fixed the parser"));
        JournalStore journal = JournalStore.inMemory();
        FakeSleeper sleeper = new FakeSleeper();
        Task fix = Task.builder("fix").goal("Fix the parser").check(AcceptanceCheck.shell(FLAKY_TESTS))
                .retry(RetryPolicy.builder().maxAttempts(3).initialBackoff(Duration.ofSeconds(2)).jitter(0).build())
                .retryOn(FailureKind.CHECK_FAILED)
                .build();
        OrchestrationResult result = Orchestrator.builder()
                .workers(WorkerFactory.agents((t, ws) -> Agent.builder().model(model).build()))
                .workspaces(TaskWorkspaces.directories(dir)).journal(journal).sleeper(sleeper).build()
                .run(TaskGraph.builder().add(fix).build());

        assertThat(result.status()).isEqualTo(RunStatus.COMPLETED);
        TaskReport report = result.task("fix").orElseThrow();
        assertThat(report.state()).isEqualTo(TaskState.DONE);
        assertThat(report.attempts()).isEqualTo(3);
        assertThat(report.spend().tokens()).isEqualTo(45);
        assertThat(entries(journal, result.runId(), "task.attempt.started")).hasSize(3);
        assertThat(entries(journal, result.runId(), "task.attempt.finished")).extracting(e -> e.payloadJson())
                .satisfiesExactly(
                        p -> assertThat(p).contains("\"outcome\":\"CHECK_FAILED\"").contains("run 1 expected 4 got 5"),
                        p -> assertThat(p).contains("\"outcome\":\"CHECK_FAILED\"").contains("run 2 expected 4 got 5"),
                        p -> assertThat(p).contains("\"outcome\":\"passed\"").contains("all tests pass"));
        assertThat(sleeper.sleeps()).containsExactly(Duration.ofSeconds(2), Duration.ofSeconds(4));

        assertThat(prompt(model.takeRequest())).startsWith("Your task (id fix):");
        assertThat(prompt(model.takeRequest())).startsWith("Attempt 2. The previous attempt failed:")
                .contains("exited with 1").contains("FAILED: test_parser run 1 expected 4 got 5");
        assertThat(prompt(model.takeRequest())).startsWith("Attempt 3. The previous attempt failed:")
                .contains("FAILED: test_parser run 2 expected 4 got 5");
    }

    @Test
    void failuresOutsideRetryOnAreNotRetried() {
        Task fix = Task.builder("fix").goal("Fix it").check(AcceptanceCheck.shell("echo nope; exit 3"))
                .retry(RetryPolicy.builder().maxAttempts(3).build()).retryOn(FailureKind.WORKER_ERROR).build();
        OrchestrationResult result = Orchestrator.builder().workers(Fixtures.doneWorkers())
                .workspaces(TaskWorkspaces.directories(dir)).sleeper(new FakeSleeper()).build()
                .run(TaskGraph.builder().add(fix).build());

        assertThat(result.status()).isEqualTo(RunStatus.FAILED);
        assertThat(result.task("fix").orElseThrow().attempts()).isEqualTo(1);
        assertThat(result.detail()).contains("task 'fix' failed after 1 attempt").contains("exited with 3");
    }

    @Test
    void aWorkerThatThrowsFailsItsAttemptAndIsRetried() {
        FakeModel model = FakeModel.answering(r -> Fixtures.answer("ok"));
        Task t = Task.builder("t").goal("Do it").retry(RetryPolicy.builder().maxAttempts(2).build()).build();
        WorkerFactory workers = (task, ws, attempt) -> (prompt, allot) -> {
            if (attempt == 1) {
                throw new IllegalStateException("the sandbox crashed");
            }
            return Worker.of(Agent.builder().model(model).build()).run(prompt, allot);
        };
        OrchestrationResult result = Orchestrator.builder().workers(workers).workspaces(TaskWorkspaces.directories(dir))
                .sleeper(new FakeSleeper()).build().run(TaskGraph.builder().add(t).build());

        assertThat(result.status()).isEqualTo(RunStatus.COMPLETED);
        assertThat(result.task("t").orElseThrow().attempts()).isEqualTo(2);
        assertThat(prompt(model.takeRequest())).contains("IllegalStateException: the sandbox crashed");
    }

    @Test
    void aKindThatIsNeverRetriedIsRefusedInRetryOnByName() {
        assertThatThrownBy(() -> Task.builder("t").goal("Do it").retryOn(FailureKind.CHECK_FAILED, FailureKind.BUDGET_SPENT))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("task 't': BUDGET_SPENT is never retried");
        assertThat(java.util.Arrays.stream(FailureKind.values()).filter(k -> !k.retryable()))
                .containsExactlyInAnyOrder(FailureKind.BUDGET_SPENT, FailureKind.LANE_UNAVAILABLE, FailureKind.MERGE_FAILED);
        assertThat(Task.builder("t").goal("Do it").build().retryOn())
                .containsExactlyInAnyOrder(FailureKind.CHECK_FAILED, FailureKind.WORKER_STOPPED, FailureKind.WORKER_ERROR);
    }

    @Test
    void anEmptyRetryOnNeverRetriesWhateverThePolicyAllows() {
        Task fix = Task.builder("fix").goal("Fix it").check(AcceptanceCheck.shell("echo nope; exit 3"))
                .retry(RetryPolicy.builder().maxAttempts(5).build()).retryOn().build();
        OrchestrationResult result = Orchestrator.builder().workers(Fixtures.doneWorkers())
                .workspaces(TaskWorkspaces.directories(dir)).sleeper(new FakeSleeper()).build()
                .run(TaskGraph.builder().add(fix).build());

        assertThat(result.status()).isEqualTo(RunStatus.FAILED);
        assertThat(result.task("fix").orElseThrow().attempts()).isEqualTo(1);
    }
}
