// SPDX-License-Identifier: Apache-2.0
package org.openagention.temporal;

import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import java.util.Objects;
import java.util.UUID;
import org.openagention.orchestration.graph.TaskGraph;
import org.openagention.temporal.internal.GraphWorkflow;

/**
 * Submits task graphs to a Temporal task queue and finds graph runs by id. Made by
 * {@link TemporalGraphs#client}. Thread-safe.
 */
public final class GraphRuns {
    private final WorkflowClient client;
    private final String taskQueue;

    GraphRuns(WorkflowClient client, String taskQueue) {
        this.client = Objects.requireNonNull(client, "client");
        this.taskQueue = Objects.requireNonNull(taskQueue, "taskQueue");
    }

    /**
     * Starts {@code graph} toward {@code goal} and returns at once. Tasks' checks must be built-in
     * ({@code AcceptanceCheck.none/command/shell}): they run on the task's host; a task with a
     * reviewer is reviewed by the graph worker's reviewer.
     *
     * @throws IllegalArgumentException when a task has a custom check (code cannot travel)
     */
    public TemporalGraphRun start(String goal, TaskGraph graph, GraphOptions options) {
        Objects.requireNonNull(goal, "goal");
        Objects.requireNonNull(graph, "graph");
        Objects.requireNonNull(options, "options");
        String json = graph.toJson();
        if (json.contains("\"type\":\"custom\"")) {
            throw new IllegalArgumentException("a graph on Temporal cannot carry a custom acceptance check (code): use"
                    + " AcceptanceCheck.command or shell, which run on the task's host");
        }
        String runId = options.runId().orElseGet(() -> "graph-" + UUID.randomUUID().toString().substring(0, 13));
        GraphWorkflow workflow = client.newWorkflowStub(GraphWorkflow.class,
                WorkflowOptions.newBuilder().setTaskQueue(taskQueue).setWorkflowId(runId).build());
        WorkflowClient.start(workflow::run, options.toInput(runId, goal, json));
        return new TemporalGraphRun(client, runId);
    }

    /** A handle on a graph run started earlier, by any process. */
    public TemporalGraphRun attach(String runId) {
        return new TemporalGraphRun(client, Objects.requireNonNull(runId, "runId"));
    }
}
