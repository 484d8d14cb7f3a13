package org.openagention.orchestration;

import java.nio.file.Path;
import org.openagention.orchestration.internal.DirectoryWorkspaces;
import org.openagention.tools.Workspace;

/**
 * The workspace lanes of a run: gives each task a {@link Workspace} for its {@link Lane}, merges
 * an accepted task's work back into the target, and discards an abandoned task's.
 *
 * <p>The {@link Orchestrator} calls these methods from its supervisor thread only, one at a time:
 * {@link #open} when a task is dispatched, {@link #merge} for accepted tasks in dependency order
 * (a task's dependencies are merged before it is opened, so it sees their work), {@link #discard}
 * for tasks that failed for good. {@link #open} must be idempotent: after a crash,
 * {@link Orchestrator#resume} opens a task again and must get its existing workspace back, work
 * in progress included. {@link #merge} must be idempotent too (a crash may come between a merge
 * and its journal entry).
 *
 * <pre>{@code
 * TaskWorkspaces lanes = TaskWorkspaces.directories(Path.of("build/run-1"));
 * Orchestrator o = Orchestrator.builder().workers(workers).workspaces(lanes).build();
 * }</pre>
 */
public interface TaskWorkspaces {

    /** The task's workspace, created on first call and the same one on later calls. */
    Workspace open(Task task);

    /** Merges the task's work into the target; a conflict is returned, not thrown. */
    MergeResult merge(Task task, Workspace workspace);

    /** Gives up the task's workspace (the work stays available for inspection where the lane allows). */
    void discard(Task task, Workspace workspace);

    /**
     * Plain directories under {@code root}: the target is {@code root/target}; a
     * {@link Lane#LOCAL} task works in the target itself, any other lane in its own copy
     * {@code root/tasks/<id>} taken when the task is first opened. Merging copies the files the
     * task changed into the target, and reports a conflict for each file that also changed in the
     * target since the copy (and differently). For trees that are not git repositories, and for tests.
     */
    static TaskWorkspaces directories(Path root) {
        return new DirectoryWorkspaces(root);
    }
}
