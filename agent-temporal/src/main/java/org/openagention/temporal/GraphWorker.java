// SPDX-License-Identifier: Apache-2.0
package org.openagention.temporal;

import io.temporal.worker.Worker;
import java.util.Objects;
import org.openagention.orchestration.review.Reviewer;
import org.openagention.temporal.internal.GraphWorkflow;
import org.openagention.temporal.internal.GraphWorkflowImpl;

/**
 * Runs task graph workflows on a worker's task queue (made by {@link TemporalGraphs#worker}); the
 * same worker must serve the graph's agent ({@link AgentWorker#register(String, java.util.function.Function)}),
 * since each attempt is a child agent workflow on this queue. Configure before the worker
 * factory starts. Thread-safe.
 */
public final class GraphWorker {
    private volatile Reviewer reviewer;

    GraphWorker(Worker worker) {
        Objects.requireNonNull(worker, "worker");
        worker.registerWorkflowImplementationFactory(GraphWorkflow.class, () -> new GraphWorkflowImpl(reviewer));
    }

    /**
     * Reviews the tasks submitted with a reviewer. It is called in workflow code, so it must
     * decide from the review item alone, deterministically (no model call, clock or I/O); every
     * worker of the queue must have the same one.
     */
    public GraphWorker reviewer(Reviewer reviewer) {
        this.reviewer = Objects.requireNonNull(reviewer, "reviewer");
        return this;
    }
}
