package org.openagention.orchestration;

import java.time.Duration;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;

/**
 * How often a task is tried and how long to wait between tries: at most {@link #maxAttempts()}
 * attempts, an exponential backoff from {@link #initialBackoff()} by {@link #multiplier()} up to
 * {@link #maxBackoff()}, and only for the {@link FailureKind}s in {@link #retryOn()}. A retry's
 * prompt starts with the previous attempt's failure.
 *
 * <pre>{@code
 * RetryPolicy p = RetryPolicy.builder().maxAttempts(3).initialBackoff(Duration.ofSeconds(2))
 *         .retryOn(FailureKind.CHECK_FAILED).build();
 * }</pre>
 *
 * Immutable; validated when built. {@link FailureKind#BUDGET_SPENT}, {@link FailureKind#LANE_UNAVAILABLE}
 * and {@link FailureKind#MERGE_FAILED} are never retried.
 */
public final class RetryPolicy {
    private static final RetryPolicy DEFAULTS = builder().build();
    private static final RetryPolicy NONE = builder().maxAttempts(1).build();

    private final int maxAttempts;
    private final Duration initialBackoff;
    private final double multiplier;
    private final Duration maxBackoff;
    private final Set<FailureKind> retryOn;

    private RetryPolicy(Builder b) {
        this.maxAttempts = b.maxAttempts;
        this.initialBackoff = b.initialBackoff;
        this.multiplier = b.multiplier;
        this.maxBackoff = b.maxBackoff;
        EnumSet<FailureKind> kinds = b.retryOn.isEmpty() ? EnumSet.noneOf(FailureKind.class) : EnumSet.copyOf(b.retryOn);
        kinds.remove(FailureKind.BUDGET_SPENT);
        kinds.remove(FailureKind.LANE_UNAVAILABLE);
        kinds.remove(FailureKind.MERGE_FAILED);
        this.retryOn = Set.copyOf(kinds);
    }

    /** 3 attempts, 1 s backoff doubling up to 30 s, retrying failed checks, stopped workers and errors. */
    public static RetryPolicy defaults() {
        return DEFAULTS;
    }

    /** One attempt, no retry. */
    public static RetryPolicy none() {
        return NONE;
    }

    public static Builder builder() {
        return new Builder();
    }

    public Builder toBuilder() {
        Builder b = new Builder();
        b.maxAttempts = maxAttempts;
        b.initialBackoff = initialBackoff;
        b.multiplier = multiplier;
        b.maxBackoff = maxBackoff;
        b.retryOn = EnumSet.noneOf(FailureKind.class);
        b.retryOn.addAll(retryOn);
        return b;
    }

    public int maxAttempts() {
        return maxAttempts;
    }

    public Duration initialBackoff() {
        return initialBackoff;
    }

    public double multiplier() {
        return multiplier;
    }

    public Duration maxBackoff() {
        return maxBackoff;
    }

    public Set<FailureKind> retryOn() {
        return retryOn;
    }

    /** Whether a failure of {@code kind} after attempt {@code attempt} (from 1) is tried again. */
    public boolean retries(FailureKind kind, int attempt) {
        return attempt < maxAttempts && retryOn.contains(kind);
    }

    /** How long to wait before attempt {@code attempt} (from 2). */
    public Duration backoffBefore(int attempt) {
        if (attempt <= 1 || initialBackoff.isZero()) {
            return Duration.ZERO;
        }
        double nanos = initialBackoff.toNanos() * Math.pow(multiplier, attempt - 2);
        return nanos >= maxBackoff.toNanos() ? maxBackoff : Duration.ofNanos((long) nanos);
    }

    @Override
    public String toString() {
        return "RetryPolicy{maxAttempts=" + maxAttempts + ", initialBackoff=" + initialBackoff + ", multiplier="
                + multiplier + ", maxBackoff=" + maxBackoff + ", retryOn=" + retryOn + "}";
    }

    /** Builds a {@link RetryPolicy}; every setter checks its argument. Not thread-safe. */
    public static final class Builder {
        private int maxAttempts = 3;
        private Duration initialBackoff = Duration.ofSeconds(1);
        private double multiplier = 2;
        private Duration maxBackoff = Duration.ofSeconds(30);
        private EnumSet<FailureKind> retryOn = EnumSet.of(FailureKind.CHECK_FAILED, FailureKind.WORKER_STOPPED,
                FailureKind.WORKER_ERROR);

        private Builder() {}

        /** Attempts in all, the first included; at least 1. */
        public Builder maxAttempts(int maxAttempts) {
            if (maxAttempts < 1) {
                throw new IllegalArgumentException("maxAttempts must be at least 1: " + maxAttempts);
            }
            this.maxAttempts = maxAttempts;
            return this;
        }

        /** The wait before the second attempt; zero for none. */
        public Builder initialBackoff(Duration backoff) {
            Objects.requireNonNull(backoff, "backoff");
            if (backoff.isNegative()) {
                throw new IllegalArgumentException("initialBackoff cannot be negative: " + backoff);
            }
            this.initialBackoff = backoff;
            return this;
        }

        /** The factor the wait grows by after each attempt; at least 1. */
        public Builder multiplier(double multiplier) {
            if (!(multiplier >= 1)) {
                throw new IllegalArgumentException("multiplier must be at least 1: " + multiplier);
            }
            this.multiplier = multiplier;
            return this;
        }

        public Builder maxBackoff(Duration maxBackoff) {
            Objects.requireNonNull(maxBackoff, "maxBackoff");
            if (maxBackoff.isNegative()) {
                throw new IllegalArgumentException("maxBackoff cannot be negative: " + maxBackoff);
            }
            this.maxBackoff = maxBackoff;
            return this;
        }

        /** The failures that are retried, replacing the default set. */
        public Builder retryOn(FailureKind... kinds) {
            this.retryOn = EnumSet.noneOf(FailureKind.class);
            for (FailureKind k : kinds) {
                this.retryOn.add(Objects.requireNonNull(k, "kind"));
            }
            return this;
        }

        /**
         * @throws IllegalArgumentException when maxBackoff is shorter than initialBackoff
         */
        public RetryPolicy build() {
            if (maxBackoff.compareTo(initialBackoff) < 0) {
                throw new IllegalArgumentException("maxBackoff " + maxBackoff + " is shorter than initialBackoff "
                        + initialBackoff);
            }
            return new RetryPolicy(this);
        }
    }
}
