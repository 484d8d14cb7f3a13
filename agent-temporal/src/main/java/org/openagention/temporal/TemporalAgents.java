// SPDX-License-Identifier: Apache-2.0
package org.openagention.temporal;

import io.temporal.client.WorkflowClient;
import io.temporal.worker.Worker;

/**
 * Agent runs as durable Temporal workflows: the entry point of agent-temporal.
 *
 * <p>A worker process registers agents by name and starts its Temporal worker; any process submits
 * runs by agent name. The agent loop runs as workflow code on a worker, each model call and tool
 * call is an activity, approvals wait for signals, and a run survives the death of the worker
 * that ran it: another worker replays its history and continues.
 *
 * <pre>{@code
 * // worker process
 * WorkflowServiceStubs service = WorkflowServiceStubs.newLocalServiceStubs();   // a dev server on localhost:7233
 * WorkflowClient client = WorkflowClient.newInstance(service);
 * WorkerFactory factory = WorkerFactory.newInstance(client);
 * TemporalAgents.worker(factory.newWorker("agents"))
 *         .register("coder", agent, Approvals.of(ApprovalPolicy.workspaceWrite()));
 * factory.start();
 *
 * // any process
 * TemporalRun run = TemporalAgents.client(client, "agents").start("coder", "Fix the failing test");
 * RunResult result = run.result();
 * }</pre>
 */
public final class TemporalAgents {
    private TemporalAgents() {}

    /** Registers the agent workflow and its step activities on {@code worker}; add agents to the result. */
    public static AgentWorker worker(Worker worker) {
        return new AgentWorker(worker);
    }

    /** Submits and finds agent runs on {@code taskQueue}. */
    public static AgentRuns client(WorkflowClient client, String taskQueue) {
        return new AgentRuns(client, taskQueue);
    }
}
