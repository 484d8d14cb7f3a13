// SPDX-License-Identifier: Apache-2.0
package org.openagention.temporal;

import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowFailedException;
import io.temporal.failure.CanceledFailure;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.openagention.core.RunResult;
import org.openagention.core.journal.JournalEntry;
import org.openagention.temporal.internal.AgentWorkflow;
import org.openagention.temporal.internal.ApprovalSignal;
import org.openagention.temporal.internal.JournalRow;

/**
 * A handle on one agent run on Temporal, from any process that reaches the cluster: wait for its
 * result, cancel it, decide the calls it waits on, read its journal. The run itself lives in the
 * cluster and on its workers; dropping the handle changes nothing.
 *
 * <pre>{@code
 * TemporalRun run = runs.start("coder", "Fix the failing test", TemporalRunOptions.defaults());
 * for (PendingApproval p : run.pendingApprovals()) {
 *     run.approve(p.callId(), "alice", "looks safe");
 * }
 * RunResult result = run.result();
 * }</pre>
 *
 * <p>Thread-safe.
 */
public final class TemporalRun {
    private final WorkflowClient client;
    private final String runId;

    TemporalRun(WorkflowClient client, String runId) {
        this.client = client;
        this.runId = runId;
    }

    /** The run's id, which is its workflow id. */
    public String runId() {
        return runId;
    }

    /**
     * Waits for the run to end and returns how it ended. Limits, provider failures and a
     * cancellation end a run with a result ({@code StopReason}); they do not throw.
     *
     * @throws io.temporal.client.WorkflowException when the workflow itself failed or was terminated
     */
    public RunResult result() {
        try {
            return RunResult.fromJson(client.newUntypedWorkflowStub(runId).getResult(String.class));
        } catch (WorkflowFailedException e) {
            // Temporal closes a cancelled workflow as cancelled, whatever it returned; the run's own
            // result (stop reason CANCELLED, the transcript so far) is kept for this query.
            String json = e.getCause() instanceof CanceledFailure ? stub().result() : null;
            if (json == null) {
                throw e;
            }
            return RunResult.fromJson(json);
        }
    }

    /** Cancels the run: the step in flight is cancelled and the run ends with {@code CANCELLED}. */
    public void cancel() {
        client.newUntypedWorkflowStub(runId).cancel();
    }

    /** Approves a call the run waits on (a decision for a call not yet asked about is kept for it). */
    public void approve(String callId, String by, String reason) {
        signal(callId, true, by, reason);
    }

    /** Denies a call the run waits on; the model is told {@code reason}. */
    public void deny(String callId, String by, String reason) {
        signal(callId, false, by, reason);
    }

    private void signal(String callId, boolean approved, String by, String reason) {
        Objects.requireNonNull(callId, "callId");
        Objects.requireNonNull(by, "by");
        Objects.requireNonNull(reason, "reason");
        stub().approve(new ApprovalSignal(callId, approved, by, reason));
    }

    /** The calls the run waits on now. */
    public List<PendingApproval> pendingApprovals() {
        return List.copyOf(stub().pendingApprovals());
    }

    /**
     * The run's journal: the same entry types a local journal holds ({@code run.started},
     * {@code model.response}, {@code tool.result}, {@code run.finished}) plus
     * {@code approval.requested} and {@code approval.decided}, stamped with workflow time. Works
     * while the run goes on and after it ended (as long as the cluster keeps its history).
     */
    public List<JournalEntry> journal() {
        List<JournalEntry> entries = new ArrayList<>();
        for (JournalRow row : stub().journal()) {
            entries.add(new JournalEntry(runId, row.sequence(), row.type(), row.stepId(),
                    Instant.ofEpochMilli(row.atMillis()), row.payloadJson()));
        }
        return entries;
    }

    private AgentWorkflow stub() {
        return client.newWorkflowStub(AgentWorkflow.class, runId);
    }

    @Override
    public String toString() {
        return "TemporalRun{" + runId + "}";
    }
}
