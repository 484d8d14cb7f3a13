// SPDX-License-Identifier: Apache-2.0
package org.openagention.tools;

import java.util.Objects;
import org.openagention.core.tool.ToolCall;

/**
 * The person (or service acting for one) who decides the calls an {@link ApprovalPolicy} asks
 * about.
 *
 * <p>Called on the thread running the tool call; it may block while a person decides (read-only
 * calls of one turn run in parallel, so it may be called concurrently). An exception or an
 * interrupt counts as a denial.
 *
 * <pre>{@code
 * Approver console = request -> {
 *     System.out.println("Allow " + request.call().name() + " " + request.call().argumentsJson() + "? [y/N]");
 *     return "y".equals(new Scanner(System.in).nextLine()) ? Approver.Answer.approve("approved at the console")
 *             : Approver.Answer.deny("declined at the console");
 * };
 * }</pre>
 */
@FunctionalInterface
public interface Approver {

    /** Decides one call. */
    Answer decide(Request request) throws Exception;

    /** Who decides, as named in {@link org.openagention.core.AgentEvent.ApprovalDecided#decidedBy()}. */
    default String name() {
        return "person";
    }

    /**
     * An approver for when no person is there: denies every call it is asked about, saying that no
     * one could approve it. The safe default for unattended runs.
     */
    static Approver nobody() {
        return new Approver() {
            @Override
            public Answer decide(Request request) {
                return Answer.deny("no person is available to approve it (the policy asks for approval of this"
                        + " call under rule '" + request.rule() + "'), so it was denied");
            }

            @Override
            public String name() {
                return "nobody";
            }
        };
    }

    /**
     * An approver that approves everything it is asked about (an explicit "yes to all"; rules
     * that deny still deny).
     */
    static Approver approveAll() {
        return new Approver() {
            @Override
            public Answer decide(Request request) {
                return Answer.approve("approved by approve-all");
            }

            @Override
            public String name() {
                return "approve-all";
            }
        };
    }

    /**
     * A call waiting for a decision.
     *
     * @param runId the run the call belongs to
     * @param turn the turn that asked for it
     * @param call the call exactly as it would run
     * @param readOnly whether the tool declares that it only reads
     * @param rule the label of the rule that asked (or "default")
     */
    record Request(String runId, int turn, ToolCall call, boolean readOnly, String rule) {
        public Request {
            Objects.requireNonNull(runId, "runId");
            Objects.requireNonNull(call, "call");
            Objects.requireNonNull(rule, "rule");
        }
    }

    /** A decision and the reason for it (a denial's reason goes back to the model). */
    record Answer(boolean approved, String reason) {
        public Answer {
            Objects.requireNonNull(reason, "reason");
        }

        public static Answer approve(String reason) {
            return new Answer(true, reason);
        }

        public static Answer deny(String reason) {
            return new Answer(false, reason);
        }
    }
}
