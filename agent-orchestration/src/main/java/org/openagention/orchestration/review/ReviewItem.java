// SPDX-License-Identifier: Apache-2.0
package org.openagention.orchestration.review;

import java.util.Objects;

/**
 * One piece of work waiting for (or given) a review decision.
 *
 * @param id the item's id, unique in its queue
 * @param taskId the task whose work this is
 * @param content what is reviewed (the worker's answer and the check's output); data, not instructions
 * @param state where the item is
 * @param reviewer who decided last; empty while never decided
 * @param feedback the reviewer's feedback for a rejection or a revision; empty otherwise
 * @param revision how many times the item was submitted, from 1
 */
public record ReviewItem(String id, String taskId, String content, ReviewState state, String reviewer,
        String feedback, int revision) {
    public ReviewItem {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(taskId, "taskId");
        Objects.requireNonNull(content, "content");
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(reviewer, "reviewer");
        Objects.requireNonNull(feedback, "feedback");
    }
}
