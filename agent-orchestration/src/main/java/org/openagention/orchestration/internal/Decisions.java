package org.openagention.orchestration.internal;

import java.time.Duration;
import org.openagention.orchestration.Budget;
import org.openagention.orchestration.FailureKind;
import org.openagention.orchestration.FailurePolicy;
import org.openagention.orchestration.OrchestrationEvent;
import org.openagention.orchestration.ReviewItem;
import org.openagention.orchestration.TaskState;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The supervisor's decisions on a task, each journaled, applied to the run state and published:
 * state moves, retry or give up, the failure policy (skip dependents, or replan through
 * {@link Replanning}), completion and merge (through {@link Merging}), and review outcomes.
 */
final class Decisions {
    private static final Logger LOG = LoggerFactory.getLogger(Decisions.class);

    private final Settings s;
    private final RunState st;
    private final RunLog log;
    private final Supervisor sup;
    private final Merging merging;
    private final Replanning replanning;

    Decisions(Settings s, RunState st, RunLog log, Supervisor sup) {
        this.s = s;
        this.st = st;
        this.log = log;
        this.sup = sup;
        this.merging = new Merging(st, log, sup, this);
        this.replanning = new Replanning(s, st, log);
    }

    void move(Track t, TaskState to, String reason) {
        move(t, to, reason, null, "", false);
    }

    void move(Track t, TaskState to, String reason, FailureKind kind, String failure, boolean backoff) {
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
        sup.stateChanged(t, to);
        log.publish(() -> new OrchestrationEvent.TaskStateChanged(st.runId, log.now(), t.id(), from, to, reason));
    }

    /** The running task's attempt failed: record it, then retry or give up. */
    void fail(Track t, FailureKind kind, String failure) {
        move(t, TaskState.FAILED, Texts.firstLine(failure), kind, failure, false);
        afterFailure(t);
    }

    void afterFailure(Track t) {
        boolean retry = t.task.retryOn().contains(t.failureKind) && t.attempts < t.task.retry().maxAttempts()
                && !st.failFastStop
                && BudgetGate.taskBudgetLeft(t);
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
                + Texts.firstLine(t.failure);
        boolean failFast = s.failurePolicy() == FailurePolicy.FAIL_FAST;
        log.write("task.gave_up", log.payload(t.id()).put("kind", String.valueOf(t.failureKind))
                .put("policy", s.failurePolicy().name()).put("failFast", failFast).put("detail", detail));
        st.applyGaveUp(t, failFast, detail);
        if (t.workspace != null && t.failureKind != FailureKind.MERGE_FAILED) { // a failed merge's work stays as it is
            try {
                sup.lanes.discard(t.task, t.workspace);
            } catch (RuntimeException e) {
                LOG.warn("Discarding the workspace of task {} failed; continuing", t.id(), e);
            }
        }
        if (s.failurePolicy() == FailurePolicy.SKIP_DEPENDENTS
                || (s.failurePolicy() == FailurePolicy.REPLAN && !replanning.replan(t))) {
            skipDependents(t, "depends on failed task '" + t.id() + "'");
        }
    }

    /** Skips every pending task downstream of {@code from}, for the reason {@code because}. */
    void skipDependents(Track from, String because) {
        for (String id : st.graph.transitiveDependents(from.id())) {
            Track t = st.tracks.get(id);
            if (t.state == TaskState.PENDING && !t.skipped) {
                log.write("task.skipped", log.payload(id).put("because", because));
                st.applySkipped(t, because);
                log.publish(() -> new OrchestrationEvent.TaskSkipped(st.runId, log.now(), id, because));
            }
        }
    }

    /**
     * The task is accepted: merged, done, and its dependents unlocked. A merge that fails without
     * a conflict fails the task instead ({@link FailureKind#MERGE_FAILED}, never retried, its work
     * kept). The merge runs before the task is journaled done, so that such a task never is; a
     * crash between the two tries the task again, and the lanes merge idempotently.
     */
    void complete(Track t, String reason) {
        Merging.Attempt m = merging.attempt(t);
        if (m.result() == null) {
            if (t.state == TaskState.REVIEW) {
                move(t, TaskState.RUNNING, "approved, but its merge failed");
            }
            fail(t, FailureKind.MERGE_FAILED, m.failure());
            return;
        }
        move(t, TaskState.DONE, reason);
        merging.record(t, m.result());
        unlock(t);
    }

    /** Merges a done task whose merge the journal does not record (after a crash). */
    void mergeAgain(Track t) {
        merging.merge(t);
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
            Budget allot = sup.budgets.allotment(t);
            if (allot == null) {
                fail(t, FailureKind.BUDGET_SPENT, "the graph's budget is spent; the revision cannot start");
                return;
            }
            sup.startAttempt(t, allot, Duration.ZERO);
        }
    }
}
