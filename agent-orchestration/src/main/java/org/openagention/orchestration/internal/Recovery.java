package org.openagention.orchestration.internal;

import java.time.Duration;
import org.openagention.orchestration.Budget;
import org.openagention.orchestration.FailureKind;
import org.openagention.orchestration.Lane;
import org.openagention.orchestration.ReviewItem;
import org.openagention.orchestration.ReviewState;
import org.openagention.orchestration.TaskState;

/**
 * Picks a resumed run up where its journal left each task, before the first dispatch: an attempt
 * cut off is failed as interrupted and made pending again (not the task's fault, so whatever its
 * retry policy says), in the same workspace; a review is asked again or its journaled decision
 * acted on; a blocked task is tried again; a failure not yet handled is handled; a done task whose
 * merge is not journaled is merged (lanes merge idempotently).
 */
final class Recovery {
    private final RunState st;
    private final Decisions decisions;
    private final Supervisor sup;

    Recovery(RunState st, Decisions decisions, Supervisor sup) {
        this.st = st;
        this.decisions = decisions;
        this.sup = sup;
    }

    void recover() {
        for (String id : st.graph.topologicalOrder()) {
            Track t = st.tracks.get(id);
            switch (t.state) {
                case RUNNING:
                    decisions.move(t, TaskState.FAILED, "interrupted", FailureKind.WORKER_ERROR, "the attempt was"
                            + " interrupted: the process running it stopped before it finished. Its work so far is in"
                            + " the workspace.", false);
                    decisions.move(t, TaskState.PENDING, "resumed after the interruption", null, "", false);
                    break;
                case REVIEW:
                    recoverReview(t);
                    break;
                case BLOCKED:
                    retryBlocked(t);
                    break;
                case FAILED:
                    if (!t.gaveUp) {
                        decisions.afterFailure(t);
                    }
                    break;
                case DONE:
                    if (!t.mergeRecorded) {
                        decisions.mergeAgain(t);
                    }
                    break;
                default:
                    break;
            }
        }
        st.rebuildReadiness();
    }

    private void retryBlocked(Track t) {
        if (t.task.lane() == Lane.LOCAL && !sup.mayStartLocal()) {
            return; // stays blocked: it cannot have the shared directory to itself now; a later resume tries again
        }
        Budget allot = sup.budgets.allotment(t);
        if (allot != null) {
            decisions.move(t, TaskState.RUNNING, "resumed: trying the blocked task again");
            sup.startAttempt(t, allot, Duration.ZERO);
        }
    }

    private void recoverReview(Track t) {
        ReviewItem item = t.reviewItem == null ? null : st.reviews.get(t.reviewItem).orElse(null);
        sup.holdForReview(t);
        if (t.pendingDecision != null) {
            decisions.actOnDecision(t);
        } else if (item != null && item.state() == ReviewState.PENDING) {
            sup.reviews().ask(t);
        } else {
            sup.reviews().submit(t);
        }
    }
}
