// SPDX-License-Identifier: Apache-2.0
package org.openagention.orchestration.internal;

import java.util.List;
import org.openagention.orchestration.graph.FailureKind;
import org.openagention.orchestration.graph.Lane;
import org.openagention.orchestration.graph.TaskState;
import org.openagention.orchestration.review.ReviewItem;
import org.openagention.orchestration.review.ReviewState;
/**
 * Decides how a resumed run picks each task up where its journal left it, before the first
 * dispatch: an attempt cut off resumes its worker's own run from that run's journal, in the same
 * workspace (its finished model and tool calls replayed, not run again), or, for a worker that
 * cannot resume, is failed as interrupted and made pending again (not the task's fault, so
 * whatever its retry policy says), in the same workspace; a review is asked again or its
 * journaled decision acted on; a blocked task is tried again; a failure not yet handled is
 * handled; a done task whose merge is not journaled is merged (lanes merge idempotently). The
 * supervisor acts on each decision, task by task in dependency order.
 */
final class Recovery {
    private final RunState st;
    private final Decisions decisions;

    Recovery(RunState st, Decisions decisions) {
        this.st = st;
        this.decisions = decisions;
    }

    /**
     * What to do for {@code t} now.
     *
     * @param directoryFree whether a {@link Lane#LOCAL} task could have the shared directory to itself now
     */
    Next next(Track t, boolean directoryFree) {
        switch (t.state) {
            case RUNNING:
                Next.Record interrupted = new Next.Record(List.of(new RunFact.Failed(t.id(), TaskState.RUNNING, "interrupted",
                        FailureKind.WORKER_ERROR, "the attempt was interrupted: the process running it stopped before"
                        + " it finished. Its work so far is in the workspace."),
                        new RunFact.Requeued(t.id(), TaskState.FAILED, "resumed after the interruption", false)));
                return t.workerRunId.isEmpty() ? interrupted : new Next.ResumeAttempt(interrupted);
            case REVIEW:
                return review(t);
            case BLOCKED:
                // A LOCAL task that cannot have the shared directory now stays blocked; a later resume tries again.
                return t.task.lane() == Lane.LOCAL && !directoryFree ? new Next.Stay() : new Next.RetryBlocked();
            case FAILED:
                return t.gaveUp ? new Next.Stay() : new Next.HandleFailure();
            case DONE:
                return t.merge == Track.Merge.NOT_RECORDED ? new Next.MergeAgain() : new Next.Stay();
            default:
                return new Next.Stay();
        }
    }

    private Next review(Track t) {
        if (t.decision != null) {
            return decisions.onReview(t);
        }
        ReviewItem item = t.reviewItem == null ? null : st.reviews.get(t.reviewItem).orElse(null);
        return item != null && item.state() == ReviewState.PENDING ? new Next.Ask() : new Next.Submit();
    }
}
