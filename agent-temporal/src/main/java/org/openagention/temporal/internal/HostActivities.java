// SPDX-License-Identifier: Apache-2.0
package org.openagention.temporal.internal;

import io.temporal.activity.ActivityInterface;
import io.temporal.activity.ActivityMethod;

/**
 * What a graph workflow asks of a host about its tasks' workspaces, on the host's own task queue.
 * Workspaces are named by key ({@code <run>/<task>}); no path leaves the host.
 */
@ActivityInterface
public interface HostActivities {

    /**
     * Opens the task's clone on this host (idempotent); says how it started. {@code remote} is the
     * graph's remote (null when the graph names none; the host's own must then be set).
     */
    @ActivityMethod(name = "openagention.OpenWorkspace")
    String open(String workspace, String target, String conflictOf, String remote);

    /** Commits and pushes the task's branch; the pushed commit. */
    @ActivityMethod(name = "openagention.PushWorkspace")
    String push(String workspace, String message);

    /**
     * Runs the acceptance check of {@code taskJson} (a one-task graph, {@code TaskGraph#toJson})
     * in the task's clone.
     */
    @ActivityMethod(name = "openagention.CheckWorkspace")
    VerdictData check(String workspace, String taskJson, int attempt, String workerOutput);

    /** Merges the task's pushed branch into the target and pushes it (the integrating host). */
    @ActivityMethod(name = "openagention.MergeWorkspace")
    HostClones.MergeData merge(String run, String workspace, String target, boolean resolution, String remote);

    /** Removes the task's clone from this host. */
    @ActivityMethod(name = "openagention.DiscardWorkspace")
    void discard(String workspace);

    /** A check's verdict as data: {@code passed}, {@code failed} or {@code blocked}, and its output. */
    record VerdictData(String kind, String output) {}
}
