package org.openagention.orchestration.internal;

import org.openagention.orchestration.FailureKind;
import org.openagention.orchestration.OrchestrationEvent;
import org.openagention.orchestration.ReviewDecision;
import org.openagention.orchestration.ReviewItem;
import org.openagention.orchestration.ReviewQueue;
import org.openagention.orchestration.ReviewState;
import org.openagention.orchestration.Reviewer;
import org.openagention.orchestration.TaskState;

/**
 * Reviews in a run: a task whose check passed goes into the {@link ReviewQueue} as an item, its
 * reviewer is asked on a worker thread, and the decision comes back to the supervisor, which
 * journals it and acts on it (approve, reject, revise). Touched by the supervisor thread only.
 */
final class ReviewFlow {
    /** A reviewer's answer as it comes back to the supervisor: a decision, or the error that ended the review. */
    record Done(String taskId, String item, ReviewDecision decision, Throwable error) {}

    private final ReviewQueue reviews;
    private final RunState st;
    private final RunLog log;
    private final Supervisor sup;

    ReviewFlow(ReviewQueue reviews, RunState st, RunLog log, Supervisor sup) {
        this.reviews = reviews;
        this.st = st;
        this.log = log;
        this.sup = sup;
    }

    /** Puts the task's work in the review queue (the task is in review) and asks its reviewer. */
    void submit(Track t) {
        String content = Prompts.reviewContent(t.task, t.output, t.checkOutput);
        ReviewItem current = t.reviewItem == null ? null : reviews.get(t.reviewItem).orElse(null);
        boolean resubmit = current != null && current.state() == ReviewState.REVISED;
        String item = resubmit ? t.reviewItem : freshItemId(t);
        int revision = resubmit ? current.revision() + 1 : 1;
        log.write("task.review.submitted", log.payload(t.id()).put("item", item).put("content", content)
                .put("resubmit", resubmit).put("revision", (long) revision));
        st.applyReviewSubmitted(t, item, content, resubmit, revision);
        ask(t);
    }

    private String freshItemId(Track t) {
        String base = st.runId + "/" + t.id();
        String id = base;
        for (int n = 2; reviews.get(id).isPresent(); n++) {
            id = base + "#" + n;
        }
        return id;
    }

    /** Asks the task's reviewer about its current item, on a worker thread. */
    void ask(Track t) {
        Reviewer reviewer = t.task.reviewer().orElseThrow();
        ReviewItem item = reviews.get(t.reviewItem).orElseThrow();
        String id = t.id();
        sup.execute(() -> {
            try {
                return new Done(id, item.id(), reviewer.review(item), null);
            } catch (Throwable e) {
                return new Done(id, item.id(), null, e);
            }
        });
    }

    /** Acts on a reviewer's answer: journals the decision, then approve, reject or revise. */
    void onDone(Done d, Decisions decisions) {
        Track t = st.track(d.taskId());
        boolean pending = reviews.get(d.item()).map(i -> i.state() == ReviewState.PENDING).orElse(false);
        if (d.error() != null || d.decision() == null || !pending) {
            String why = d.error() != null ? "the reviewer failed with " + Texts.describe(d.error())
                    : d.decision() == null ? "the reviewer returned no decision"
                    : "the review item was decided outside its reviewer";
            decisions.move(t, TaskState.RUNNING, why);
            decisions.fail(t, FailureKind.WORKER_ERROR, why);
            return;
        }
        ReviewDecision dec = d.decision();
        String feedback = dec instanceof ReviewDecision.Reject r ? r.feedback()
                : dec instanceof ReviewDecision.Revise v ? v.feedback() : "";
        String kind = dec instanceof ReviewDecision.Approve ? "approve" : dec instanceof ReviewDecision.Reject ? "reject"
                : "revise";
        log.write("task.review.decided", log.payload(t.id()).put("item", d.item()).put("decision", kind)
                .put("reviewer", dec.reviewer()).put("feedback", feedback));
        st.applyReviewDecided(t, d.item(), dec);
        ReviewState state = reviews.get(d.item()).orElseThrow().state();
        log.publish(() -> new OrchestrationEvent.ReviewDecided(st.runId, log.now(), t.id(), d.item(), state,
                dec.reviewer(), feedback));
        decisions.actOnDecision(t);
    }
}
