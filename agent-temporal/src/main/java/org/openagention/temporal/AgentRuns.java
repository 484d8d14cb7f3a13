// SPDX-License-Identifier: Apache-2.0
package org.openagention.temporal;

import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import java.util.Objects;
import org.openagention.core.RunOptions;
import org.openagention.core.RunResult;
import org.openagention.temporal.internal.AgentWorkflow;

/**
 * Submits agent runs to a Temporal task queue and finds runs by id. Made by
 * {@link TemporalAgents#client}. The agent is named, not passed: the workers of the task queue
 * hold the agents ({@link AgentWorker#register}).
 *
 * <pre>{@code
 * AgentRuns runs = TemporalAgents.client(WorkflowClient.newInstance(service), "agents");
 * TemporalRun run = runs.start("coder", "Fix the failing test", TemporalRunOptions.builder()
 *         .limits(Limits.builder().maxTurns(20).build()).build());
 * RunResult result = run.result();
 * }</pre>
 *
 * <p>Thread-safe.
 */
public final class AgentRuns {
    private final WorkflowClient client;
    private final String taskQueue;

    AgentRuns(WorkflowClient client, String taskQueue) {
        this.client = Objects.requireNonNull(client, "client");
        this.taskQueue = Objects.requireNonNull(taskQueue, "taskQueue");
    }

    /** Starts a run with default options; see {@link #start(String, String, TemporalRunOptions)}. */
    public TemporalRun start(String agentName, String input) {
        return start(agentName, input, TemporalRunOptions.defaults());
    }

    /**
     * Starts a run of the agent registered as {@code agentName} on {@code input} and returns at
     * once. The run's id (its workflow id) is the options' or a fresh one.
     *
     * @throws io.temporal.client.WorkflowExecutionAlreadyStarted when a run with that id exists
     */
    public TemporalRun start(String agentName, String input, TemporalRunOptions options) {
        Objects.requireNonNull(agentName, "agentName");
        Objects.requireNonNull(input, "input");
        Objects.requireNonNull(options, "options");
        String runId = options.runId().orElseGet(RunOptions::newRunId);
        AgentWorkflow workflow = client.newWorkflowStub(AgentWorkflow.class,
                WorkflowOptions.newBuilder().setTaskQueue(taskQueue).setWorkflowId(runId).build());
        WorkflowClient.start(workflow::run, options.toInput(agentName, input, runId));
        return new TemporalRun(client, runId);
    }

    /** Runs to the end and returns how the run ended (waits as long as the run takes). */
    public RunResult run(String agentName, String input, TemporalRunOptions options) {
        return start(agentName, input, options).result();
    }

    /** A handle on a run started earlier, by any process. */
    public TemporalRun attach(String runId) {
        return new TemporalRun(client, Objects.requireNonNull(runId, "runId"));
    }
}
