package org.openagention.orchestration;

/** Why an attempt at a task failed; a {@link RetryPolicy} says which kinds are retried. */
public enum FailureKind {
    /** The acceptance check ran and did not pass (a command's non-zero exit). */
    CHECK_FAILED,
    /** The worker's run ended without an answer: a limit, a loop, a provider failure. */
    WORKER_STOPPED,
    /** The worker or the check threw an exception. */
    WORKER_ERROR,
    /** A reviewer rejected the work. */
    REJECTED,
    /** The task's own budget, or the graph's, is spent. Never retried. */
    BUDGET_SPENT,
    /**
     * The task's lane cannot be given on this machine (a {@link Lane#SANDBOXED} task where no
     * sandbox is available): the task was not started. Never retried.
     */
    LANE_UNAVAILABLE,
    /**
     * The task passed, but merging its work into the target failed without a merge conflict (git
     * refused: local changes in the target's working tree that the merge would overwrite, say).
     * Never retried, and its work is kept where it is (its workspace, its branch) for a person.
     */
    MERGE_FAILED
}
