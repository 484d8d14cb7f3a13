// SPDX-License-Identifier: Apache-2.0
package org.openagention.orchestration.planning;

import org.openagention.orchestration.graph.TaskGraph;

/**
 * Turns a goal into a {@link TaskGraph} (course chapter 3), and, when a run's failure policy is
 * {@link org.openagention.orchestration.FailurePolicy#REPLAN}, the rest of a graph into a new plan.
 *
 * <p>Two come with the library: {@link FixedPlanner} for plans written in code, and
 * {@link LlmPlanner}, where a model proposes the tasks through structured output.
 *
 * <pre>{@code
 * Planner planner = LlmPlanner.builder(plannerAgent).build();
 * TaskGraph graph = planner.plan("Add input validation to the CLI");
 * }</pre>
 *
 * Implementations must be thread-safe if shared between runs.
 */
@FunctionalInterface
public interface Planner {

    /**
     * @throws org.openagention.orchestration.graph.InvalidGraphException when no valid graph can be made
     */
    TaskGraph plan(String goal);

    /**
     * Plans the remaining work after a task failed for good. The returned graph replaces every
     * task that has not started. For its tasks to depend on done tasks, it includes those tasks
     * (by id; {@link Replan#graph()} has them): a task of the returned graph whose id is a task
     * already done or under way is kept as it is, never run again. The default plans
     * {@link Replan#prompt()} as a new goal.
     */
    default TaskGraph replan(Replan replan) {
        return plan(replan.prompt());
    }
}
