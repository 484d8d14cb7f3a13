// SPDX-License-Identifier: Apache-2.0
package org.openagention.core;

import java.time.Duration;
import java.util.Objects;

/**
 * When a run must stop even though the model has not finished. Each limit ends the run with its
 * own {@link StopReason}.
 *
 * <p>Immutable; a zero or negative budget means "no limit" for tokens and cost. Defaults: 50
 * turns, no token, cost or time budget, 5 consecutive tool errors, 3 identical calls in a row.
 * Limits are given per run, in {@link RunOptions}.
 *
 * <p>What the budgets guarantee:
 * <ul>
 *   <li><b>Tokens</b> are checked before each call: the run stops with
 *       {@link StopReason#TOKEN_BUDGET} when the tokens spent, plus an estimate of the request's
 *       input tokens (a character-ratio estimate for the model's tokenizer family), plus the
 *       agent's output cap ({@link Agent.Builder#maxOutputTokens}) would pass the budget. The
 *       provider's own count may differ from the estimate, so a run can still end a little over
 *       budget; with no output cap set (0, the model's default) the output of the last call is not
 *       foreseen at all. Set an output cap for a budget that holds.</li>
 *   <li><b>Cost</b> is checked before each call against what was spent: the last call may take
 *       the run past it.</li>
 *   <li><b>Time</b> counts from the run's first start (a resumed run keeps it): a call in
 *       progress is interrupted when it passes, and a run resumed after its time is up stops at
 *       once.</li>
 * </ul>
 */
public final class Limits {
    private final int maxTurns;
    private final long maxTokens;
    private final double maxCostUsd;
    private final Duration timeout;
    private final int maxConsecutiveToolErrors;
    private final int maxRepeatedCalls;

    private Limits(Builder b) {
        this.maxTurns = b.maxTurns;
        this.maxTokens = b.maxTokens;
        this.maxCostUsd = b.maxCostUsd;
        this.timeout = b.timeout;
        this.maxConsecutiveToolErrors = b.maxConsecutiveToolErrors;
        this.maxRepeatedCalls = b.maxRepeatedCalls;
    }

    public static Limits defaults() {
        return builder().build();
    }

    public static Builder builder() {
        return new Builder();
    }

    public Builder toBuilder() {
        Builder b = new Builder();
        b.maxTurns = maxTurns;
        b.maxTokens = maxTokens;
        b.maxCostUsd = maxCostUsd;
        b.timeout = timeout;
        b.maxConsecutiveToolErrors = maxConsecutiveToolErrors;
        b.maxRepeatedCalls = maxRepeatedCalls;
        return b;
    }

    /** The most model calls a run makes. */
    public int maxTurns() {
        return maxTurns;
    }

    /**
     * The most tokens (input, output and cache) a run spends, checked against an estimate before
     * each call (see the class comment); 0 for no limit.
     */
    public long maxTokens() {
        return maxTokens;
    }

    /** The most dollars a run spends, priced by the agent's price table; 0 for no limit. */
    public double maxCostUsd() {
        return maxCostUsd;
    }

    /** The longest a run may take; {@link Duration#ZERO} for no limit. */
    public Duration timeout() {
        return timeout;
    }

    /** How many tool calls in a row may fail before the run stops. */
    public int maxConsecutiveToolErrors() {
        return maxConsecutiveToolErrors;
    }

    /** How many times in a row the model may make the identical call before the run stops. */
    public int maxRepeatedCalls() {
        return maxRepeatedCalls;
    }

    @Override
    public String toString() {
        return "Limits{maxTurns=" + maxTurns + ", maxTokens=" + maxTokens + ", maxCostUsd=" + maxCostUsd
                + ", timeout=" + timeout + ", maxConsecutiveToolErrors=" + maxConsecutiveToolErrors
                + ", maxRepeatedCalls=" + maxRepeatedCalls + "}";
    }

    /** Builds {@link Limits}; each setter checks its argument. Not thread-safe. */
    public static final class Builder {
        private int maxTurns = 50;
        private long maxTokens;
        private double maxCostUsd;
        private Duration timeout = Duration.ZERO;
        private int maxConsecutiveToolErrors = 5;
        private int maxRepeatedCalls = 3;

        private Builder() {}

        public Builder maxTurns(int maxTurns) {
            if (maxTurns < 1) {
                throw new IllegalArgumentException("maxTurns must be at least 1: " + maxTurns);
            }
            this.maxTurns = maxTurns;
            return this;
        }

        public Builder maxTokens(long maxTokens) {
            this.maxTokens = Math.max(0, maxTokens);
            return this;
        }

        public Builder maxCostUsd(double maxCostUsd) {
            if (Double.isNaN(maxCostUsd)) {
                throw new IllegalArgumentException("maxCostUsd is NaN");
            }
            this.maxCostUsd = Math.max(0, maxCostUsd);
            return this;
        }

        public Builder timeout(Duration timeout) {
            Objects.requireNonNull(timeout, "timeout");
            if (timeout.isNegative()) {
                throw new IllegalArgumentException("timeout cannot be negative: " + timeout);
            }
            this.timeout = timeout;
            return this;
        }

        public Builder maxConsecutiveToolErrors(int n) {
            if (n < 1) {
                throw new IllegalArgumentException("maxConsecutiveToolErrors must be at least 1: " + n);
            }
            this.maxConsecutiveToolErrors = n;
            return this;
        }

        public Builder maxRepeatedCalls(int n) {
            if (n < 2) {
                throw new IllegalArgumentException("maxRepeatedCalls must be at least 2: " + n);
            }
            this.maxRepeatedCalls = n;
            return this;
        }

        public Limits build() {
            return new Limits(this);
        }
    }
}
