// SPDX-License-Identifier: Apache-2.0
package org.openagention.orchestration.review;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.openagention.orchestration.graph.IllegalTransitionException;

class ReviewQueueTest {
    private final ReviewQueue queue = new ReviewQueue();

    @Test
    void reviseResubmitApprove() {
        queue.enqueue("r1", "docs", "first draft");
        ReviewItem revised = queue.revise("r1", "alice", "mention Java 17");
        assertThat(revised.state()).isEqualTo(ReviewState.REVISED);
        assertThat(revised.feedback()).isEqualTo("mention Java 17");
        ReviewItem again = queue.resubmit("r1", "second draft");
        assertThat(again.state()).isEqualTo(ReviewState.PENDING);
        assertThat(again.revision()).isEqualTo(2);
        assertThat(queue.approve("r1", "alice").state()).isEqualTo(ReviewState.APPROVED);
        assertThat(queue.list(ReviewState.APPROVED)).extracting(ReviewItem::content).containsExactly("second draft");
    }

    @Test
    void refusesApprovingTwice() {
        queue.enqueue("r1", "t", "c");
        queue.approve("r1", "alice");
        assertThatThrownBy(() -> queue.approve("r1", "bob"))
                .isInstanceOf(IllegalTransitionException.class)
                .hasMessageContaining("from approved to approved");
    }

    @Test
    void refusesRevisingARejectedItem() {
        queue.enqueue("r1", "t", "c");
        queue.reject("r1", "alice", "wrong approach");
        assertThatThrownBy(() -> queue.revise("r1", "alice", "try again"))
                .isInstanceOf(IllegalTransitionException.class)
                .hasMessageContaining("from rejected to revised");
    }

    @Test
    void refusesResubmittingWhilePending() {
        queue.enqueue("r1", "t", "c");
        assertThatThrownBy(() -> queue.resubmit("r1", "c2"))
                .isInstanceOf(IllegalTransitionException.class)
                .hasMessageContaining("from pending to pending")
                .hasMessageContaining("only a revised item can be resubmitted");
    }

    @Test
    void refusesEmptyFeedbackDuplicateIdsAndUnknownIds() {
        queue.enqueue("r1", "t", "c");
        assertThatThrownBy(() -> queue.revise("r1", "alice", " ")).hasMessageContaining("feedback that is not blank");
        assertThatThrownBy(() -> queue.reject("r1", "alice", "")).hasMessageContaining("feedback that is not blank");
        assertThatThrownBy(() -> ReviewDecision.revise("alice", "")).hasMessageContaining("feedback");
        assertThatThrownBy(() -> queue.enqueue("r1", "t", "again")).hasMessageContaining("'r1' already exists");
        assertThatThrownBy(() -> queue.approve("nope", "alice")).hasMessageContaining("no review item 'nope'");
        assertThat(queue.get("r1")).get().extracting(ReviewItem::state).isEqualTo(ReviewState.PENDING);
    }
}
