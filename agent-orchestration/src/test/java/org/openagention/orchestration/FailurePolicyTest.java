// SPDX-License-Identifier: Apache-2.0
package org.openagention.orchestration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.openagention.orchestration.Fixtures.task;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openagention.core.RetryPolicy;
import org.openagention.orchestration.graph.Task;
import org.openagention.orchestration.graph.TaskGraph;
import org.openagention.orchestration.graph.TaskState;
import org.openagention.orchestration.lanes.TaskWorkspaces;
import org.openagention.orchestration.planning.FixedPlanner;
import org.openagention.orchestration.planning.Planner;
import org.openagention.orchestration.planning.Replan;
import org.openagention.orchestration.review.AcceptanceCheck;

class FailurePolicyTest {
    @TempDir
    Path dir;

    private static Task failing(String id, String... deps) {
        return Task.builder(id).goal("Do " + id).dependsOn(deps).retry(RetryPolicy.none())
                .check(AcceptanceCheck.shell("echo 'compilation failed in " + id + "'; exit 1")).build();
    }

    private Orchestrator.Builder orchestrator(FailurePolicy policy) {
        return Orchestrator.builder().workers(Fixtures.doneWorkers()).workspaces(TaskWorkspaces.directories(dir))
                .parallelism(1).failurePolicy(policy);
    }

    @Test
    void failFastStartsNothingAfterAFailure() {
        TaskGraph graph = TaskGraph.builder().add(failing("a")).add(task("b")).add(task("c", "a")).build();
        OrchestrationResult result = orchestrator(FailurePolicy.FAIL_FAST).build().run(graph);

        assertThat(result.status()).isEqualTo(RunStatus.FAILED);
        assertThat(result.detail()).isEqualTo("task 'a' failed after 1 attempt: the check command sh -c echo"
                + " 'compilation failed in a'; exit 1 exited with 1. Output:");
        assertThat(result.states()).containsExactly(java.util.Map.entry("a", TaskState.FAILED),
                java.util.Map.entry("b", TaskState.PENDING), java.util.Map.entry("c", TaskState.PENDING));
        assertThat(result.task("b").orElseThrow().attempts()).isZero();
        assertThat(result.task("a").orElseThrow().failure()).contains("compilation failed in a");
    }

    @Test
    void skipDependentsSkipsEveryTaskDownstreamAndRunsTheRest() {
        TaskGraph graph = TaskGraph.builder().add(failing("a")).add(task("b")).add(task("c", "a")).add(task("d", "c"))
                .add(task("e", "b")).build();
        OrchestrationResult result = orchestrator(FailurePolicy.SKIP_DEPENDENTS).build().run(graph);

        assertThat(result.status()).isEqualTo(RunStatus.FAILED);
        assertThat(result.detail()).startsWith("task 'a' failed:");
        assertThat(result.task("b").orElseThrow().state()).isEqualTo(TaskState.DONE);
        assertThat(result.task("e").orElseThrow().state()).isEqualTo(TaskState.DONE);
        assertThat(result.tasks()).filteredOn(TaskReport::skipped).extracting(TaskReport::taskId).containsExactly("c", "d");
        assertThat(result.task("d").orElseThrow().failure()).isEqualTo("skipped: depends on failed task 'a'");
    }

    @Test
    void replanAsksThePlannerForTheRemainingWorkAndRunsIt() {
        AtomicReference<Replan> asked = new AtomicReference<>();
        Planner planner = FixedPlanner.of(goal -> {
            throw new AssertionError("not asked to plan");
        }).withReplan(r -> {
            asked.set(r);
            return TaskGraph.builder()
                    .add(r.graph().require("b"))
                    .add(Task.builder("a2").goal("Do a another way").retry(RetryPolicy.none()).build())
                    .add(Task.builder("c2").goal("Finish").dependsOn("a2", "b").retry(RetryPolicy.none()).build())
                    .build();
        });
        TaskGraph graph = TaskGraph.builder().add(task("b")).add(failing("a", "b")).add(task("c", "a")).build();
        List<OrchestrationEvent> events = new java.util.concurrent.CopyOnWriteArrayList<>();
        OrchestrationResult result = orchestrator(FailurePolicy.REPLAN).planner(planner).addListener(events::add)
                .build().run("ship-it", "Ship the feature", graph);

        assertThat(asked.get().failedTask()).isEqualTo("a");
        assertThat(asked.get().failure()).contains("compilation failed in a");
        assertThat(asked.get().doneTasks()).containsExactly("b");
        assertThat(asked.get().prompt()).contains("Goal: Ship the feature").contains("- b: Do b")
                .contains("Failed task 'a'").contains("- c: Do c");
        assertThat(result.status()).isEqualTo(RunStatus.COMPLETED);
        assertThat(result.graph().ids()).containsExactly("b", "a", "a2", "c2");
        assertThat(result.states()).containsEntry("a", TaskState.FAILED).containsEntry("a2", TaskState.DONE)
                .containsEntry("c2", TaskState.DONE);
        assertThat(events).filteredOn(OrchestrationEvent.Replanned.class::isInstance).singleElement()
                .isInstanceOfSatisfying(OrchestrationEvent.Replanned.class, e -> {
                    assertThat(e.removed()).containsExactly("c");
                    assertThat(e.added()).containsExactly("a2", "c2");
                });
    }

    @Test
    void replanThatGivesAnInvalidPlanFallsBackToSkippingDependents() {
        Planner planner = FixedPlanner.of(goal -> TaskGraph.builder().build())
                .withReplan(r -> TaskGraph.builder().add(task("x", "a")).build());
        TaskGraph graph = TaskGraph.builder().add(failing("a")).add(task("c", "a")).build();
        OrchestrationResult result = orchestrator(FailurePolicy.REPLAN).planner(planner).build().run(graph);

        assertThat(result.status()).isEqualTo(RunStatus.FAILED);
        assertThat(result.task("c").orElseThrow().skipped()).isTrue();
    }
}
