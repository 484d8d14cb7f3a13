// SPDX-License-Identifier: Apache-2.0
package org.openagention.orchestration.graph;

/**
 * Why an attempt at a task failed. A task's {@link Task#retryOn()} says which kinds it tries
 * again; the kinds that are never retried say so here ({@link #retryable()}), and only here.
 */
public enum FailureKind {
    /** The acceptance check ran and did not pass (a command's non-zero exit). */
    CHECK_FAILED(true),
    /** The worker's run ended without an answer: a limit, a loop, a provider failure. */
    WORKER_STOPPED(true),
    /** The worker or the check threw an exception. */
    WORKER_ERROR(true),
    /** A reviewer rejected the work. Retried only when a task's retryOn names it. */
    REJECTED(true),
    /** The task's own budget, or the graph's, is spent. Never retried. */
    BUDGET_SPENT(false),
    /**
     * The task's lane cannot be given on this machine (a {@link Lane#SANDBOXED} task where no
     * sandbox is available): the task was not started. Never retried.
     */
    LANE_UNAVAILABLE(false),
    /**
     * The task passed, but merging its work into the target failed without a merge conflict (git
     * refused: local changes in the target's working tree that the merge would overwrite, say).
     * Never retried, and its work is kept where it is (its workspace, its branch) for a person.
     */
    MERGE_FAILED(false);

    private final boolean retryable;

    FailureKind(boolean retryable) {
        this.retryable = retryable;
    }

    /** Whether a task may retry this kind at all; false for the kinds that are never retried. */
    public boolean retryable() {
        return retryable;
    }
}
