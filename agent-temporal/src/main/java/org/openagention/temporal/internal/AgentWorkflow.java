// SPDX-License-Identifier: Apache-2.0
package org.openagention.temporal.internal;

import io.temporal.workflow.QueryMethod;
import io.temporal.workflow.SignalMethod;
import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;
import java.util.List;
import org.openagention.temporal.PendingApproval;

/**
 * One agent run as a Temporal workflow. The names are part of the wire contract between clients
 * and workers of different versions: do not rename them.
 */
@WorkflowInterface
public interface AgentWorkflow {

    /** Runs the agent; returns the run's {@code RunResult} as JSON. */
    @WorkflowMethod(name = "openagention.AgentRun")
    String run(RunInput input);

    /** A decision on a call the approval policy asked about. */
    @SignalMethod(name = "approve")
    void approve(ApprovalSignal decision);

    /** The run's journal so far: facts and step results, as a local journal holds them. */
    @QueryMethod(name = "journal")
    List<JournalRow> journal();

    /**
     * The run's {@code RunResult} as JSON once it ended, else null. A cancelled workflow ends as
     * cancelled in Temporal whatever it returns, so a client reads a cancelled run's result here.
     */
    @QueryMethod(name = "result")
    String result();

    /** The calls waiting for a decision. */
    @QueryMethod(name = "pendingApprovals")
    List<PendingApproval> pendingApprovals();
}
