// SPDX-License-Identifier: Apache-2.0
package org.openagention.orchestration.review;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.openagention.orchestration.graph.IllegalTransitionException;

/**
 * The review queue of course chapter 11: work waits as {@link ReviewState#PENDING} until a
 * reviewer approves it, rejects it (final) or sends it back for revision; a revised item is
 * resubmitted with new content and waits again.
 *
 * <p>Refused with an {@link IllegalTransitionException} (naming both states): approving or
 * rejecting an item twice, revising a rejected item, resubmitting an item that is not revised
 * (for instance while it is pending). Refused with an {@link IllegalArgumentException}: a
 * duplicate id, blank feedback, an unknown id.
 *
 * <pre>{@code
 * ReviewQueue queue = new ReviewQueue();
 * queue.enqueue("r1", "docs", "Added README section");
 * queue.revise("r1", "alice", "Mention the Java version");
 * queue.resubmit("r1", "Added README section for Java 17+");
 * queue.approve("r1", "alice");
 * }</pre>
 *
 * Thread-safe. The {@link org.openagention.orchestration.Orchestrator} uses one to route tasks that have a {@link Reviewer}.
 */
public final class ReviewQueue {
    private final Map<String, ReviewItem> items = new LinkedHashMap<>();

    /**
     * Adds a pending item.
     *
     * @throws IllegalArgumentException when an item with {@code id} exists
     */
    public synchronized ReviewItem enqueue(String id, String taskId, String content) {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(taskId, "taskId");
        Objects.requireNonNull(content, "content");
        if (id.isBlank()) {
            throw new IllegalArgumentException("a review item needs an id that is not blank");
        }
        if (items.containsKey(id)) {
            throw new IllegalArgumentException("review item '" + id + "' already exists (state "
                    + items.get(id).state().name().toLowerCase() + ")");
        }
        ReviewItem item = new ReviewItem(id, taskId, content, ReviewState.PENDING, "", "", 1);
        items.put(id, item);
        return item;
    }

    /** Approves a pending item. */
    public synchronized ReviewItem approve(String id, String reviewer) {
        return decide(id, ReviewState.APPROVED, reviewer, "");
    }

    /** Rejects a pending item, for good. */
    public synchronized ReviewItem reject(String id, String reviewer, String feedback) {
        checkFeedback(feedback, "reject");
        return decide(id, ReviewState.REJECTED, reviewer, feedback);
    }

    /** Sends a pending item back for revision with {@code feedback}. */
    public synchronized ReviewItem revise(String id, String reviewer, String feedback) {
        checkFeedback(feedback, "revise");
        return decide(id, ReviewState.REVISED, reviewer, feedback);
    }

    /** Applies a {@link ReviewDecision} to a pending item. */
    public synchronized ReviewItem apply(String id, ReviewDecision decision) {
        Objects.requireNonNull(decision, "decision");
        if (decision instanceof ReviewDecision.Approve a) {
            return approve(id, a.reviewer());
        } else if (decision instanceof ReviewDecision.Reject r) {
            return reject(id, r.reviewer(), r.feedback());
        }
        ReviewDecision.Revise v = (ReviewDecision.Revise) decision;
        return revise(id, v.reviewer(), v.feedback());
    }

    /** Puts a revised item back in the queue with new content. */
    public synchronized ReviewItem resubmit(String id, String content) {
        Objects.requireNonNull(content, "content");
        ReviewItem item = require(id);
        if (item.state() != ReviewState.REVISED) {
            throw new IllegalTransitionException("review item '" + id + "'", name(item.state()), "pending",
                    "only a revised item can be resubmitted");
        }
        ReviewItem next = new ReviewItem(id, item.taskId(), content, ReviewState.PENDING, item.reviewer(),
                item.feedback(), item.revision() + 1);
        items.put(id, next);
        return next;
    }

    public synchronized Optional<ReviewItem> get(String id) {
        return Optional.ofNullable(items.get(id));
    }

    /** Every item, in the order enqueued. */
    public synchronized List<ReviewItem> list() {
        return List.copyOf(items.values());
    }

    /** The items in {@code state}, in the order enqueued. */
    public synchronized List<ReviewItem> list(ReviewState state) {
        List<ReviewItem> out = new ArrayList<>();
        for (ReviewItem i : items.values()) {
            if (i.state() == state) {
                out.add(i);
            }
        }
        return out;
    }

    private ReviewItem decide(String id, ReviewState to, String reviewer, String feedback) {
        Objects.requireNonNull(reviewer, "reviewer");
        ReviewItem item = require(id);
        if (item.state() != ReviewState.PENDING) {
            throw new IllegalTransitionException("review item '" + id + "'", name(item.state()), name(to),
                    "only a pending item can be decided");
        }
        ReviewItem next = new ReviewItem(id, item.taskId(), item.content(), to, reviewer, feedback, item.revision());
        items.put(id, next);
        return next;
    }

    private ReviewItem require(String id) {
        Objects.requireNonNull(id, "id");
        ReviewItem item = items.get(id);
        if (item == null) {
            throw new IllegalArgumentException("no review item '" + id + "' in the queue");
        }
        return item;
    }

    private static String name(ReviewState s) {
        return s.name().toLowerCase();
    }

    static void checkFeedback(String feedback, String action) {
        Objects.requireNonNull(feedback, "feedback");
        if (feedback.isBlank()) {
            throw new IllegalArgumentException("to " + action + " an item, give feedback that is not blank");
        }
    }
}
