// SPDX-License-Identifier: Apache-2.0
package org.openagention.tools;

import java.time.Clock;
import org.openagention.core.AgentEvent;
import org.openagention.core.tool.ToolCall;
import org.openagention.core.tool.ToolContext;
import org.openagention.core.tool.ToolInterceptor;
import org.openagention.core.tool.ToolResult;

/** An {@link ApprovalPolicy} applied to tool calls; see {@link ApprovalPolicy#asInterceptor}. */
final class ApprovalInterceptor implements ToolInterceptor {
    private final ApprovalPolicy policy;
    private final Approver approver;
    private final Clock clock;

    ApprovalInterceptor(ApprovalPolicy policy, Approver approver, Clock clock) {
        this.policy = policy;
        this.approver = approver;
        this.clock = clock;
    }

    @Override
    public ToolResult intercept(Chain chain) throws Exception {
        ToolCall call = chain.call();
        ToolContext context = chain.context();
        ApprovalPolicy.Verdict verdict = policy.decide(chain.tool(), call);
        switch (verdict.decision()) {
            case ALLOW -> {
                publish(context, call, true, "policy", "allowed by rule '" + verdict.rule() + "'");
                return chain.proceed(call);
            }
            case DENY -> {
                String reason = "denied by rule '" + verdict.rule() + "'";
                publish(context, call, false, "policy", reason);
                return denial(call, "the approval policy", reason);
            }
            default -> {
                Approver.Answer answer = ask(context, call, chain.tool().readOnly(), verdict.rule());
                publish(context, call, answer.approved(), approver.name(), answer.reason());
                if (answer.approved()) {
                    return chain.proceed(call);
                }
                return denial(call, approver.name(), answer.reason());
            }
        }
    }

    private Approver.Answer ask(ToolContext context, ToolCall call, boolean readOnly, String rule) {
        try {
            Approver.Answer answer = approver.decide(new Approver.Request(context.runId(), context.turn(), call,
                    readOnly, rule));
            return answer != null ? answer : Approver.Answer.deny("the approver gave no answer");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Approver.Answer.deny("interrupted while waiting for approval");
        } catch (Exception e) {
            return Approver.Answer.deny("the approver failed (" + e + "), so the call was denied");
        }
    }

    private static ToolResult denial(ToolCall call, String by, String reason) {
        return ToolResult.error(ToolResult.ErrorKind.DENIED, "The call to " + call.name() + " was not run: " + by
                + " refused it (" + reason + "). Do not repeat it; choose another way to make progress, or explain"
                + " to the user what you need.");
    }

    private void publish(ToolContext context, ToolCall call, boolean approved, String by, String reason) {
        context.publish(new AgentEvent.ApprovalDecided(context.runId(), clock.instant(), call, approved, by, reason));
    }
}
