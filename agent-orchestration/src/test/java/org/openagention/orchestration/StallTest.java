// SPDX-License-Identifier: Apache-2.0
package org.openagention.orchestration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.openagention.orchestration.Fixtures.task;

import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openagention.core.RetryPolicy;
import org.openagention.core.journal.JournalStore;
import org.openagention.orchestration.graph.Task;
import org.openagention.orchestration.graph.TaskGraph;
import org.openagention.orchestration.graph.TaskState;
import org.openagention.orchestration.lanes.TaskWorkspaces;
import org.openagention.orchestration.review.AcceptanceCheck;
import org.openagention.orchestration.review.Verdict;

class StallTest {
    @TempDir
    Path dir;

    @Test
    void nothingReadyAndNothingRunningEndsTheRunAsStalledAndResumeTriesTheBlockedTaskAgain() {
        AtomicBoolean keyProvided = new AtomicBoolean();
        AcceptanceCheck needsKey = ctx -> keyProvided.get() ? Verdict.passed("deployed")
                : Verdict.blocked("the deploy needs DEPLOY_KEY, which nobody has provided");
        TaskGraph graph = TaskGraph.builder()
                .add(Task.builder("deploy").goal("Deploy").check(needsKey).retry(RetryPolicy.none()).build())
                .add(task("smoke", "deploy")).add(task("docs")).build();
        JournalStore journal = JournalStore.inMemory();
        Orchestrator orchestrator = Orchestrator.builder().workers(Fixtures.doneWorkers())
                .workspaces(TaskWorkspaces.directories(dir)).journal(journal).build();

        OrchestrationResult stalled = orchestrator.run(graph);

        assertThat(stalled.status()).isEqualTo(RunStatus.STALLED);
        assertThat(stalled.detail()).isEqualTo("nothing is ready and nothing is running; blocked: [deploy (blocked: the"
                + " deploy needs DEPLOY_KEY, which nobody has provided)]; waiting on them: [smoke]");
        assertThat(stalled.states()).containsEntry("deploy", TaskState.BLOCKED).containsEntry("smoke", TaskState.PENDING)
                .containsEntry("docs", TaskState.DONE);

        keyProvided.set(true);
        OrchestrationResult resumed = orchestrator.resume(stalled.runId(), graph);

        assertThat(resumed.status()).isEqualTo(RunStatus.COMPLETED);
        assertThat(resumed.task("deploy").orElseThrow().attempts()).isEqualTo(2);
        assertThat(resumed.task("docs").orElseThrow().attempts()).isEqualTo(1);
    }
}
