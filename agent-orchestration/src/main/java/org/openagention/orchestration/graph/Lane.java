// SPDX-License-Identifier: Apache-2.0
package org.openagention.orchestration.graph;


/**
 * Where a task's worker runs, as course chapter 8 names the lanes. The {@link org.openagention.orchestration.lanes.TaskWorkspaces}
 * given to the {@link org.openagention.orchestration.Orchestrator} decides what each lane means concretely (see
 * {@link org.openagention.orchestration.lanes.TaskWorkspaces#worktrees} for a git repository).
 */
public enum Lane {
    /**
     * In place, in the shared directory (the repository's own working tree): for read-only or
     * trivial tasks. Parallel workers would see each other's half-done edits there, so the
     * orchestrator runs a LOCAL task alone: it starts when no other attempt or review is under
     * way, and nothing else starts until it is done, failed, or waiting to be retried.
     */
    LOCAL,
    /** In its own isolated copy (a git worktree per task), merged back when accepted. */
    WORKTREE,
    /**
     * Isolated like {@link #WORKTREE}, and confined: the worker's shell runs in a sandbox (no
     * network, writable workspace only). The {@link org.openagention.orchestration.lanes.WorkerFactory} gives such a task sandboxed
     * tools; where the {@link org.openagention.orchestration.lanes.SandboxAvailability} says no sandbox can run, the task fails to start
     * ({@link FailureKind#LANE_UNAVAILABLE}) instead of running unconfined.
     */
    SANDBOXED
}
