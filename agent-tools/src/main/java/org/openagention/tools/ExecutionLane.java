package org.openagention.tools;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.openagention.core.tool.Tool;
import org.openagention.tools.shell.Sandbox;
import org.openagention.tools.shell.ShellOptions;

/**
 * Where a task's work happens: in place ({@link Kind#LOCAL}), on its own git worktree and branch
 * ({@link Kind#WORKTREE}), or on its own worktree with {@code shell} run under bubblewrap
 * ({@link Kind#SANDBOXED}: no network, read-only system, only the workspace writable, a private
 * {@code /tmp}).
 *
 * <p>A local lane is cheapest and right for a typo fix; a worktree lane keeps a half-finished
 * multi-file change away from the user's checkout and from other tasks; a sandboxed lane is for
 * commands you do not trust. Worktree lanes are lazy: a task that only reads never creates its
 * worktree. {@link #finish} merges a worktree lane's branch back on success (a conflict comes back
 * as data) and abandons it on failure.
 *
 * <pre>{@code
 * WorktreeManager worktrees = WorktreeManager.open(repo);
 * try (ExecutionLane lane = ExecutionLane.sandboxed(worktrees, "fix-typo", "main")) {
 *     RunResult r = Agent.builder().model(model).tools(lane.tools()).build().run("Fix the typo");
 *     LaneResult done = lane.finish(r.isSuccess());
 * }
 * }</pre>
 *
 * Not thread-safe: one task drives its lane.
 */
public final class ExecutionLane implements AutoCloseable {
    /** The three kinds of lane. */
    public enum Kind { LOCAL, WORKTREE, SANDBOXED }

    /** What finishing a lane did. {@code merge} is present for a worktree lane that was merged. */
    public record LaneResult(Kind kind, String taskId, Outcome outcome, Optional<MergeResult> merge, String detail) {
        public LaneResult {
            Objects.requireNonNull(kind, "kind");
            Objects.requireNonNull(outcome, "outcome");
            Objects.requireNonNull(merge, "merge");
            Objects.requireNonNull(detail, "detail");
        }
    }

    /** How a lane ended. */
    public enum Outcome {
        /** Local work stays where it was done. */
        KEPT_IN_PLACE,
        /** The task only read: no worktree was ever made, nothing to merge. */
        NOTHING_TO_MERGE,
        /** The task's branch was merged into the target. */
        MERGED,
        /** The merge conflicted; the target is untouched and the task's worktree is kept. */
        CONFLICT,
        /** The task failed; its branch was kept under an abandoned name for inspection. */
        ABANDONED
    }

    private final Kind kind;
    private final String taskId;
    private final Workspace workspace;
    private final WorktreeManager worktrees;
    private final String targetBranch;
    private final ShellOptions shell;
    private LaneResult result;

    private ExecutionLane(Kind kind, String taskId, Workspace workspace, WorktreeManager worktrees, String targetBranch,
            ShellOptions shell) {
        this.kind = kind;
        this.taskId = taskId;
        this.workspace = workspace;
        this.worktrees = worktrees;
        this.targetBranch = targetBranch;
        this.shell = shell;
    }

    /** Works in place on {@code dir}. */
    public static ExecutionLane local(Path dir) {
        return new ExecutionLane(Kind.LOCAL, "local", Workspace.local(dir), null, "", ShellOptions.defaults());
    }

    /** Works on the task's own worktree of {@code worktrees}' repository, made on the first write. */
    public static ExecutionLane worktree(WorktreeManager worktrees, String taskId, String targetBranch) {
        return new ExecutionLane(Kind.WORKTREE, taskId, worktrees.lazyWorkspace(taskId), worktrees, targetBranch,
                ShellOptions.defaults());
    }

    /**
     * Like {@link #worktree}, with {@code shell} sandboxed by bubblewrap.
     *
     * @throws org.openagention.tools.shell.SandboxUnavailableException when bubblewrap is missing or
     *     cannot run here, saying why: the lane never runs unsandboxed
     */
    public static ExecutionLane sandboxed(WorktreeManager worktrees, String taskId, String targetBranch) {
        Sandbox.bubblewrap().requireAvailable();
        return new ExecutionLane(Kind.SANDBOXED, taskId, worktrees.lazyWorkspace(taskId), worktrees, targetBranch,
                ShellOptions.defaults().sandboxed(true));
    }

    public Kind kind() {
        return kind;
    }

    public String taskId() {
        return taskId;
    }

    /** The lane's workspace (for a worktree lane, lazy until the first write). */
    public Workspace workspace() {
        return workspace;
    }

    /** The coding tools bound to this lane's workspace, {@code shell} sandboxed where the lane is. */
    public List<Tool> tools() {
        return CodingTools.all(workspace, shell);
    }

    /** Whether this lane has made its own worktree yet (always false for a local lane). */
    public boolean isolated() {
        return kind != Kind.LOCAL && workspace.isIsolated();
    }

    /**
     * Ends the lane: on success a worktree lane commits and merges its branch into the target
     * branch, on failure it is abandoned. Calling it again returns the first result.
     */
    public LaneResult finish(boolean succeeded) {
        if (result != null) {
            return result;
        }
        if (kind == Kind.LOCAL) {
            result = new LaneResult(kind, taskId, Outcome.KEPT_IN_PLACE, Optional.empty(), "changes stay in " + workspace.root());
        } else if (!workspace.isIsolated()) {
            result = new LaneResult(kind, taskId, Outcome.NOTHING_TO_MERGE, Optional.empty(),
                    "the task only read: no worktree was made");
        } else if (!succeeded) {
            Worktree abandoned = worktrees.abandon(taskId);
            result = new LaneResult(kind, taskId, Outcome.ABANDONED, Optional.empty(),
                    "kept for inspection on branch " + abandoned.branch());
        } else {
            MergeResult merge = worktrees.merge(taskId, targetBranch);
            Outcome outcome = merge instanceof MergeResult.Conflict ? Outcome.CONFLICT : Outcome.MERGED;
            String detail = merge instanceof MergeResult.Merged m
                    ? "merged into " + m.targetBranch() + " at " + m.commit() + " (" + m.changedFiles().size() + " files)"
                    : "conflict merging into " + targetBranch + ": " + ((MergeResult.Conflict) merge).conflictingFiles();
            result = new LaneResult(kind, taskId, outcome, Optional.of(merge), detail);
        }
        return result;
    }

    /** Closes the workspace; a worktree lane's worktree stays until {@link #finish} or cleanup. */
    @Override
    public void close() {
        workspace.close();
    }

    @Override
    public String toString() {
        return "ExecutionLane[" + kind + ", task " + taskId + ", " + workspace + "]";
    }
}
