// SPDX-License-Identifier: Apache-2.0
package org.openagention.orchestration.internal;

import java.util.List;
import org.openagention.orchestration.graph.FailureKind;
/**
 * What the supervisor does next for a task, as {@link Decisions}, {@link ReviewFlow} and
 * {@link Recovery} decide it from the run's state. They only decide; the supervisor acts
 * (journals and applies facts, merges, starts attempts, asks reviewers). A closed set of values.
 */
sealed interface Next {
    /** Nothing now. */
    record Stay() implements Next {}

    /** Record these facts, in order. */
    record Record(List<RunFact> facts) implements Next {
        public Record {
            facts = List.copyOf(facts);
        }
    }

    /** The running task's attempt failed for {@code failure}: record it, then retry or give up. */
    record Fail(FailureKind kind, String failure) implements Next {}

    /** The task's failure is recorded and not yet handled (after a crash): retry or give up. */
    record HandleFailure() implements Next {}

    /** Its check passed and it has a reviewer: into review, and the reviewer is asked. */
    record Review() implements Next {}

    /** It is accepted: merge it, then done (or failed, when the merge fails without a conflict). */
    record Complete(String reason) implements Next {}

    /** A task in review goes back to running ({@code reason}), then {@code then}. */
    record TakeBack(String reason, Next then) implements Next {}

    /** The reviewer asked for a revision: a new attempt, if the budget allows. */
    record Revise() implements Next {}

    /** The reviewer decided: record it, then act on it. */
    record Decided(RunFact.ReviewDecided fact) implements Next {}

    /** Its work is in review and its reviewer not asked (after a crash): ask again. */
    record Ask() implements Next {}

    /** Its work never reached the review queue, or a revision came back (after a crash): submit it. */
    record Submit() implements Next {}

    /** A blocked task, resumed: try it again, if the budget allows. */
    record RetryBlocked() implements Next {}

    /**
     * A running task's attempt was cut off (after a crash): resume its worker's own run from its
     * journal, in the same workspace; when the worker cannot, record {@code otherwise} (the attempt
     * failed as interrupted, and the task requeued).
     */
    record ResumeAttempt(Next.Record otherwise) implements Next {}

    /** A done task whose merge is not recorded (after a crash): merge it again (lanes merge idempotently). */
    record MergeAgain() implements Next {}
}
