// SPDX-License-Identifier: Apache-2.0
package org.openagention.orchestration.planning;

import java.util.Objects;
import java.util.function.Function;
import org.openagention.orchestration.graph.TaskGraph;

/**
 * A {@link Planner} whose plans are written in code: one graph for every goal, or a function of
 * the goal. Replanning needs its own function ({@link #withReplan}); without one, a replan is
 * refused with an error that says so, and the orchestrator falls back to skipping dependents.
 *
 * <pre>{@code
 * Planner planner = FixedPlanner.of(graph)
 *         .withReplan(r -> TaskGraph.builder().add(fallbackTask).build());
 * }</pre>
 *
 * Immutable; thread-safe when its functions are.
 */
public final class FixedPlanner implements Planner {
    private final Function<String, TaskGraph> plans;
    private final Function<Replan, TaskGraph> replans;

    private FixedPlanner(Function<String, TaskGraph> plans, Function<Replan, TaskGraph> replans) {
        this.plans = plans;
        this.replans = replans;
    }

    /** A planner that answers every goal with {@code graph}. */
    public static FixedPlanner of(TaskGraph graph) {
        Objects.requireNonNull(graph, "graph");
        return new FixedPlanner(goal -> graph, null);
    }

    /** A planner that answers with {@code plans.apply(goal)}. */
    public static FixedPlanner of(Function<String, TaskGraph> plans) {
        return new FixedPlanner(Objects.requireNonNull(plans, "plans"), null);
    }

    /** This planner, replanning with {@code replans}. */
    public FixedPlanner withReplan(Function<Replan, TaskGraph> replans) {
        return new FixedPlanner(plans, Objects.requireNonNull(replans, "replans"));
    }

    @Override
    public TaskGraph plan(String goal) {
        Objects.requireNonNull(goal, "goal");
        return Objects.requireNonNull(plans.apply(goal), "the plan function returned null");
    }

    /**
     * @throws UnsupportedOperationException when no replan function was given
     */
    @Override
    public TaskGraph replan(Replan replan) {
        if (replans == null) {
            throw new UnsupportedOperationException("this FixedPlanner cannot replan: give it withReplan(...)");
        }
        return Objects.requireNonNull(replans.apply(replan), "the replan function returned null");
    }
}
