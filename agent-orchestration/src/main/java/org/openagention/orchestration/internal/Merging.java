package org.openagention.orchestration.internal;

import java.util.ArrayList;
import java.util.List;
import org.openagention.orchestration.MergeResult;
import org.openagention.orchestration.OrchestrationEvent;
import org.openagention.orchestration.Task;
import org.openagention.tools.Workspace;

/**
 * Merging a done task into the target, on the supervisor thread as the task completes (so in
 * dependency order: a task starts after its dependencies are done, and each is merged when done).
 * A conflict becomes a new task, {@code <id>-merge}, that the task's dependents wait for; its lane
 * is the conflicted task's, and it is marked {@link Task#conflictOf() as resolving} that task so
 * the lanes can give it the conflicted state to work on.
 */
final class Merging {
    /** How many resolutions of one task's conflict are tried before the conflict is given up on. */
    static final int MAX_RESOLUTIONS = 3;

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

    /** Merges a done task; a conflict becomes a new task that its dependents wait for. */
    void merge(Track t) {
        MergeResult m;
        try {
            Workspace ws = sup.workspace(t);
            m = sup.lanes.merge(t.task, ws);
        } catch (RuntimeException e) {
            m = MergeResult.conflict(List.of("(every file the task changed)"), "The merge itself failed: "
                    + Texts.describe(e));
        }
        String conflictTask = "";
        String unresolved = "";
        if (m instanceof MergeResult.Conflict c) {
            int tried = resolutionsBefore(t);
            if (tried >= MAX_RESOLUTIONS) {
                unresolved = "the merge conflict of task '" + t.id() + "' in " + c.files() + " is still there after "
                        + tried + " resolutions; its work is kept for a person. " + c.detail();
            } else {
                conflictTask = addResolver(t, c);
            }
        }
        boolean merged = m instanceof MergeResult.Merged;
        log.write("task.merged", log.payload(t.id()).put("merged", merged).put("conflictTask", conflictTask)
                .put("files", m.files()).put("unresolved", unresolved));
        st.applyMerged(t, merged, unresolved);
        if (!unresolved.isEmpty()) {
            decisions.skipDependents(t, "depends on task '" + t.id() + "', whose merge conflict was not resolved");
        }
        String ct = conflictTask;
        List<String> mergedFiles = m.files();
        log.publish(() -> new OrchestrationEvent.TaskMerged(st.runId, log.now(), t.id(), merged, mergedFiles, ct));
    }

    private String addResolver(Track t, MergeResult.Conflict c) {
        Task resolver = resolverOf(t.task, c);
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

    private Task resolverOf(Task task, MergeResult.Conflict c) {
        // Room for "-merge" and a three-digit number within the 64 characters of a task id.
        String base = (task.id().length() > 55 ? task.id().substring(0, 55) : task.id()) + "-merge";
        String id = base;
        for (int n = 2; st.tracks.containsKey(id); n++) {
            id = base + n;
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
