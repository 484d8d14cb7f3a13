// SPDX-License-Identifier: Apache-2.0
package org.openagention.orchestration.lanes;

import java.nio.file.Path;
import java.util.Objects;
import java.util.Set;
import org.openagention.orchestration.graph.Task;
import org.openagention.orchestration.internal.DirectoryWorkspaces;
import org.openagention.orchestration.internal.WorktreeWorkspaces;
import org.openagention.tools.MergeResult;
import org.openagention.tools.Workspace;
import org.openagention.tools.WorktreeManager;

/**
 * The workspace lanes of a run: gives each task a {@link Workspace} for its {@link org.openagention.orchestration.graph.Lane}, merges
 * an accepted task's work back into the target, and discards an abandoned task's.
 *
 * <p>The {@link org.openagention.orchestration.Orchestrator} calls {@link #forRun} once when a run starts or resumes, then the
 * other methods on what it returned, from its supervisor thread only, one at a time: {@link #open}
 * when a task is dispatched, {@link #merge} for accepted tasks in dependency order (a task's
 * dependencies are merged before it is opened, so it sees their work), {@link #discard} for tasks
 * that failed for good. {@link #open} must be idempotent: after a crash, {@link org.openagention.orchestration.Orchestrator#resume}
 * opens a task again and must get its existing workspace back, work in progress included.
 * {@link #merge} must be idempotent too (a crash may come between a merge and its journal entry).
 * A workspace may be used by the task's worker on another thread while the supervisor merges
 * other tasks.
 *
 * <p>A {@link org.openagention.orchestration.graph.Lane#LOCAL} task works in the target itself; the orchestrator runs such a task alone
 * (nothing else runs while it does), since parallel workers would see its half-done edits and it
 * theirs.
 *
 * <pre>{@code
 * TaskWorkspaces lanes = TaskWorkspaces.worktrees(WorktreeManager.open(repo), "main");
 * Orchestrator o = Orchestrator.builder().workers(workers).workspaces(lanes).build();
 * }</pre>
 */
public interface TaskWorkspaces {

    /** The task's workspace, created on first call and the same one on later calls. */
    Workspace open(Task task);

    /**
     * Merges the task's work into the target; a conflict is returned, not thrown. Anything thrown
     * (git refusing for another reason) fails the task as {@link org.openagention.orchestration.graph.FailureKind#MERGE_FAILED} with the
     * exception's message: no resolution task, no retry, and its workspace is not discarded.
     */
    MergeResult merge(Task task, Workspace workspace);

    /** Gives up the task's workspace (the work stays available for inspection where the lane allows). */
    void discard(Task task, Workspace workspace);

    /**
     * The lanes of the run {@code runId}, whose tasks (from its graph, or from its journal when
     * resumed) are {@code taskIds}. Lanes that keep state per run return a view bound to it, the
     * same one again when the run resumes, and may clean up what a crashed process left half-made
     * for this run, never the workspaces of {@code taskIds}. The default returns these lanes.
     */
    default TaskWorkspaces forRun(String runId, Set<String> taskIds) {
        return this;
    }

    /**
     * Plain directories under {@code root}: the target is {@code root/target}; a
     * {@link org.openagention.orchestration.graph.Lane#LOCAL} task works in the target itself, any other lane in its own copy
     * {@code root/tasks/<id>} taken when the task is first opened. Merging copies the files the
     * task changed into the target, and reports a conflict for each file that also changed in the
     * target since the copy (and differently). For trees that are not git repositories, and for tests.
     */
    static TaskWorkspaces directories(Path root) {
        return new DirectoryWorkspaces(root);
    }

    /**
     * Git worktrees of {@code manager}'s repository, merged into {@code targetBranch}: the
     * orchestrator's lanes when it is given a repository.
     *
     * <ul>
     *   <li>{@link org.openagention.orchestration.graph.Lane#WORKTREE} and {@link org.openagention.orchestration.graph.Lane#SANDBOXED}: each task gets a lazy workspace that
     *       reads the repository until its first write (or its first {@code shell} command, which may
     *       write), which creates the task's worktree (branch {@code openagention/<run>.<task>})
     *       from the target branch; a task that only reads never creates one. When the target branch
     *       is not the one checked out in the repository, the worktree is created at once instead,
     *       so that reads see the target. A sandboxed task's shell may write in its worktree only.
     *       Merge commits the task's work and merges its branch into the target
     *       ({@link WorktreeManager#merge}); a conflict is aborted (the target stays as it was) and
     *       reported, and the task that resolves it ({@code <task>-merge}, then {@code <task>-merge-2}...) starts in a worktree of the task's branch with
     *       the target being merged in, git's conflict markers in the conflicting files. While
     *       markers remain its merge is reported as a conflict again (the orchestrator tries three
     *       resolutions, then leaves the conflict to a person). A task that fails for good has its
     *       worktree abandoned: its work is committed on
     *       {@code openagention-abandoned/<run>.<task>/<n>}.
     *   <li>{@link org.openagention.orchestration.graph.Lane#LOCAL}: the task works in the repository's own working tree, which must
     *       have the target branch checked out. Merge commits what changed there on the target; a
     *       failed task's changes are stashed ({@code git stash list} shows them), not thrown away.
     * </ul>
     *
     * Worktrees are named by run, so a resumed run finds its tasks' worktrees (work in progress
     * included) and two runs on one repository never share one. When a run starts or resumes,
     * {@link WorktreeManager#cleanupOrphaned} removes leftovers of that run only, never the
     * worktrees of the tasks in its journal nor another run's. Keep the repository's working tree
     * clean while a run merges into its checked-out branch (git refuses a merge that would
     * overwrite local changes, or untracked files; such a task fails as {@link org.openagention.orchestration.graph.FailureKind#MERGE_FAILED},
     * its worktree and branch kept), and keep the run journal outside the repository or ignored. The
     * acceptance check of a task that never wrote runs in the repository itself (its workspace's
     * root), so such checks should only read.
     *
     * <pre>{@code
     * TaskWorkspaces lanes = TaskWorkspaces.worktrees(WorktreeManager.open(Path.of("/home/me/project")), "main");
     * }</pre>
     */
    static TaskWorkspaces worktrees(WorktreeManager manager, String targetBranch) {
        return new WorktreeWorkspaces(Objects.requireNonNull(manager, "manager"),
                Objects.requireNonNull(targetBranch, "targetBranch"));
    }
}
