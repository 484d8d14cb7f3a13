// SPDX-License-Identifier: Apache-2.0
package org.openagention.orchestration.review;

import java.util.Objects;

/**
 * A reviewer's decision on a {@link ReviewItem}: approve, reject (final: the task's attempt
 * fails), or revise (the feedback goes back to the worker as a new attempt).
 *
 * <p>A closed set of immutable records; rejections and revisions need feedback that is not blank.
 */
public sealed interface ReviewDecision {

    /** Who decided: a person's name or an agent's. */
    String reviewer();

    record Approve(String reviewer) implements ReviewDecision {
        public Approve {
            Objects.requireNonNull(reviewer, "reviewer");
        }
    }

    record Reject(String reviewer, String feedback) implements ReviewDecision {
        public Reject {
            Objects.requireNonNull(reviewer, "reviewer");
            ReviewQueue.checkFeedback(feedback, "reject");
        }
    }

    record Revise(String reviewer, String feedback) implements ReviewDecision {
        public Revise {
            Objects.requireNonNull(reviewer, "reviewer");
            ReviewQueue.checkFeedback(feedback, "revise");
        }
    }

    static ReviewDecision approve(String reviewer) {
        return new Approve(reviewer);
    }

    static ReviewDecision reject(String reviewer, String feedback) {
        return new Reject(reviewer, feedback);
    }

    static ReviewDecision revise(String reviewer, String feedback) {
        return new Revise(reviewer, feedback);
    }
}
