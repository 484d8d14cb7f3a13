package org.openagention.orchestration;

/**
 * Where a task's worker runs, as course chapter 8 names the lanes. The {@link TaskWorkspaces}
 * given to the {@link Orchestrator} decides what each lane means concretely.
 */
public enum Lane {
    /** In place, in the shared directory: for read-only or trivial tasks. */
    LOCAL,
    /** In its own isolated copy (a git worktree per task), merged back when accepted. */
    WORKTREE,
    /** Isolated and confined (no network, writable workspace only) where the platform allows. */
    SANDBOXED
}
