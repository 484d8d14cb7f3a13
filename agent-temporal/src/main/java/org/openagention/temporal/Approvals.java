// SPDX-License-Identifier: Apache-2.0
package org.openagention.temporal;

import java.time.Duration;
import java.util.Objects;
import org.openagention.tools.ApprovalPolicy;

/**
 * How a registered agent's tool calls are approved on Temporal: the {@link ApprovalPolicy} decides
 * each call in the workflow; a call it asks about waits, durably, for the {@code approve} signal
 * ({@link TemporalRun#approve}, {@link TemporalRun#deny}) for at most {@link #timeout()}, which
 * may be days: the wait survives worker restarts. When no decision arrives in time the call is
 * denied, or allowed if {@link Builder#allowOnTimeout()} says so.
 *
 * <p>Use this instead of {@code policy.asInterceptor(approver)} on an agent run by Temporal: an
 * interceptor would ask inside the tool's activity, on the worker, where nobody can answer.
 *
 * <pre>{@code
 * agents.register("coder", agent, Approvals.builder(ApprovalPolicy.workspaceWrite())
 *         .timeout(Duration.ofDays(3)).build());
 * }</pre>
 *
 * <p>Immutable and thread-safe.
 */
public final class Approvals {
    private final ApprovalPolicy policy;
    private final Duration timeout;
    private final boolean allowOnTimeout;

    private Approvals(Builder b) {
        this.policy = b.policy;
        this.timeout = b.timeout;
        this.allowOnTimeout = b.allowOnTimeout;
    }

    /** Approvals by {@code policy}, waiting at most a week for each decision and denying after that. */
    public static Approvals of(ApprovalPolicy policy) {
        return builder(policy).build();
    }

    public static Builder builder(ApprovalPolicy policy) {
        return new Builder(policy);
    }

    public ApprovalPolicy policy() {
        return policy;
    }

    /** How long a call waits for a decision. */
    public Duration timeout() {
        return timeout;
    }

    /** Whether a call nobody decided on in time runs (false: it is denied). */
    public boolean allowOnTimeout() {
        return allowOnTimeout;
    }

    /** Builds {@link Approvals}; not thread-safe. */
    public static final class Builder {
        private final ApprovalPolicy policy;
        private Duration timeout = Duration.ofDays(7);
        private boolean allowOnTimeout;

        private Builder(ApprovalPolicy policy) {
            this.policy = Objects.requireNonNull(policy, "policy");
        }

        /** How long a call waits for a decision; positive. Default: 7 days. */
        public Builder timeout(Duration timeout) {
            Objects.requireNonNull(timeout, "timeout");
            if (timeout.isNegative() || timeout.isZero()) {
                throw new IllegalArgumentException("approval timeout must be positive: " + timeout);
            }
            this.timeout = timeout;
            return this;
        }

        /** A call nobody decided on in time runs instead of being denied. */
        public Builder allowOnTimeout() {
            this.allowOnTimeout = true;
            return this;
        }

        public Approvals build() {
            return new Approvals(this);
        }
    }
}
