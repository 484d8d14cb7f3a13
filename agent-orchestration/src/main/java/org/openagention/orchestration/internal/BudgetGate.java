// SPDX-License-Identifier: Apache-2.0
package org.openagention.orchestration.internal;

import java.time.Duration;
import java.time.Instant;
import org.openagention.core.StopReason;
import org.openagention.orchestration.Spend;
import org.openagention.orchestration.graph.Budget;
/**
 * The nested budgets of a run: what the graph has left, what each task has left, and what the
 * next attempt may spend (the smaller of the two). Once the graph's budget is spent the gate stays
 * shut: no new attempt starts. Touched by the supervisor thread only.
 */
final class BudgetGate {
    private final Budget graph;
    private final RunState st;
    private final RunLog log;
    private boolean shut;
    private String detail = "";

    BudgetGate(Budget graph, RunState st, RunLog log) {
        this.graph = graph;
        this.st = st;
        this.log = log;
    }

    /** Whether the graph's budget is spent, so that no new attempt may start. */
    boolean shut() {
        return shut;
    }

    /** Why the gate shut; empty while it is open. */
    String detail() {
        return detail;
    }

    /** What the task's next attempt may spend; null (and the gate shuts) when the graph's budget is spent. */
    Budget allotment(Track t) {
        return allotment(t, t.attempts + 1);
    }

    /**
     * The allotment of attempt {@code attempt} of {@code t}: for an attempt being resumed, the one
     * it started with (its clock step is replayed), less nothing, since it has not finished.
     */
    Budget allotment(Track t, int attempt) {
        if (shut) {
            return null;
        }
        Instant now = now(t.id(), attempt, "allotted/now");
        if (noteSpent(now)) {
            return null;
        }
        Spend spent = st.graphSpent;
        long tokens = graph.maxTokens() == 0 ? 0 : graph.maxTokens() - spent.tokens();
        double cost = graph.maxCostUsd() == 0 ? 0 : graph.maxCostUsd() - spent.costUsd();
        Duration wall = graph.maxWallClock().isZero() ? Duration.ZERO
                : Duration.between(now, st.startedAt.plus(graph.maxWallClock()));
        Budget tb = t.task.budget();
        long taskTokens = tb.maxTokens() == 0 ? 0 : Math.max(1, tb.maxTokens() - t.spend.tokens());
        double taskCost = tb.maxCostUsd() == 0 ? 0 : Math.max(1e-9, tb.maxCostUsd() - t.spend.costUsd());
        Duration taskWall = tb.maxWallClock().isZero() ? Duration.ZERO
                : max(Duration.ofMillis(1), tb.maxWallClock().minus(t.spend.elapsed()));
        return new Budget(Allotments.min(tokens, taskTokens), Allotments.min(cost, taskCost),
                Allotments.min(wall, taskWall));
    }

    /** Shuts the gate when the graph's budget is spent, just after attempt {@code attempt} of {@code t}; whether it is shut. */
    boolean noteSpent(Track t, int attempt) {
        return shut || noteSpent(now(t.id(), attempt, "finished/now"));
    }

    /**
     * The time as a step of the attempt, when the graph has a wall-clock budget to check it
     * against (null otherwise, and nothing is journaled).
     */
    private Instant now(String taskId, int attempt, String what) {
        return graph.maxWallClock().isZero() ? null : log.now(RunLog.attemptStep(taskId, attempt, what));
    }

    private boolean noteSpent(Instant now) {
        if (!shut) {
            String why = graphSpentReason(now);
            if (why != null) {
                shut = true;
                detail = why;
            }
        }
        return shut;
    }

    /** Why the graph's budget is spent, or null while it is not. */
    private String graphSpentReason(Instant now) {
        Spend spent = st.graphSpent;
        if (graph.maxTokens() > 0 && spent.tokens() >= graph.maxTokens()) {
            return "the graph's budget of " + graph.maxTokens() + " tokens is spent (" + spent.tokens() + " used)";
        }
        if (graph.maxCostUsd() > 0 && spent.costUsd() >= graph.maxCostUsd()) {
            return String.format("the graph's budget of $%.4f is spent ($%.4f used)", graph.maxCostUsd(),
                    spent.costUsd());
        }
        if (!graph.maxWallClock().isZero() && !now.isBefore(st.startedAt.plus(graph.maxWallClock()))) {
            return "the graph's wall-clock budget of " + graph.maxWallClock() + " has passed";
        }
        return null;
    }

    /** Whether the task's own budget has something left in every dimension it limits. */
    static boolean taskBudgetLeft(Track t) {
        Budget b = t.task.budget();
        return (b.maxTokens() == 0 || t.spend.tokens() < b.maxTokens())
                && (b.maxCostUsd() == 0 || t.spend.costUsd() < b.maxCostUsd())
                && (b.maxWallClock().isZero() || t.spend.elapsed().compareTo(b.maxWallClock()) < 0);
    }

    /** Whether the worker stopped on a limit that its allotment set. */
    static boolean spentAllotment(StopReason reason, Budget allot) {
        return (reason == StopReason.TOKEN_BUDGET && allot.maxTokens() > 0)
                || (reason == StopReason.COST_BUDGET && allot.maxCostUsd() > 0)
                || (reason == StopReason.TIMEOUT && !allot.maxWallClock().isZero());
    }

    private static Duration max(Duration a, Duration b) {
        return a.compareTo(b) >= 0 ? a : b;
    }
}
