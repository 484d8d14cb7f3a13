package org.openagention.orchestration.internal;

import java.util.ArrayList;
import java.util.List;
import org.openagention.tools.MergeResult;
import org.openagention.orchestration.OrchestrationEvent;
import org.openagention.orchestration.Task;
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
 * returns its reason, and the task fails for it (see {@link Decisions#complete}).
 */
final class Merging {
    /** How many resolutions of one task's conflict are tried before the conflict is given up on. */
    static final int MAX_RESOLUTIONS = 3;
    /** How many lines of the lanes' error a merge failure's reason keeps. */
    private static final int REASON_LINES = 6;

    private final RunState st;
    private final RunLog log;
    private final Supervisor sup;
    private final Decisions decisions;

    Merging(RunState st, RunLog log, Supervisor sup, Decisions decisions) {
        this.st = st;
        this.log = log;
        this.sup = sup;
        this.decisions = decisions;
    }

    /** How the lanes' merge of a task went: a result, or (result null) why it failed without a conflict. */
    record Attempt(MergeResult result, String failure) {}

    /** Runs the lanes' merge of a task; nothing is journaled or applied. */
    Attempt attempt(Track t) {
        try {
            Workspace ws = sup.workspace(t);
            return new Attempt(sup.lanes.merge(t.task, ws), "");
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

    /** Merges a done task (after a crash); a conflict becomes a new task, a failure leaves it unmerged. */
    void merge(Track t) {
        Attempt a = attempt(t);
        if (a.result() == null) {
            recordUnmerged(t, a.failure(), List.of(), "depends on task '" + t.id() + "', whose work could not be merged");
        } else {
            record(t, a.result());
        }
    }

    /** Records a done task's merge result: journaled, applied and published; a conflict adds its resolution. */
    void record(Track t, MergeResult m) {
        String conflictTask = "";
        String unresolved = "";
        if (m instanceof MergeResult.Conflict c) {
            int tried = resolutionsBefore(t);
            if (tried >= MAX_RESOLUTIONS) {
                unresolved = "the merge conflict of task '" + t.id() + "' in " + c.files() + " is still there after "
                        + tried + " resolutions; its work is kept for a person. " + c.detail();
            } else {
                conflictTask = addResolver(t, c, tried + 1);
            }
        }
        if (!unresolved.isEmpty()) {
            recordUnmerged(t, unresolved, m.files(), "depends on task '" + t.id() + "', whose merge conflict was not"
                    + " resolved");
            return;
        }
        boolean merged = m instanceof MergeResult.Merged;
        log.write("task.merged", log.payload(t.id()).put("merged", merged).put("conflictTask", conflictTask)
                .put("files", m.files()).put("unresolved", ""));
        st.applyMerged(t, merged, "");
        String ct = conflictTask;
        List<String> files = m.files();
        log.publish(() -> new OrchestrationEvent.TaskMerged(st.runId, log.now(), t.id(), merged, files, ct));
    }

    /** Records that a done task's work stays unmerged, and why; its dependents are skipped. */
    private void recordUnmerged(Track t, String why, List<String> files, String skipBecause) {
        log.write("task.merged", log.payload(t.id()).put("merged", false).put("conflictTask", "")
                .put("files", files).put("unresolved", why));
        st.applyMerged(t, false, why);
        decisions.skipDependents(t, skipBecause);
        log.publish(() -> new OrchestrationEvent.TaskMerged(st.runId, log.now(), t.id(), false, files, ""));
    }

    private String addResolver(Track t, MergeResult.Conflict c, int number) {
        Task resolver = resolverOf(t, c, number);
        List<String> dependents = new ArrayList<>();
        for (String d : st.graph.dependents(t.id())) {
            if (!st.tracks.get(d).skipped) {
                dependents.add(d);
            }
        }
        String rid = resolver.id();
        String reason = "merge conflict of task '" + t.id() + "'";
        log.write("graph.task.added", log.payload(rid).put("reason", reason).put("conflictOf", t.id())
                .putJson("spec", TaskCodec.write(resolver)).put("dependents", dependents));
        st.applyTaskAdded(resolver, dependents, t.id());
        log.publish(() -> new OrchestrationEvent.TaskAdded(st.runId, log.now(), rid, reason + " in " + c.files()));
        Track rt = st.tracks.get(rid);
        if (st.isReady(rt)) {
            st.ready.addFirst(rid);
        }
        return rid;
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
                .budget(task.budget()).estimatedCost(task.estimatedCost()).conflictOf(task.id());
        task.reviewer().ifPresent(b::reviewer);
        return b.build();
    }
}
