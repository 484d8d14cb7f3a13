// SPDX-License-Identifier: Apache-2.0
package org.openagention.temporal.internal;

import io.temporal.workflow.Workflow;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.openagention.core.journal.Step;
import org.openagention.core.tool.Tool;
import org.openagention.core.tool.ToolCall;
import org.openagention.core.tool.ToolResult;
import org.openagention.temporal.Approvals;
import org.openagention.temporal.PendingApproval;
import org.openagention.tools.ApprovalPolicy;

/**
 * The approval gate of one agent workflow: decides each tool call by the policy before its
 * activity is scheduled; a call the policy asks about waits for the {@code approve} signal with
 * {@code Workflow.await}, a durable wait that costs nothing while it lasts and survives worker
 * restarts. Workflow code only.
 */
final class WorkflowApprovals {
    private final Approvals approvals;
    private final List<Tool> tools;
    private final RunJournal journal;
    private final Map<String, ApprovalSignal> decisions = new HashMap<>();
    private final Map<String, PendingApproval> pending = new LinkedHashMap<>();

    WorkflowApprovals(Approvals approvals, List<Tool> tools, RunJournal journal) {
        this.approvals = approvals;
        this.tools = tools;
        this.journal = journal;
    }

    /** Keeps a decision (a signal may arrive before the call is asked about; the first one counts). */
    void decide(ApprovalSignal decision) {
        decisions.putIfAbsent(decision.callId(), decision);
    }

    List<PendingApproval> pending() {
        return new ArrayList<>(pending.values());
    }

    /**
     * The denial to return instead of running the call, or empty when it may run. Blocks the
     * calling workflow thread while a person decides; a cancelled wait throws {@code CanceledFailure}.
     */
    Optional<ToolResult> check(Step.ToolCall step) {
        ToolCall call = step.call();
        Tool tool = tools.stream().filter(t -> t.spec().name().equals(call.name())).findFirst().orElse(null);
        if (tool == null) {
            return Optional.empty(); // the registry answers an unknown tool with an error result
        }
        ApprovalPolicy.Verdict verdict = approvals.policy().decide(tool, call);
        switch (verdict.decision()) {
            case ALLOW:
                return Optional.empty();
            case DENY:
                return Optional.of(decided(call, false, "the approval policy", "denied by rule '" + verdict.rule() + "'"));
            default:
                break;
        }
        pending.put(call.id(), new PendingApproval(call.id(), call.name(), call.argumentsJson(), verdict.rule(),
                step.turn(), Workflow.currentTimeMillis()));
        journal.add(ApprovalFacts.CODEC, "", new ApprovalFacts.Requested(call.id(), call.name(), call.argumentsJson(),
                verdict.rule()));
        boolean answered;
        try {
            answered = Workflow.await(approvals.timeout(), () -> decisions.containsKey(call.id()));
        } finally {
            pending.remove(call.id());
        }
        if (!answered) {
            String reason = "no decision within " + approvals.timeout() + " (rule '" + verdict.rule() + "')";
            return approvals.allowOnTimeout() ? allowed(call, reason) : Optional.of(decided(call, false, "timeout", reason));
        }
        ApprovalSignal d = decisions.get(call.id());
        return d.approved() ? allowed(call, d.reason(), d.by()) : Optional.of(decided(call, false, d.by(), d.reason()));
    }

    private Optional<ToolResult> allowed(ToolCall call, String reason) {
        return allowed(call, reason, "timeout");
    }

    private Optional<ToolResult> allowed(ToolCall call, String reason, String by) {
        journal.add(ApprovalFacts.CODEC, "", new ApprovalFacts.Decided(call.id(), true, by, reason));
        return Optional.empty();
    }

    private ToolResult decided(ToolCall call, boolean approved, String by, String reason) {
        journal.add(ApprovalFacts.CODEC, "", new ApprovalFacts.Decided(call.id(), approved, by, reason));
        return ToolResult.error(ToolResult.ErrorKind.DENIED, "The call to " + call.name() + " was not run: " + by
                + " refused it (" + reason + "). Do not repeat it; choose another way to make progress, or explain"
                + " to the user what you need.");
    }
}
