// SPDX-License-Identifier: Apache-2.0
package org.openagention.orchestration.internal;

import java.util.ArrayList;
import java.util.List;
import org.openagention.orchestration.graph.Task;
import org.openagention.orchestration.lanes.TaskWorkspaces;
import org.openagention.tools.MergeResult;
import org.openagention.tools.Workspace;

/**
 * Merging a done task into the target, on the supervisor thread as the task completes (so in
 * dependency order: a task starts after its dependencies are done, and each is merged when done).
 * A conflict becomes a new task, {@code <id>-merge}, that the task's dependents wait for; its lane
 * is the conflicted task's, and it is marked {@link Task#conflictOf() as resolving} that task so
 * the lanes can give it the conflicted state to work on. A resolution that conflicts again gets
 * {@code <id>-merge-2}, then {@code <id>-merge-3}, named for the task the chain started from.
 *
 * <p>A merge that fails without a conflict (the lanes threw: git refused because of local changes
 * in the target's working tree, say) is not a conflict and gets no resolution: {@link #attempt}
 * returns its reason, and the supervisor fails the task for it.
 *
 * <p>It decides only: {@link #recorded} returns the facts of a merge result, which the supervisor
 * journals and applies.
 */
final class Merging {
    /** How many resolutions of one task's conflict are tried before the conflict is given up on. */
    static final int MAX_RESOLUTIONS = 3;
    /** How many lines of the lanes' error a merge failure's reason keeps. */
    private static final int REASON_LINES = 6;

    private final RunState st;
    private final Decisions decisions;

    Merging(RunState st, Decisions decisions) {
        this.st = st;
        this.decisions = decisions;
    }

    /** How the lanes' merge of a task went: a result, or (result null) why it failed without a conflict. */
    record Attempt(MergeResult result, String failure) {}

    /** Runs the lanes' merge of a task in {@code ws}; nothing is journaled or applied. */
    static Attempt attempt(TaskWorkspaces lanes, Track t, Workspace ws) {
        try {
            return new Attempt(lanes.merge(t.task, ws), "");
        } catch (RuntimeException e) {
            return new Attempt(null, failureReason(t, e));
        }
    }

    /** The reason a merge that threw gives: the error's first lines, and where the work is. */
    static String failureReason(Track t, RuntimeException e) {
        return "the merge of task '" + t.id() + "' into the target failed (not a merge conflict, so no task resolves"
                + " it): " + Texts.firstLines(Texts.describe(e), REASON_LINES) + "\nIts work is kept in its workspace"
                + " (on its branch); nothing of it was merged. Fix the cause, then merge it by hand.";
    }

    /** The facts of a done task's merge (after a crash): as {@link #recorded}, or its work left unmerged. */
    List<RunFact> again(Track t, Attempt a) {
        return a.result() == null
                ? unmerged(t, a.failure(), List.of(), "depends on task '" + t.id() + "', whose work could not be merged")
                : recorded(t, a.result());
    }

    /** The facts of a done task's merge result: merged, or a conflict with the task that resolves it, or given up on. */
    List<RunFact> recorded(Track t, MergeResult m) {
        if (m instanceof MergeResult.Conflict c) {
            int tried = resolutionsBefore(t);
            if (tried >= MAX_RESOLUTIONS) {
                String unresolved = "the merge conflict of task '" + t.id() + "' in " + c.files() + " is still there"
                        + " after " + tried + " resolutions; its work is kept for a person. " + c.detail();
                return unmerged(t, unresolved, m.files(), "depends on task '" + t.id() + "', whose merge conflict was"
                        + " not resolved");
            }
            RunFact.TaskAdded resolver = resolver(t, c, tried + 1);
            return List.of(resolver, new RunFact.Merged(t.id(), false, resolver.task().id(), m.files(), ""));
        }
        return List.of(new RunFact.Merged(t.id(), m instanceof MergeResult.Merged, "", m.files(), ""));
    }

    /** A done task's work stays unmerged, and why; its dependents are skipped. */
    private List<RunFact> unmerged(Track t, String why, List<String> files, String skipBecause) {
        List<RunFact> facts = new ArrayList<>();
        facts.add(new RunFact.Merged(t.id(), false, "", files, why));
        facts.addAll(decisions.skipDependents(t, skipBecause));
        return facts;
    }

    private RunFact.TaskAdded resolver(Track t, MergeResult.Conflict c, int number) {
        List<String> dependents = new ArrayList<>();
        for (String d : st.graph.dependents(t.id())) {
            if (!st.tracks.get(d).skipped()) {
                dependents.add(d);
            }
        }
        return new RunFact.TaskAdded(resolverOf(t, c, number), "merge conflict of task '" + t.id() + "' in " + c.files(),
                t.id(), dependents);
    }

    /** The task a chain of resolutions started from ({@code t}'s own id for an ordinary task). */
    private String chainRoot(Track t) {
        Task at = t.task;
        while (at.conflictOf().isPresent() && st.tracks.containsKey(at.conflictOf().get())) {
            at = st.tracks.get(at.conflictOf().get()).task;
        }
        return at.id();
    }

    /** How many resolution tasks came before this one in its chain (0 for an ordinary task). */
    private int resolutionsBefore(Track t) {
        int n = 0;
        for (Task at = t.task; at.conflictOf().isPresent(); n++) {
            Track from = st.tracks.get(at.conflictOf().get());
            if (from == null) {
                return n + 1;
            }
            at = from.task;
        }
        return n;
    }

    /** The {@code number}th resolution in the chain of {@code t}: {@code <root>-merge}, then {@code -merge-2}... */
    private Task resolverOf(Track t, MergeResult.Conflict c, int number) {
        Task task = t.task;
        String root = chainRoot(t);
        // Room for "-merge-" and a three-digit number within the 64 characters of a task id.
        String base = (root.length() > 54 ? root.substring(0, 54) : root) + "-merge";
        int n = number;
        String id = n == 1 ? base : base + "-" + n;
        while (st.tracks.containsKey(id)) {
            id = base + "-" + ++n;
        }
        String goal = "Resolve a merge conflict. Task '" + task.id() + "' (" + Texts.firstLine(task.goal())
                + ") changed these files, and the target changed them too since it started: "
                + String.join(", ", c.files()) + ". " + c.detail()
                + " Make each file keep the intent of both sides, in your workspace.";
        Task.Builder b = Task.builder(id).goal(goal).lane(task.lane()).check(task.check()).retry(task.retry())
                .retryOn(task.retryOn()).budget(task.budget()).estimatedCost(task.estimatedCost()).conflictOf(task.id());
        task.reviewer().ifPresent(b::reviewer);
        return b.build();
    }
}
