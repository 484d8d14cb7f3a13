// SPDX-License-Identifier: Apache-2.0
package org.openagention.tools;

import java.util.List;
import java.util.Objects;

/**
 * What merging a task's work back did: merged, or stopped by conflicts, reported as data. The one
 * merge outcome of the SDK: {@link WorktreeManager#merge} returns it for a git branch, and the
 * orchestrator's task lanes return it for worktrees and plain directories alike. A merge that
 * fails for another reason is thrown, not reported here.
 *
 * <p>A closed set of immutable records.
 *
 * <pre>{@code
 * MergeResult result = worktrees.merge("task-7", "main");
 * if (result instanceof MergeResult.Conflict c) {
 *     System.out.println("conflicts in " + c.files() + ": " + c.detail());
 * }
 * }</pre>
 */
public sealed interface MergeResult {

    /**
     * The files involved, relative to the root with forward slashes: those the merge changed in
     * the target, or those that conflict.
     */
    List<String> files();

    /** Whether the task's work is now in the target. */
    default boolean merged() {
        return this instanceof Merged;
    }

    /**
     * The work is in the target.
     *
     * @param files the files the merge changed in the target
     * @param commit the target branch's head after the merge when git merged or committed the work
     *     (the merge commit, or the old head when git found nothing new); empty when no git merge
     *     or commit was made: nothing to merge, or a target without commits such as a plain
     *     directory
     */
    record Merged(List<String> files, String commit) implements MergeResult {
        public Merged {
            files = List.copyOf(files);
            Objects.requireNonNull(commit, "commit");
        }
    }

    /**
     * The work could not be merged and the target is as it was before (a git merge was aborted).
     *
     * @param files the files both sides changed incompatibly; never empty
     * @param detail what happened and where each side's version is, for whoever resolves it
     */
    record Conflict(List<String> files, String detail) implements MergeResult {
        public Conflict {
            files = List.copyOf(files);
            Objects.requireNonNull(detail, "detail");
            if (files.isEmpty()) {
                throw new IllegalArgumentException("a merge conflict must name the conflicting files");
            }
        }
    }

    /** Merged into a target without commits: {@code files} changed. */
    static MergeResult merged(List<String> files) {
        return new Merged(files, "");
    }

    /** Merged into a git branch whose head is now {@code commit}. */
    static MergeResult merged(List<String> files, String commit) {
        return new Merged(files, commit);
    }

    static MergeResult conflict(List<String> files, String detail) {
        return new Conflict(files, detail);
    }
}
