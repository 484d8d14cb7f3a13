// SPDX-License-Identifier: Apache-2.0
package org.openagention.temporal.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.openagention.orchestration.OrchestrationResult;
import org.openagention.orchestration.RunStatus;
import org.openagention.orchestration.Spend;
import org.openagention.orchestration.TaskReport;
import org.openagention.orchestration.graph.Task;
import org.openagention.orchestration.graph.TaskGraph;
import org.openagention.orchestration.graph.TaskState;

/**
 * An {@link OrchestrationResult} as JSON, for the trip from the workflow to the client: the graph
 * comes back as its tasks' ids, goals and dependencies (checks and reviewers stayed on the workers).
 */
public record GraphOutcome(String runId, RunStatus status, String detail, List<Row> tasks) {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** One task's report. */
    public record Row(String id, String goal, List<String> dependsOn, TaskState state, int attempts, String output,
            String failure, long tokens, double costUsd, long elapsedMillis, boolean skipped, boolean merged) {}

    static GraphOutcome of(OrchestrationResult r) {
        List<Row> rows = new ArrayList<>();
        for (TaskReport t : r.tasks()) {
            Task task = r.graph().task(t.taskId()).orElse(null);
            rows.add(new Row(t.taskId(), task == null ? t.taskId() : task.goal(),
                    task == null ? List.of() : task.dependencies(), t.state(), t.attempts(), t.output(), t.failure(),
                    t.spend().tokens(), t.spend().costUsd(), t.spend().elapsed().toMillis(), t.skipped(), t.merged()));
        }
        return new GraphOutcome(r.runId(), r.status(), r.detail(), rows);
    }

    public OrchestrationResult toResult() {
        List<Task> tasks = new ArrayList<>();
        List<TaskReport> reports = new ArrayList<>();
        for (Row t : this.tasks) {
            tasks.add(Task.builder(t.id()).goal(t.goal()).dependencies(t.dependsOn()).build());
            reports.add(new TaskReport(t.id(), t.state(), t.attempts(), t.output(), t.failure(),
                    new Spend(t.tokens(), t.costUsd(), Duration.ofMillis(t.elapsedMillis())), t.skipped(), t.merged()));
        }
        return new OrchestrationResult(runId, status, detail, TaskGraph.of(tasks), reports);
    }

    public String toJson() {
        try {
            return JSON.writeValueAsString(this);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot encode the graph's outcome", e);
        }
    }

    public static GraphOutcome fromJson(String json) {
        try {
            return JSON.readValue(json, GraphOutcome.class);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not a graph outcome: " + e.getOriginalMessage(), e);
        }
    }
}
