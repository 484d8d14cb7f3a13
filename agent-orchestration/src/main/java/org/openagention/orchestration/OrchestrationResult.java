// SPDX-License-Identifier: Apache-2.0
package org.openagention.orchestration;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.openagention.orchestration.graph.TaskGraph;
import org.openagention.orchestration.graph.TaskState;

/**
 * How an orchestrated run ended: its status, a sentence on why, each task's report, what was
 * spent, and the graph as it finally was (with tasks added for merge conflicts or by replanning).
 *
 * <p>Immutable.
 */
public final class OrchestrationResult {
    private final String runId;
    private final RunStatus status;
    private final String detail;
    private final TaskGraph graph;
    private final Map<String, TaskReport> tasks;

    public OrchestrationResult(String runId, RunStatus status, String detail, TaskGraph graph, List<TaskReport> tasks) {
        this.runId = Objects.requireNonNull(runId, "runId");
        this.status = Objects.requireNonNull(status, "status");
        this.detail = Objects.requireNonNull(detail, "detail");
        this.graph = Objects.requireNonNull(graph, "graph");
        Map<String, TaskReport> byId = new LinkedHashMap<>();
        tasks.forEach(t -> byId.put(t.taskId(), t));
        this.tasks = java.util.Collections.unmodifiableMap(byId);
    }

    /** The run's id: the key of its journal, for {@link Orchestrator#resume(String)}. */
    public String runId() {
        return runId;
    }

    public RunStatus status() {
        return status;
    }

    /** A sentence on why the run ended so: which task failed, what is blocked, which budget. */
    public String detail() {
        return detail;
    }

    /** The graph as it finally was. */
    public TaskGraph graph() {
        return graph;
    }

    /** Every task's report, in graph order. */
    public List<TaskReport> tasks() {
        return List.copyOf(tasks.values());
    }

    public Optional<TaskReport> task(String id) {
        return Optional.ofNullable(tasks.get(id));
    }

    /** Each task's last state, in graph order. */
    public Map<String, TaskState> states() {
        Map<String, TaskState> out = new LinkedHashMap<>();
        tasks.values().forEach(t -> out.put(t.taskId(), t.state()));
        return out;
    }

    /** What every task spent together. */
    public Spend spend() {
        Spend total = Spend.ZERO;
        for (TaskReport t : tasks.values()) {
            total = total.plus(t.spend());
        }
        return total;
    }

    @Override
    public String toString() {
        return "OrchestrationResult{" + runId + " " + status + (detail.isEmpty() ? "" : ": " + detail) + ", " + states()
                + "}";
    }
}
