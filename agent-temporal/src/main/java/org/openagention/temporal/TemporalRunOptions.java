// SPDX-License-Identifier: Apache-2.0
package org.openagention.temporal;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import org.openagention.core.Limits;
import org.openagention.core.RetryPolicy;
import org.openagention.core.RunOptions;
import org.openagention.temporal.internal.RunInput;
import org.openagention.temporal.internal.StepSettings;

/**
 * How one agent run executes on Temporal: its id (the workflow id), its limits, whether model
 * responses stream, and how its steps run as activities (timeouts, heartbeat timeout, retries).
 * Everything here travels with the run in its workflow history, so every worker that replays the
 * run uses the same values.
 *
 * <pre>{@code
 * TemporalRunOptions options = TemporalRunOptions.builder()
 *         .runId("fix-issue-42")
 *         .limits(Limits.builder().maxTurns(30).timeout(Duration.ofHours(2)).build())
 *         .retry(RetryPolicy.builder().maxAttempts(5).build())
 *         .build();
 * }</pre>
 *
 * <p>Immutable and thread-safe. Defaults: a fresh run id, {@link Limits#defaults()}, no streaming,
 * a model call timeout of 10 minutes, a tool call timeout of 30 minutes, a heartbeat timeout of 30
 * seconds, {@link RetryPolicy#defaults()} for model and tool activities.
 */
public final class TemporalRunOptions {
    private final String runId;
    private final Limits limits;
    private final boolean streaming;
    private final Duration modelCallTimeout;
    private final Duration toolCallTimeout;
    private final Duration heartbeatTimeout;
    private final RetryPolicy retry;

    private TemporalRunOptions(Builder b) {
        this.runId = b.runId;
        this.limits = b.limits;
        this.streaming = b.streaming;
        this.modelCallTimeout = b.modelCallTimeout;
        this.toolCallTimeout = b.toolCallTimeout;
        this.heartbeatTimeout = b.heartbeatTimeout;
        this.retry = b.retry;
    }

    public static TemporalRunOptions defaults() {
        return builder().build();
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The run id the caller chose; empty when each run gets a fresh one. */
    public Optional<String> runId() {
        return Optional.ofNullable(runId);
    }

    public Limits limits() {
        return limits;
    }

    public boolean streaming() {
        return streaming;
    }

    /** The most one attempt of a model call may take (Temporal's start-to-close timeout). */
    public Duration modelCallTimeout() {
        return modelCallTimeout;
    }

    /** The most one attempt of a tool call may take. */
    public Duration toolCallTimeout() {
        return toolCallTimeout;
    }

    /** How long a step's worker may go silent before Temporal counts the attempt as lost. */
    public Duration heartbeatTimeout() {
        return heartbeatTimeout;
    }

    /** Retries of a failed model or tool activity (a lost worker, a provider error that may pass). */
    public RetryPolicy retry() {
        return retry;
    }

    RunInput toInput(String agentName, String input, String id) {
        return new RunInput(agentName, input, id, limits.maxTurns(), limits.maxTokens(), limits.maxCostUsd(),
                limits.timeout().toMillis(), limits.maxConsecutiveToolErrors(), limits.maxRepeatedCalls(), streaming,
                new StepSettings(modelCallTimeout.toMillis(), toolCallTimeout.toMillis(), heartbeatTimeout.toMillis(),
                        retry.maxAttempts(), retry.initialBackoff().toMillis(), Math.max(1, retry.multiplier()),
                        retry.maxBackoff().toMillis()), null);
    }

    /** Builds {@link TemporalRunOptions}; each setter checks its argument. Not thread-safe. */
    public static final class Builder {
        private String runId;
        private Limits limits = Limits.defaults();
        private boolean streaming;
        private Duration modelCallTimeout = Duration.ofMinutes(10);
        private Duration toolCallTimeout = Duration.ofMinutes(30);
        private Duration heartbeatTimeout = Duration.ofSeconds(30);
        private RetryPolicy retry = RetryPolicy.defaults();

        private Builder() {}

        /** The run's id, which is also its workflow id; the same rules as {@link RunOptions.Builder#runId}. */
        public Builder runId(String runId) {
            RunOptions.builder().runId(runId); // the one place run ids are checked
            this.runId = runId;
            return this;
        }

        public Builder limits(Limits limits) {
            this.limits = Objects.requireNonNull(limits, "limits");
            return this;
        }

        public Builder streaming(boolean streaming) {
            this.streaming = streaming;
            return this;
        }

        public Builder modelCallTimeout(Duration timeout) {
            this.modelCallTimeout = positive(timeout, "modelCallTimeout");
            return this;
        }

        public Builder toolCallTimeout(Duration timeout) {
            this.toolCallTimeout = positive(timeout, "toolCallTimeout");
            return this;
        }

        public Builder heartbeatTimeout(Duration timeout) {
            this.heartbeatTimeout = positive(timeout, "heartbeatTimeout");
            return this;
        }

        public Builder retry(RetryPolicy retry) {
            this.retry = Objects.requireNonNull(retry, "retry");
            return this;
        }

        public TemporalRunOptions build() {
            return new TemporalRunOptions(this);
        }

        private static Duration positive(Duration d, String what) {
            Objects.requireNonNull(d, what);
            if (d.isNegative() || d.isZero() || d.toMillis() == 0) {
                throw new IllegalArgumentException(what + " must be at least a millisecond: " + d);
            }
            return d;
        }
    }
}
