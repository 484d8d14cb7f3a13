// SPDX-License-Identifier: Apache-2.0
package org.openagention.temporal.internal;

import io.temporal.failure.ChildWorkflowFailure;
import io.temporal.workflow.ChildWorkflowOptions;
import io.temporal.workflow.Workflow;
import org.openagention.core.RunResult;
import org.openagention.orchestration.graph.Budget;
import org.openagention.orchestration.graph.Task;
import org.openagention.orchestration.lanes.Worker;
import org.openagention.orchestration.lanes.WorkerFactory;
import org.openagention.tools.Workspace;

/**
 * The workers of a graph workflow (workflow code): each attempt is a child {@link AgentWorkflow}
 * named by the attempt's run id, running the graph's agent with its tools on the host holding the
 * task's clone, its limits narrowed to the attempt's allotment. When the host is lost mid-attempt
 * the attempt fails (a worker error, retried per the task's policy) and the next one opens the
 * task on another host from its pushed branch.
 */
final class RemoteWorkers implements WorkerFactory {
    private final GraphInput in;
    private final RemoteLanes lanes;

    RemoteWorkers(GraphInput in, RemoteLanes lanes) {
        this.in = in;
        this.lanes = lanes;
    }

    @Override
    public Worker create(Task task, Workspace workspace, int attempt) {
        return new Worker() {
            @Override
            public RunResult run(String prompt, Budget allotment) {
                throw new IllegalStateException("an attempt on Temporal is always named");
            }

            @Override
            public RunResult run(String runId, String prompt, Budget allotment) {
                String host = lanes.place(task);
                RunInput a = in.attempt();
                RunInput input = new RunInput(in.agentName(), prompt, runId, a.maxTurns(),
                        min(a.maxTokens(), allotment.maxTokens()), min(a.maxCostUsd(), allotment.maxCostUsd()),
                        min(a.timeoutMillis(), allotment.maxWallClock().toMillis()), a.maxConsecutiveToolErrors(),
                        a.maxRepeatedCalls(), a.streaming(), a.steps(),
                        new TaskPlace(lanes.key(task), host, in.pickupMillis()));
                AgentWorkflow child = Workflow.newChildWorkflowStub(AgentWorkflow.class, ChildWorkflowOptions.newBuilder()
                        .setWorkflowId(runId).setTaskQueue(Workflow.getInfo().getTaskQueue()).build());
                RunResult result;
                try {
                    result = RunResult.fromJson(child.run(input));
                } catch (ChildWorkflowFailure f) {
                    if (RemoteLanes.hostLost(f)) {
                        lanes.lost(host);
                        throw new IllegalStateException("the attempt's host " + host + " was lost; the task goes on"
                                + " from its pushed branch on another host", f);
                    }
                    throw f;
                }
                lanes.push(task, host, "attempt " + attempt + " of " + task.id());
                return result;
            }
        };
    }

    private static long min(long a, long b) {
        return a == 0 ? b : b == 0 ? a : Math.min(a, b);
    }

    private static double min(double a, double b) {
        return a == 0 ? b : b == 0 ? a : Math.min(a, b);
    }
}
