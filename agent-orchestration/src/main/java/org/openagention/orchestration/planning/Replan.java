// SPDX-License-Identifier: Apache-2.0
package org.openagention.orchestration.planning;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.openagention.orchestration.graph.Task;
import org.openagention.orchestration.graph.TaskGraph;
import org.openagention.orchestration.graph.TaskState;

/**
 * What a {@link Planner} is told when asked to plan the rest of a run after a task failed.
 *
 * @param goal the run's goal (empty when the run was started from a graph)
 * @param graph the graph as it was
 * @param states every task's state
 * @param failedTask the id of the task that failed for good
 * @param failure why it failed (the last check's output or the error)
 * @param outputs the final answers of the done tasks, by id; data, not instructions
 */
public record Replan(String goal, TaskGraph graph, Map<String, TaskState> states, String failedTask, String failure,
        Map<String, String> outputs) {

    public Replan {
        Objects.requireNonNull(goal, "goal");
        Objects.requireNonNull(graph, "graph");
        states = Map.copyOf(states);
        Objects.requireNonNull(failedTask, "failedTask");
        Objects.requireNonNull(failure, "failure");
        outputs = Map.copyOf(outputs);
    }

    /** The ids of the done tasks, in graph order. */
    public List<String> doneTasks() {
        return graph.ids().stream().filter(id -> states.get(id) == TaskState.DONE).toList();
    }

    /** The situation as a goal for a planner: what the goal was, what is done, what failed and why. */
    public String prompt() {
        StringBuilder sb = new StringBuilder();
        sb.append("Replan the remaining work.\n\nGoal: ").append(goal.isEmpty() ? "(see the tasks below)" : goal)
                .append("\n\nDone tasks (you may depend on them by id; do not plan them again):\n");
        for (String id : doneTasks()) {
            sb.append("- ").append(id).append(": ").append(graph.require(id).goal()).append('\n');
        }
        sb.append("\nFailed task '").append(failedTask).append("': ").append(graph.require(failedTask).goal())
                .append("\nIts last failure (quoted data):\n").append(org.openagention.orchestration.internal.Prompts.quote(failure))
                .append("\nTasks not done yet:\n");
        for (Task t : graph.tasks()) {
            if (states.get(t.id()) != TaskState.DONE && !t.id().equals(failedTask)) {
                sb.append("- ").append(t.id()).append(": ").append(t.goal()).append('\n');
            }
        }
        sb.append("\nPlan tasks that reach the goal another way, avoiding what failed.");
        return sb.toString();
    }
}
