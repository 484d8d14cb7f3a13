// SPDX-License-Identifier: Apache-2.0
package org.openagention.cli;

import org.openagention.core.Agent;
import org.openagention.orchestration.Orchestrator;
import org.openagention.orchestration.lanes.WorkerFactory;

/**
 * What {@code run --otel} adds to the agents and the orchestrator of a run: {@link #NONE} without
 * it, {@link OtelTracing} with it. This interface names no OpenTelemetry type, so that the CLI
 * loads none of OpenTelemetry's classes unless {@code --otel} is given.
 */
interface RunTracing extends AutoCloseable {
    /** Nothing traced. */
    RunTracing NONE = new RunTracing() {
        @Override
        public Agent.Builder instrument(Agent.Builder agent) {
            return agent;
        }

        @Override
        public Orchestrator.Builder instrument(Orchestrator.Builder orchestrator, WorkerFactory workers) {
            return orchestrator.workers(workers);
        }

        @Override
        public void close() {}
    };

    /** {@code agent}, traced; called before any other interceptor is added, so that its spans wrap them. */
    Agent.Builder instrument(Agent.Builder agent);

    /** {@code orchestrator} with {@code workers} as its workers, traced. */
    Orchestrator.Builder instrument(Orchestrator.Builder orchestrator, WorkerFactory workers);

    /** Sends what is left and shuts the exporters down; waits a few seconds at most. */
    @Override
    void close();
}
