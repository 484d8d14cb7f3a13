package org.openagention.tools;

import java.util.List;
import java.util.Objects;

/**
 * What merging a task's branch back did: merged, or stopped by conflicts (reported as data: the
 * conflicting files; the merge was aborted, so the target branch and its working tree are as they
 * were before).
 */
public sealed interface MergeResult {

    String taskId();

    String targetBranch();

    /** Whether the task's work is now on the target branch. */
    default boolean merged() {
        return this instanceof Merged;
    }

    /**
     * The task's branch was merged.
     *
     * @param commit the target branch's new head (the merge commit, or the old head when there was
     *     nothing to merge)
     * @param changedFiles the files the merge changed on the target, relative to the repository root
     */
    record Merged(String taskId, String targetBranch, String commit, List<String> changedFiles) implements MergeResult {
        public Merged {
            Objects.requireNonNull(taskId, "taskId");
            Objects.requireNonNull(targetBranch, "targetBranch");
            Objects.requireNonNull(commit, "commit");
            changedFiles = List.copyOf(changedFiles);
        }
    }

    /**
     * The merge stopped on conflicts and was aborted. The task's worktree stays active, so the
     * task can rebase, resolve, or be abandoned.
     *
     * @param conflictingFiles the files both sides changed incompatibly, relative to the repository root
     * @param detail what git said, for a person or a model
     */
    record Conflict(String taskId, String targetBranch, List<String> conflictingFiles, String detail)
            implements MergeResult {
        public Conflict {
            Objects.requireNonNull(taskId, "taskId");
            Objects.requireNonNull(targetBranch, "targetBranch");
            conflictingFiles = List.copyOf(conflictingFiles);
            Objects.requireNonNull(detail, "detail");
        }
    }
}
