// SPDX-License-Identifier: Apache-2.0
package org.openagention.bench.orchestration;

import java.nio.file.Path;
import java.util.List;
import org.openagention.core.RunResult;
import org.openagention.core.StopReason;
import org.openagention.core.model.Usage;
import org.openagention.orchestration.graph.Task;
import org.openagention.orchestration.lanes.TaskWorkspaces;
import org.openagention.tools.MergeResult;
import org.openagention.tools.Workspace;

/** Lanes and results that cost nothing, so that a benchmark measures the scheduler alone. */
final class NoOpLanes implements TaskWorkspaces {
    private final Workspace shared;

    NoOpLanes(Path dir) {
        this.shared = Workspace.local(dir);
    }

    static RunResult done(String text) {
        return new RunResult("bench", text, StopReason.COMPLETED, "", List.of(), 1, Usage.ZERO, 0,
                java.time.Duration.ZERO);
    }

    @Override
    public Workspace open(Task task) {
        return shared;
    }

    @Override
    public MergeResult merge(Task task, Workspace workspace) {
        return MergeResult.merged(List.of());
    }

    @Override
    public void discard(Task task, Workspace workspace) {
        // nothing to give up
    }
}
