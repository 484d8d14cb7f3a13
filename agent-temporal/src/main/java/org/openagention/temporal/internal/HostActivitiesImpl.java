// SPDX-License-Identifier: Apache-2.0
package org.openagention.temporal.internal;

import io.temporal.activity.Activity;
import org.openagention.orchestration.graph.Task;
import org.openagention.orchestration.graph.TaskGraph;
import org.openagention.orchestration.review.CheckContext;
import org.openagention.orchestration.review.Verdict;
import org.openagention.tools.Workspace;

/** The host side of {@link HostActivities}, on the clones of {@link HostClones}. */
public final class HostActivitiesImpl implements HostActivities {
    private final HostClones clones;

    public HostActivitiesImpl(HostClones clones) {
        this.clones = clones;
    }

    /** Runs {@code work} heartbeating, so that a host that dies mid-call is noticed by its heartbeat timeout. */
    private static <T> T beating(java.util.function.Supplier<T> work) {
        ActivityHeartbeat heartbeat = new ActivityHeartbeat(Activity.getExecutionContext(), Thread.currentThread());
        try {
            return work.get();
        } finally {
            heartbeat.stop();
        }
    }

    @Override
    public String open(String workspace, String target, String conflictOf, String remote) {
        return beating(() -> clones.open(workspace, target, conflictOf, remote));
    }

    @Override
    public String push(String workspace, String message) {
        return beating(() -> clones.push(workspace, message));
    }

    @Override
    public VerdictData check(String workspace, String taskJson, int attempt, String workerOutput) {
        Task task = TaskGraph.fromJson(taskJson, id -> null).tasks().get(0);
        Verdict v;
        ActivityHeartbeat heartbeat = new ActivityHeartbeat(Activity.getExecutionContext(), Thread.currentThread());
        try {
            v = task.check().verify(new CheckContext(task, Workspace.local(clones.clone(workspace)), attempt,
                    workerOutput));
        } catch (Exception e) {
            throw Activity.wrap(e);
        } finally {
            heartbeat.stop();
        }
        if (v == null) {
            return new VerdictData("failed", "the acceptance check returned no verdict");
        }
        String kind = v instanceof Verdict.Passed ? "passed" : v instanceof Verdict.Blocked ? "blocked" : "failed";
        return new VerdictData(kind, v.output());
    }

    @Override
    public HostClones.MergeData merge(String run, String workspace, String target, boolean resolution, String remote) {
        return beating(() -> clones.merge(run, workspace, target, resolution, remote));
    }

    @Override
    public void discard(String workspace) {
        beating(() -> {
            clones.discard(workspace);
            return null;
        });
    }
}
