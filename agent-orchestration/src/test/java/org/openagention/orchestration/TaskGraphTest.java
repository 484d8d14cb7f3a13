// SPDX-License-Identifier: Apache-2.0
package org.openagention.orchestration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.openagention.orchestration.Fixtures.task;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.openagention.orchestration.graph.InvalidGraphException;
import org.openagention.orchestration.graph.Task;
import org.openagention.orchestration.graph.TaskGraph;
import org.openagention.orchestration.graph.TaskState;

class TaskGraphTest {

    private static TaskGraph diamond() {
        return TaskGraph.builder().add(task("a")).add(task("b", "a")).add(task("c", "a")).add(task("d", "b", "c"))
                .add(task("e", "d")).build();
    }

    @Test
    void reportsEveryCycleUnknownDependencyAndDuplicateAtOnce() {
        TaskGraph.Builder b = TaskGraph.builder()
                .add(task("a", "b")).add(task("b", "c")).add(task("c", "a"))   // a 3-cycle
                .add(task("x", "y")).add(task("y", "x"))                       // a 2-cycle
                .add(task("s", "s"))                                           // a self-loop
                .add(task("u", "ghost"))                                       // unknown dependency
                .add(task("a"));                                               // duplicate id
        assertThatThrownBy(b::build)
                .isInstanceOfSatisfying(InvalidGraphException.class, e -> assertThat(e.problems()).containsExactly(
                        "duplicate task id 'a'",
                        "task 'u' depends on unknown task 'ghost'",
                        "cycle: a -> b -> c -> a (each task depends on the next)",
                        "cycle: x -> y -> x (each task depends on the next)",
                        "cycle: s -> s (each task depends on the next)"))
                .hasMessageContaining("5 problems");
    }

    @Test
    void findsTwoCyclesThatShareATask() {
        List<String> problems = TaskGraph.problems(List.of(task("a", "b", "c"), task("b", "a"), task("c", "a")));
        assertThat(problems).containsExactly("cycle: a -> b -> a (each task depends on the next)",
                "cycle: a -> c -> a (each task depends on the next)");
    }

    @Test
    void batchesAreTheTopologicalLevels() {
        assertThat(diamond().batches()).containsExactly(List.of("a"), List.of("b", "c"), List.of("d"), List.of("e"));
    }

    @Test
    void readyTasksArePendingWithEveryDependencyDone() {
        TaskGraph g = diamond();
        assertThat(g.ready(Map.of())).extracting(Task::id).containsExactly("a");
        assertThat(g.ready(Map.of("a", TaskState.DONE))).extracting(Task::id).containsExactly("b", "c");
        assertThat(g.ready(Map.of("a", TaskState.DONE, "b", TaskState.DONE, "c", TaskState.RUNNING))).isEmpty();
        assertThat(g.ready(Map.of("a", TaskState.DONE, "b", TaskState.FAILED, "c", TaskState.DONE))).isEmpty();
    }

    @Test
    void criticalPathFollowsEstimatedCostOrCount() {
        TaskGraph g = TaskGraph.builder()
                .add(task("a"))
                .add(Task.builder("slow").goal("slow").dependsOn("a").estimatedCost(10).build())
                .add(task("quick1", "a")).add(task("quick2", "quick1")).add(task("quick3", "quick2"))
                .add(task("end", "slow", "quick3"))
                .build();
        assertThat(g.criticalPath()).extracting(Task::id).containsExactly("a", "slow", "end");
        assertThat(g.criticalPathByCount()).extracting(Task::id).containsExactly("a", "quick1", "quick2", "quick3", "end");
    }

    @Test
    void dependentsAndUnknownIds() {
        TaskGraph g = diamond();
        assertThat(g.dependents("a")).containsExactly("b", "c");
        assertThat(g.transitiveDependents("b")).containsExactly("d", "e");
        assertThatThrownBy(() -> g.require("zz")).hasMessageContaining("no task 'zz'");
    }

    @Test
    void taskIdsAndGoalsAreChecked() {
        assertThatThrownBy(() -> Task.builder("bad id")).hasMessageContaining("task id 'bad id' is not valid");
        assertThatThrownBy(() -> Task.builder("x").build()).hasMessageContaining("task 'x' has no goal");
        assertThatThrownBy(() -> Task.builder("x").goal(" ")).hasMessageContaining("not blank");
    }

    @Test
    void aLongChainDoesNotOverflowTheStack() {
        TaskGraph.Builder b = TaskGraph.builder().add(task("t0"));
        for (int i = 1; i < 20_000; i++) {
            b.add(task("t" + i, "t" + (i - 1)));
        }
        TaskGraph g = b.build();
        assertThat(g.batches()).hasSize(20_000);
        assertThat(g.criticalPathByCount()).hasSize(20_000);
    }
}
