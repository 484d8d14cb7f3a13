// SPDX-License-Identifier: Apache-2.0
package org.openagention.temporal;

import java.util.Objects;

/**
 * A tool call of a Temporal agent run that waits for a person's decision
 * ({@link TemporalRun#approve} or {@link TemporalRun#deny}).
 *
 * @param callId the call's id, the key of the decision
 * @param tool the tool's name
 * @param argumentsJson the arguments exactly as the call would run with them
 * @param rule the label of the approval rule that asked
 * @param turn the turn that asked for the call
 * @param askedAtMillis when the run started waiting, in workflow time (epoch milliseconds)
 */
public record PendingApproval(String callId, String tool, String argumentsJson, String rule, int turn,
        long askedAtMillis) {
    public PendingApproval {
        Objects.requireNonNull(callId, "callId");
        Objects.requireNonNull(tool, "tool");
        Objects.requireNonNull(argumentsJson, "argumentsJson");
        Objects.requireNonNull(rule, "rule");
    }
}
