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
import org.openagention.core.RunOptions;
import org.openagention.core.StopReason;
import org.openagention.core.testing.FakeModel;

class BudgetTest {
    @TempDir
    Path dir;

    @Test
    void aGraphBudgetSpentMidGraphStopsNewTasksAndReportsSpendPerTask() {
        Map<String, Budget> allotments = new ConcurrentHashMap<>();
        WorkerFactory workers = (task, ws, attempt) -> (prompt, allotment) -> {
            allotments.put(task.id(), allotment);
            return Worker.of(Fixtures.agent(r -> "done " + task.id())).run(prompt, allotment);
        };
        TaskGraph chain = TaskGraph.builder().add(task("a"))
                .add(Task.builder("b").goal("Do b").dependsOn("a").budget(Budget.UNLIMITED.withMaxTokens(20))
                        .retry(RetryPolicy.none()).build())
                .add(task("c", "b")).add(task("d", "c")).build();
        OrchestrationResult result = Orchestrator.builder().workers(workers).workspaces(TaskWorkspaces.directories(dir))
                .budget(Budget.UNLIMITED.withMaxTokens(40)).build().run(chain);

        // Each answer costs 15 tokens: a (15), b (30), c (45, over 40), then nothing more starts.
        assertThat(result.status()).isEqualTo(RunStatus.BUDGET_SPENT);
        assertThat(result.detail()).contains("the graph's budget of 40 tokens is spent (45 used)").contains("[d]");
        assertThat(result.states()).containsEntry("c", TaskState.DONE).containsEntry("d", TaskState.PENDING);
        assertThat(result.tasks()).extracting(t -> t.spend().tokens()).containsExactly(15L, 15L, 15L, 0L);
        assertThat(result.spend().tokens()).isEqualTo(45);
        // Each attempt's allotment: the remaining graph budget, or the task's own when smaller.
        assertThat(allotments.get("a").maxTokens()).isEqualTo(40);
        assertThat(allotments.get("b").maxTokens()).isEqualTo(20);
        assertThat(allotments.get("c").maxTokens()).isEqualTo(10);
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

        // The first request alone is estimated past 20 tokens: the agent stops on its narrowed limit.
        assertThat(result.status()).isEqualTo(RunStatus.FAILED);
        assertThat(result.task("t").orElseThrow().failure()).contains(StopReason.TOKEN_BUDGET.name().toLowerCase())
                .contains("budget of 20");
        assertThat(result.task("t").orElseThrow().spend().tokens()).isEqualTo(30);
    }
}
