// SPDX-License-Identifier: Apache-2.0
package org.openagention.temporal;

import io.temporal.client.WorkflowClient;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.openagention.core.journal.JournalEntry;
import org.openagention.orchestration.OrchestrationResult;
import org.openagention.temporal.internal.GraphOutcome;
import org.openagention.temporal.internal.GraphWorkflow;
import org.openagention.temporal.internal.JournalRow;

/**
 * A handle on one task graph run on Temporal: wait for its result, cancel it, read its journal
 * (the orchestrator's {@code graph.*} and {@code task.*} facts) and reach each attempt's agent run
 * ({@link #attempt}: its id is in the {@code task.attempt.started} facts). Thread-safe.
 */
public final class TemporalGraphRun {
    private final WorkflowClient client;
    private final String runId;

    TemporalGraphRun(WorkflowClient client, String runId) {
        this.client = client;
        this.runId = runId;
    }

    public String runId() {
        return runId;
    }

    /**
     * Waits for the graph to end. Task failures end it with a status, not an exception; the graph's
     * tasks come back with ids, goals and dependencies only.
     *
     * @throws io.temporal.client.WorkflowException when the workflow failed (a graph it cannot run) or was terminated
     */
    public OrchestrationResult result() {
        return GraphOutcome.fromJson(client.newUntypedWorkflowStub(runId).getResult(String.class)).toResult();
    }

    /** Cancels the run: attempts under way are cancelled and the run ends cancelled. */
    public void cancel() {
        client.newUntypedWorkflowStub(runId).cancel();
    }

    /** The orchestrator's journal of the run, as a local run's journal holds it. */
    public List<JournalEntry> journal() {
        List<JournalEntry> entries = new ArrayList<>();
        for (JournalRow row : client.newWorkflowStub(GraphWorkflow.class, runId).journal()) {
            entries.add(new JournalEntry(runId, row.sequence(), row.type(), row.stepId(),
                    Instant.ofEpochMilli(row.atMillis()), row.payloadJson()));
        }
        return entries;
    }

    /** The agent run of one attempt, by its run id (journaled in the attempt's {@code task.attempt.started} fact). */
    public TemporalRun attempt(String attemptRunId) {
        return new TemporalRun(client, attemptRunId);
    }

    @Override
    public String toString() {
        return "TemporalGraphRun{" + runId + "}";
    }
}
