// SPDX-License-Identifier: Apache-2.0
package org.openagention.temporal.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.temporal.failure.ApplicationFailure;
import io.temporal.workflow.CancellationScope;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.openagention.core.ConfigurationException;
import org.openagention.orchestration.OrchestrationResult;
import org.openagention.orchestration.Orchestrator;
import org.openagention.orchestration.graph.Budget;
import org.openagention.orchestration.graph.Task;
import org.openagention.orchestration.graph.TaskGraph;
import org.openagention.orchestration.lanes.SandboxAvailability;
import org.openagention.orchestration.review.Reviewer;

/**
 * A task graph as workflow code: the same {@link Orchestrator} a local run uses, on a
 * {@link TemporalSteps} executor (facts in the workflow's journal, workflow time, durable backoff
 * timers, attempts and reviews on workflow threads), with {@link RemoteLanes} for workspaces on
 * hosts and {@link RemoteWorkers} running each attempt as a child agent workflow. Retries, budgets,
 * failure policies, checks (on the task's host), reviews and dependency-ordered merges are the
 * orchestrator's own; a merge conflict becomes a task as it does locally.
 *
 * <p>A task flagged with a reviewer is reviewed by the worker's reviewer ({@code GraphWorker#reviewer}),
 * called in workflow code: it must be deterministic (decide from the item alone).
 */
public final class GraphWorkflowImpl implements GraphWorkflow {
    /** The failure type of a graph this worker cannot run (a custom check, a reviewer it lacks). */
    public static final String UNRUNNABLE = "UnrunnableGraph";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Reviewer reviewer;
    private RunJournal journal;
    private String result;

    public GraphWorkflowImpl(Reviewer reviewer) {
        this.reviewer = reviewer;
    }

    @Override
    public String run(GraphInput in) {
        journal = new RunJournal(in.runId());
        RemoteLanes lanes = new RemoteLanes(in);
        TaskGraph graph;
        try {
            graph = decode(in.graphJson(), lanes);
        } catch (ConfigurationException | IllegalArgumentException e) {
            throw ApplicationFailure.newNonRetryableFailure(e.getMessage(), UNRUNNABLE);
        }
        TemporalSteps steps = new TemporalSteps(null, in.attempt().steps(), journal, null, CancellationScope.current(),
                null);
        Orchestrator orchestrator = Orchestrator.builder()
                .workers(new RemoteWorkers(in, lanes))
                .workspaces(lanes)
                .stepExecutor(runId -> steps)
                .parallelism(in.parallelism())
                .failurePolicy(in.failurePolicy())
                .budget(new Budget(in.maxTokens(), in.maxCostUsd(), Duration.ofMillis(in.maxWallClockMillis())))
                .clock(AgentWorkflowImpl.WORKFLOW_CLOCK)
                .sandbox(SandboxAvailability.unavailable("sandboxed tasks do not run on Temporal hosts"))
                .build();
        OrchestrationResult r = orchestrator.run(in.runId(), in.goal(), graph);
        result = GraphOutcome.of(r).toJson();
        return result;
    }

    /** The graph with each built-in check bound to its task's host, and reviewer flags to the worker's reviewer. */
    private TaskGraph decode(String graphJson, RemoteLanes lanes) {
        JsonNode tasks;
        try {
            tasks = JSON.readTree(graphJson);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("the graph is not JSON: " + e.getOriginalMessage(), e);
        }
        Map<String, String> checks = new HashMap<>();
        for (JsonNode t : tasks) {
            if (t.path("check").path("type").asText().equals("custom")) {
                throw new ConfigurationException("task '" + t.path("id").asText() + "' has a custom acceptance check ("
                        + t.path("check").path("description").asText() + "), which is code: on Temporal use a command"
                        + " check (AcceptanceCheck.command or shell), which runs on the task's host");
            }
            if (t.path("reviewer").asBoolean(false) && reviewer == null) {
                throw new ConfigurationException("task '" + t.path("id").asText() + "' has a reviewer, and this worker"
                        + " has none: give the graph worker a reviewer (GraphWorker.reviewer)");
            }
            if (t.has("check")) {
                ObjectNode alone = JSON.createObjectNode().put("id", t.path("id").asText())
                        .put("goal", t.path("goal").asText());
                alone.set("check", t.get("check"));
                checks.put(t.path("id").asText(), "[" + alone + "]");
            }
        }
        TaskGraph read = TaskGraph.fromJson(graphJson,
                id -> reviewer == null ? null : Task.builder(id).goal(id).reviewer(reviewer).build());
        List<Task> bound = new ArrayList<>();
        for (Task t : read.tasks()) {
            String json = checks.get(t.id());
            bound.add(json == null ? t : t.toBuilder().check(new HostCheck(lanes, json, String.valueOf(t.check()))).build());
        }
        return TaskGraph.of(bound);
    }

    @Override
    public List<JournalRow> journal() {
        return journal == null ? List.of() : journal.rows();
    }

    @Override
    public String result() {
        return result;
    }
}
