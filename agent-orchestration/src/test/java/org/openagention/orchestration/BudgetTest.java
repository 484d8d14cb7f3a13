// SPDX-License-Identifier: Apache-2.0
package org.openagention.orchestration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.openagention.orchestration.Fixtures.task;

import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openagention.core.Agent;
import org.openagention.core.Limits;
import org.openagention.core.RetryPolicy;
import org.openagention.core.RunOptions;
import org.openagention.core.StopReason;
import org.openagention.core.model.Usage;
import org.openagention.core.testing.FakeModel;
import org.openagention.orchestration.graph.Budget;
import org.openagention.orchestration.graph.Task;
import org.openagention.orchestration.graph.TaskGraph;
import org.openagention.orchestration.graph.TaskState;
import org.openagention.orchestration.lanes.TaskWorkspaces;
import org.openagention.orchestration.lanes.Worker;
import org.openagention.orchestration.lanes.WorkerFactory;

class BudgetTest {
    @TempDir
    Path dir;

    @Test
    void aGraphBudgetSpentMidGraphStopsNewTasksAndReportsSpendPerTask() {
        Map<String, Budget> allotments = new ConcurrentHashMap<>();
        WorkerFactory workers = (task, ws, attempt) -> (prompt, allotment) -> {
            allotments.put(task.id(), allotment);
            // Each answer reports 1,000 tokens, more than its request is estimated at (well under 500).
            Agent agent = Agent.builder().name("worker").model(FakeModel.answering(r -> Fixtures.answer("done " + task.id())
                    .toBuilder().usage(new Usage(900, 100)).build())).build();
            return Worker.of(agent).run(prompt, allotment);
        };
        TaskGraph chain = TaskGraph.builder().add(task("a"))
                .add(Task.builder("b").goal("Do b").dependsOn("a").budget(Budget.UNLIMITED.withMaxTokens(1200))
                        .retry(RetryPolicy.none()).build())
                .add(task("c", "b")).add(task("d", "c")).build();
        OrchestrationResult result = Orchestrator.builder().workers(workers).workspaces(TaskWorkspaces.directories(dir))
                .budget(Budget.UNLIMITED.withMaxTokens(2500)).build().run(chain);

        // a (1,000), b (2,000), c (3,000: its request fit its 500 left, its reported usage did not), then nothing.
        assertThat(result.status()).isEqualTo(RunStatus.BUDGET_SPENT);
        assertThat(result.detail()).contains("the graph's budget of 2500 tokens is spent (3000 used)").contains("[d]");
        assertThat(result.states()).containsEntry("c", TaskState.DONE).containsEntry("d", TaskState.PENDING);
        assertThat(result.tasks()).extracting(t -> t.spend().tokens()).containsExactly(1000L, 1000L, 1000L, 0L);
        assertThat(result.spend().tokens()).isEqualTo(3000);
        // Each attempt's allotment: the remaining graph budget, or the task's own when smaller.
        assertThat(allotments.get("a").maxTokens()).isEqualTo(2500);
        assertThat(allotments.get("b").maxTokens()).isEqualTo(1200);
        assertThat(allotments.get("c").maxTokens()).isEqualTo(500);
        assertThat(allotments).doesNotContainKey("d");
    }

    @Test
    void anAgentsLimitsAreNarrowedToItsAllotment() {
        FakeModel model = new FakeModel().enqueueToolCall("nothing", "{}").enqueueToolCall("nothing", "{}")
                .enqueue(Fixtures.answer("done"));
        Agent agent = Agent.builder().model(model).build();
        RunOptions options = RunOptions.builder().limits(Limits.builder().maxTokens(1000).maxTurns(10).build()).build();
        Task t = Task.builder("t").goal("Do t").budget(Budget.UNLIMITED.withMaxTokens(20)).retry(RetryPolicy.none())
                .build();
        OrchestrationResult result = Orchestrator.builder().workers(WorkerFactory.agents((task, ws) -> agent, options))
                .workspaces(TaskWorkspaces.directories(dir)).build().run(TaskGraph.builder().add(t).build());

        // Within its own 1,000 tokens the run would finish; narrowed to 20, its first request does not fit.
        assertThat(result.status()).isEqualTo(RunStatus.FAILED);
        assertThat(result.task("t").orElseThrow().failure()).contains(StopReason.TOKEN_BUDGET.name().toLowerCase())
                .contains("budget of 20");
        assertThat(result.task("t").orElseThrow().spend().tokens()).isZero();
        assertThat(model.requests()).isEmpty();
    }
}
