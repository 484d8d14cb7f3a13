// SPDX-License-Identifier: Apache-2.0
package org.openagention.tools;

import java.nio.file.Path;
import java.util.Objects;

/**
 * One task's git worktree, as a {@link WorktreeManager} knows it.
 *
 * @param taskId the task the worktree belongs to
 * @param path where the worktree is (or was) checked out
 * @param branch the branch holding the task's work: {@code openagention/<taskId>} while active;
 *     after a merge the branch is deleted, after an abandon it is renamed to
 *     {@code openagention-abandoned/<taskId>/<n>} and kept for inspection
 * @param state where the worktree is in its life
 * @param commit the base commit while active, the merge commit once merged, the branch tip once
 *     abandoned
 */
public record Worktree(String taskId, Path path, String branch, State state, String commit) {
    public Worktree {
        Objects.requireNonNull(taskId, "taskId");
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(branch, "branch");
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(commit, "commit");
    }

    /** The life of a task's worktree: active until it is merged back or abandoned. */
    public enum State {
        /** Checked out; the task works here. */
        ACTIVE,
        /** Merged into its target branch; the worktree and its branch are gone. */
        MERGED,
        /** Given up; the worktree is gone, its work kept on a renamed branch. */
        ABANDONED
    }

    /** A workspace on this worktree (which must be active, so its directory exists). */
    public Workspace workspace() {
        if (state != State.ACTIVE) {
            throw new WorkspaceException("the worktree of task '" + taskId + "' is " + state.name().toLowerCase()
                    + ": it has no directory to work in");
        }
        return Workspace.local(path);
    }
}
