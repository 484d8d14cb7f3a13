// SPDX-License-Identifier: Apache-2.0
package org.openagention.temporal.internal;

import io.temporal.failure.ApplicationFailure;
import io.temporal.workflow.CancellationScope;
import io.temporal.workflow.Workflow;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import org.openagention.core.AgentLoop;
import org.openagention.core.Limits;
import org.openagention.core.RunOptions;
import org.openagention.core.RunResult;
import org.openagention.temporal.PendingApproval;

/**
 * The agent loop as workflow code. The loop is the same {@link AgentLoop} a local run uses: the
 * workflow builds it from the agent registered under the run's name and hands it a
 * {@link TemporalSteps} executor, so every model and tool call becomes an activity and every
 * decision the loop takes (limits, the order of calls, when to stop) is replayed from history.
 *
 * <p>One instance per workflow execution (Temporal calls the factory for each).
 */
public final class AgentWorkflowImpl implements AgentWorkflow {
    /** The failure type of a graph task's attempt whose host stopped picking up its tool calls. */
    public static final String HOST_LOST = "HostLost";

    private final AgentRegistry agents;
    private RunJournal journal;
    private WorkflowApprovals approvals;
    private String result;
    /** Decisions that arrived before the run set up its approval gate. */
    private final java.util.List<ApprovalSignal> early = new java.util.ArrayList<>();

    public AgentWorkflowImpl(AgentRegistry agents) {
        this.agents = agents;
    }

    @Override
    public String run(RunInput in) {
        AgentRegistry.Registered registered = agents.get(in.agentName());
        journal = new RunJournal(in.runId());
        if (registered.approvals() != null) {
            approvals = new WorkflowApprovals(registered.approvals(), registered.agent().tools(), journal);
            early.forEach(approvals::decide);
        }
        TemporalSteps steps = new TemporalSteps(in.agentName(), in.steps(), journal, approvals, CancellationScope.current(),
                in.place());
        RunOptions options = RunOptions.builder()
                .runId(in.runId())
                .stepExecutor(runId -> steps)
                .clock(WORKFLOW_CLOCK)
                .limits(limits(in))
                .streaming(in.streaming())
                .build();
        long started = Workflow.currentTimeMillis();
        AgentLoop loop = registered.agent().start(in.input(), options);
        steps.onCancel(loop::cancel);
        RunResult r = loop.run();
        if (steps.hostLost() != null) {
            throw ApplicationFailure.newNonRetryableFailure(steps.hostLost(), HOST_LOST);
        }
        // The loop measures its elapsed time on this process's clock, which restarts when another
        // worker replays the run; the run's real duration is in workflow time.
        result = new RunResult(r.runId(), r.finalText(), r.stopReason(), r.detail(), r.transcript(), r.turns(), r.usage(),
                r.costUsd(), Duration.ofMillis(Workflow.currentTimeMillis() - started)).toJson();
        return result;
    }

    private static Limits limits(RunInput in) {
        return Limits.builder().maxTurns(in.maxTurns()).maxTokens(in.maxTokens()).maxCostUsd(in.maxCostUsd())
                .timeout(Duration.ofMillis(in.timeoutMillis()))
                .maxConsecutiveToolErrors(in.maxConsecutiveToolErrors()).maxRepeatedCalls(in.maxRepeatedCalls())
                .build();
    }

    @Override
    public void approve(ApprovalSignal decision) {
        if (approvals != null) {
            approvals.decide(decision);
        } else {
            early.add(decision);
        }
    }

    @Override
    public List<JournalRow> journal() {
        return journal == null ? List.of() : journal.rows();
    }

    @Override
    public String result() {
        return result;
    }

    @Override
    public List<PendingApproval> pendingApprovals() {
        return approvals == null ? List.of() : approvals.pending();
    }

    /** Workflow time as a clock: event times and the loop's time-limit arithmetic. */
    static final Clock WORKFLOW_CLOCK = new Clock() {
        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            throw new UnsupportedOperationException("workflow time is kept in UTC");
        }

        @Override
        public Instant instant() {
            return Instant.ofEpochMilli(Workflow.currentTimeMillis());
        }
    };
}
