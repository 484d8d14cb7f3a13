package org.openagention.orchestration;

import java.util.List;
import java.util.Objects;

/**
 * How merging a task's workspace back went: merged, or a conflict that the
 * {@link Orchestrator} turns into a new task (never dropped). A merge that fails otherwise is
 * thrown by {@link TaskWorkspaces#merge}, not reported here.
 *
 * <p>A closed set of immutable records.
 */
public sealed interface MergeResult {

    /** The files involved, relative to the workspace root with forward slashes. */
    List<String> files();

    /** The work is in the target; {@code files} are those it changed. */
    record Merged(List<String> files) implements MergeResult {
        public Merged {
            files = List.copyOf(files);
        }
    }

    /**
     * The work could not be merged: {@code files} conflict; {@code detail} says where each side's
     * version is, for whoever resolves it.
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

    static MergeResult merged(List<String> files) {
        return new Merged(files);
    }

    static MergeResult conflict(List<String> files, String detail) {
        return new Conflict(files, detail);
    }
}
