// SPDX-License-Identifier: Apache-2.0
package org.openagention.otel.internal;

import io.opentelemetry.context.Scope;
import java.time.Instant;
import org.openagention.core.RunResult;
import org.openagention.orchestration.graph.Task;
import org.openagention.orchestration.lanes.Worker;
import org.openagention.orchestration.lanes.WorkerFactory;
import org.openagention.tools.Workspace;

/**
 * Workers whose runs happen inside their attempt's span: the factory is called on the supervisor's
 * thread right after {@link WorkflowSpans} opened the attempt, takes that attempt, and the worker
 * makes its context current on the worker's thread, so that the worker agent's
 * {@code invoke_agent} span is the attempt's child. Also notes when the worker answered, where the
 * check span starts.
 */
public final class TracedWorkers implements WorkerFactory {
    private final WorkerFactory delegate;

    public TracedWorkers(WorkerFactory delegate) {
        this.delegate = delegate;
    }

    @Override
    public Worker create(Task task, Workspace workspace, int attempt) {
        Worker worker = delegate.create(task, workspace, attempt);
        WorkflowSpans.AttemptSpan a = WorkflowSpans.OPENED.get();
        WorkflowSpans.OPENED.remove();
        if (a == null || !a.taskId.equals(task.id()) || a.attempt != attempt || worker == null) {
            return worker; // not under a traced orchestrator: as it was
        }
        return (prompt, allotment) -> {
            try (Scope ignored = a.context.makeCurrent()) {
                RunResult r = worker.run(prompt, allotment);
                a.workerSucceeded = r != null && r.isSuccess();
                a.workerAnswered = Instant.now();
                return r;
            }
        };
    }
}
