package org.openagention.orchestration.internal;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.openagention.orchestration.Budget;
import org.openagention.orchestration.FailureKind;
import org.openagention.orchestration.FailurePolicy;
import org.openagention.orchestration.MergeResult;
import org.openagention.orchestration.OrchestrationEvent;
import org.openagention.orchestration.Replan;
import org.openagention.orchestration.ReviewItem;
import org.openagention.orchestration.ReviewState;
import org.openagention.orchestration.Task;
import org.openagention.orchestration.TaskGraph;
import org.openagention.orchestration.TaskState;
import org.openagention.tools.Workspace;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The supervisor's decisions on a task, each journaled, applied to the run state and published:
 * state moves, retry or give up, the failure policy (skip dependents, replan), completion and
 * merge (a conflict becomes a new task), review outcomes, and recovery after a crash.
 */
final class Decisions {
    private static final Logger LOG = LoggerFactory.getLogger(Decisions.class);

    private final Settings s;
    private final RunState st;
    private final RunLog log;
    private final Supervisor sup;

    Decisions(Settings s, RunState st, RunLog log, Supervisor sup) {
        this.s = s;
        this.st = st;
        this.log = log;
        this.sup = sup;
    }

    void move(Track t, TaskState to, String reason) {
        move(t, to, reason, null, "", false);
    }

    private void move(Track t, TaskState to, String reason, FailureKind kind, String failure, boolean backoff) {
        TaskState from = t.state;
        from.moveTo(to); // refuse before anything is journaled
        Payload p = log.payload(t.id()).put("from", from.name()).put("to", to.name()).put("reason", reason);
        if (to == TaskState.FAILED) {
            p.put("kind", kind.name()).put("failure", failure);
        } else if (to == TaskState.PENDING) {
            p.put("backoff", backoff);
        }
        log.write("task.state", p);
        st.applyState(t, to, kind, failure, backoff);
        log.publish(() -> new OrchestrationEvent.TaskStateChanged(st.runId, log.now(), t.id(), from, to, reason));
    }

    /** The running task's attempt failed: record it, then retry or give up. */
    void fail(Track t, FailureKind kind, String failure) {
        move(t, TaskState.FAILED, Supervisor.firstLine(failure), kind, failure, false);
        afterFailure(t);
    }

    void afterFailure(Track t) {
        boolean retry = t.failureKind != FailureKind.BUDGET_SPENT && t.task.retry().retries(t.failureKind, t.attempts)
                && !st.failFastStop && Supervisor.taskBudgetLeft(t);
        if (retry) {
            move(t, TaskState.PENDING, "retry: attempt " + (t.attempts + 1) + " of " + t.task.retry().maxAttempts(),
                    null, "", true);
            st.ready.addFirst(t.id());
        } else {
            giveUp(t);
        }
    }

    private void giveUp(Track t) {
        String detail = "task '" + t.id() + "' failed after " + t.attempts + (t.attempts == 1 ? " attempt: " : " attempts: ")
                + Supervisor.firstLine(t.failure);
        boolean failFast = s.failurePolicy() == FailurePolicy.FAIL_FAST;
        log.write("task.gave_up", log.payload(t.id()).put("kind", String.valueOf(t.failureKind))
                .put("policy", s.failurePolicy().name()).put("failFast", failFast).put("detail", detail));
        st.applyGaveUp(t, failFast, detail);
        if (t.workspace != null) {
            try {
                s.workspaces().discard(t.task, t.workspace);
            } catch (RuntimeException e) {
                LOG.warn("Discarding the workspace of task {} failed; continuing", t.id(), e);
            }
        }
        if (s.failurePolicy() == FailurePolicy.SKIP_DEPENDENTS
                || (s.failurePolicy() == FailurePolicy.REPLAN && !replan(t))) {
            skipDependents(t);
        }
    }

    private void skipDependents(Track failed) {
        for (String id : st.graph.transitiveDependents(failed.id())) {
            Track t = st.tracks.get(id);
            if (t.state == TaskState.PENDING && !t.skipped) {
                String because = "depends on failed task '" + failed.id() + "'";
                log.write("task.skipped", log.payload(id).put("because", because));
                st.applySkipped(t, because);
                log.publish(() -> new OrchestrationEvent.TaskSkipped(st.runId, log.now(), id, because));
            }
        }
    }

    /** Asks the planner for the rest of the work; false when it cannot give a usable plan. */
    private boolean replan(Track failed) {
        if (s.planner() == null || st.replans >= s.maxReplans()) {
            return false;
        }
        Map<String, TaskState> states = new HashMap<>();
        Map<String, String> outputs = new HashMap<>();
        st.tracks.forEach((id, t) -> {
            states.put(id, t.state);
            if (t.state == TaskState.DONE) {
                outputs.put(id, t.output);
            }
        });
        List<String> removed = new ArrayList<>();
        List<Task> kept = new ArrayList<>();
        for (Task task : st.graph.tasks()) {
            Track t = st.tracks.get(task.id());
            if (t.state == TaskState.PENDING && t.attempts == 0) {
                removed.add(task.id());
            } else {
                kept.add(task);
            }
        }
        List<Task> added = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        try {
            TaskGraph plan = s.planner().replan(new Replan(st.goal, st.graph, states, failed.id(), failed.failure,
                    outputs));
            Set<String> keptIds = new HashSet<>();
            kept.forEach(k -> keptIds.add(k.id()));
            for (Task task : plan.tasks()) {
                if (keptIds.contains(task.id())) {
                    continue; // already done or under way
                }
                added.add(task);
                for (String d : task.dependencies()) {
                    Track dt = st.tracks.get(d);
                    if (dt != null && keptIds.contains(d) && dt.gaveUp) {
                        problems.add("task '" + task.id() + "' depends on failed task '" + d + "'");
                    }
                }
            }
            List<Task> all = new ArrayList<>(kept);
            all.addAll(added);
            problems.addAll(TaskGraph.problems(all));
        } catch (RuntimeException e) {
            problems.add("the planner failed: " + Supervisor.describe(e));
        }
        if (!problems.isEmpty()) {
            log.write("graph.replan_failed", log.payload(failed.id()).put("problems", String.join("; ", problems)));
            LOG.warn("Replanning after task {} failed did not give a usable plan: {}", failed.id(), problems);
            return false;
        }
        StringBuilder specs = new StringBuilder("[");
        added.forEach(task -> specs.append(specs.length() > 1 ? "," : "").append(TaskCodec.write(task, "")));
        log.write("graph.replanned", log.payload(null).put("failedTask", failed.id()).put("removed", removed)
                .putJson("added", specs.append(']').toString()));
        st.applyReplanned(failed.id(), removed, added);
        List<String> addedIds = added.stream().map(Task::id).toList();
        log.publish(() -> new OrchestrationEvent.Replanned(st.runId, log.now(), failed.id(), removed, addedIds));
        return true;
    }

    /** The task is accepted: done, merged, and its dependents unlocked. */
    void complete(Track t, String reason) {
        move(t, TaskState.DONE, reason);
        merge(t);
        unlock(t);
    }

    private void unlock(Track t) {
        for (String d : st.graph.dependents(t.id())) {
            Track dt = st.tracks.get(d);
            dt.unmet--;
            if (st.isReady(dt)) {
                st.ready.add(d);
            }
        }
    }

    /** Merges a done task; a conflict becomes a new task that its dependents wait for. */
    void merge(Track t) {
        MergeResult m;
        try {
            Workspace ws = sup.workspace(t);
            m = s.workspaces().merge(t.task, ws);
        } catch (RuntimeException e) {
            m = MergeResult.conflict(List.of("(every file the task changed)"), "The merge itself failed: "
                    + Supervisor.describe(e));
        }
        String conflictTask = "";
        if (m instanceof MergeResult.Conflict c) {
            Task resolver = resolverOf(t.task, c);
            List<String> dependents = new ArrayList<>();
            for (String d : st.graph.dependents(t.id())) {
                if (!st.tracks.get(d).skipped) {
                    dependents.add(d);
                }
            }
            log.write("graph.task.added", log.payload(resolver.id())
                    .put("reason", "merge conflict of task '" + t.id() + "'").put("conflictOf", t.id())
                    .putJson("spec", TaskCodec.write(resolver, t.id())).put("dependents", dependents));
            st.applyTaskAdded(resolver, dependents, t.id());
            conflictTask = resolver.id();
            String rid = resolver.id();
            log.publish(() -> new OrchestrationEvent.TaskAdded(st.runId, log.now(), rid,
                    "merge conflict of task '" + t.id() + "' in " + c.files()));
            Track rt = st.tracks.get(rid);
            if (st.isReady(rt)) {
                st.ready.addFirst(rid);
            }
        }
        boolean merged = m instanceof MergeResult.Merged;
        log.write("task.merged", log.payload(t.id()).put("merged", merged).put("conflictTask", conflictTask)
                .put("files", m.files()));
        st.applyMerged(t, merged);
        String ct = conflictTask;
        List<String> mergedFiles = m.files();
        log.publish(() -> new OrchestrationEvent.TaskMerged(st.runId, log.now(), t.id(), merged, mergedFiles, ct));
    }

    private Task resolverOf(Task task, MergeResult.Conflict c) {
        String base = (task.id().length() > 56 ? task.id().substring(0, 56) : task.id()) + "-merge";
        String id = base;
        for (int n = 2; st.tracks.containsKey(id); n++) {
            id = base + n;
        }
        String goal = "Resolve a merge conflict. Task '" + task.id() + "' (" + Supervisor.firstLine(task.goal())
                + ") changed these files, and the target changed them too since it started: "
                + String.join(", ", c.files()) + ". " + c.detail()
                + " Make each file keep the intent of both sides, in your workspace.";
        Task.Builder b = Task.builder(id).goal(goal).lane(task.lane()).check(task.check()).retry(task.retry())
                .budget(task.budget()).estimatedCost(task.estimatedCost());
        task.reviewer().ifPresent(b::reviewer);
        return b.build();
    }

    /** Acts on the review decision journaled for a task in review. */
    void actOnDecision(Track t) {
        String decision = t.pendingDecision;
        ReviewItem item = s.reviews().get(t.reviewItem).orElseThrow();
        if ("approve".equals(decision)) {
            complete(t, "approved by " + item.reviewer());
        } else if ("reject".equals(decision)) {
            move(t, TaskState.RUNNING, "rejected by " + item.reviewer());
            fail(t, FailureKind.REJECTED, "the reviewer " + item.reviewer() + " rejected the work: " + item.feedback());
        } else {
            move(t, TaskState.RUNNING, "revision asked by " + item.reviewer());
            if (t.attempts >= t.task.retry().maxAttempts()) {
                fail(t, FailureKind.REJECTED, "the reviewer " + item.reviewer() + " asked for a revision after the last"
                        + " allowed attempt: " + item.feedback());
                return;
            }
            Budget allot = sup.allotment(t);
            if (allot == null) {
                fail(t, FailureKind.BUDGET_SPENT, "the graph's budget is spent; the revision cannot start");
                return;
            }
            sup.startAttempt(t, allot, Duration.ZERO);
        }
    }

    /** After a crash: picks every task up from where its journal left it. Runs before the first dispatch. */
    void recover() {
        for (String id : st.graph.topologicalOrder()) {
            Track t = st.tracks.get(id);
            switch (t.state) {
                case RUNNING:
                    // Not the task's fault: it gets another attempt whatever its retry policy says.
                    move(t, TaskState.FAILED, "interrupted", FailureKind.WORKER_ERROR, "the attempt was interrupted:"
                            + " the process running it stopped before it finished. Its work so far is in the workspace.",
                            false);
                    move(t, TaskState.PENDING, "resumed after the interruption", null, "", false);
                    break;
                case REVIEW:
                    recoverReview(t);
                    break;
                case BLOCKED:
                    Budget allot = sup.allotment(t);
                    if (allot != null) {
                        move(t, TaskState.RUNNING, "resumed: trying the blocked task again");
                        sup.startAttempt(t, allot, Duration.ZERO);
                    }
                    break;
                case FAILED:
                    if (!t.gaveUp) {
                        afterFailure(t);
                    }
                    break;
                case DONE:
                    if (!t.mergeRecorded) {
                        merge(t);
                    }
                    break;
                default:
                    break;
            }
        }
        st.rebuildReadiness();
    }

    private void recoverReview(Track t) {
        ReviewItem item = t.reviewItem == null ? null : s.reviews().get(t.reviewItem).orElse(null);
        if (t.pendingDecision != null) {
            actOnDecision(t);
        } else if (item != null && item.state() == ReviewState.PENDING) {
            sup.askReviewer(t);
        } else {
            sup.submitReview(t);
        }
    }
}
