// SPDX-License-Identifier: Apache-2.0
package org.openagention.orchestration.internal;

import java.util.function.Supplier;
import org.openagention.orchestration.graph.FailureKind;
import org.openagention.orchestration.review.ReviewDecision;
import org.openagention.orchestration.review.ReviewItem;
import org.openagention.orchestration.review.ReviewQueue;
import org.openagention.orchestration.review.ReviewState;
import org.openagention.orchestration.review.Reviewer;
/**
 * Reviews in a run, decided here and acted on by the supervisor: a task whose check passed goes
 * into the {@link ReviewQueue} as an item ({@link #submission}), its reviewer is asked on a worker
 * thread ({@link #request}), and the answer that comes back ({@link Done}) becomes a decision
 * ({@link #onDone}). Touched by the supervisor thread only.
 */
final class ReviewFlow {
    /** A reviewer's answer as it comes back to the supervisor: a decision, or the error that ended the review. */
    record Done(String taskId, String item, ReviewDecision decision, Throwable error) implements Completion {}

    private final ReviewQueue reviews;
    private final RunState st;

    ReviewFlow(ReviewQueue reviews, RunState st) {
        this.reviews = reviews;
        this.st = st;
    }

    /** The task's work as a review item: a fresh one, or its revised item resubmitted. */
    RunFact.ReviewSubmitted submission(Track t) {
        String content = Prompts.reviewContent(t.task, t.output, t.checkOutput);
        ReviewItem current = t.reviewItem == null ? null : reviews.get(t.reviewItem).orElse(null);
        boolean resubmit = current != null && current.state() == ReviewState.REVISED;
        String item = resubmit ? t.reviewItem : freshItemId(t);
        int revision = resubmit ? current.revision() + 1 : 1;
        return new RunFact.ReviewSubmitted(t.id(), item, content, resubmit, revision);
    }

    private String freshItemId(Track t) {
        String base = st.runId + "/" + t.id();
        String id = base;
        for (int n = 2; reviews.get(id).isPresent(); n++) {
            id = base + "#" + n;
        }
        return id;
    }

    /** Asking the task's reviewer about its current item: work for a worker thread, whose answer comes back as {@link Done}. */
    Supplier<Completion> request(Track t) {
        Reviewer reviewer = t.task.reviewer().orElseThrow();
        ReviewItem item = reviews.get(t.reviewItem).orElseThrow();
        String id = t.id();
        return () -> {
            try {
                return new Done(id, item.id(), reviewer.review(item), null);
            } catch (Throwable e) {
                return new Done(id, item.id(), null, e);
            }
        };
    }

    /** What a reviewer's answer means: its decision, to record and act on, or a failed review. */
    Next onDone(Done d) {
        boolean pending = reviews.get(d.item()).map(i -> i.state() == ReviewState.PENDING).orElse(false);
        if (d.error() != null || d.decision() == null || !pending) {
            String why = d.error() != null ? "the reviewer failed with " + Texts.describe(d.error())
                    : d.decision() == null ? "the reviewer returned no decision"
                    : "the review item was decided outside its reviewer";
            return new Next.TakeBack(why, new Next.Fail(FailureKind.WORKER_ERROR, why));
        }
        return new Next.Decided(new RunFact.ReviewDecided(d.taskId(), d.item(), d.decision()));
    }
}
