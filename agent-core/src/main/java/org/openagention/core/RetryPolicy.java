// SPDX-License-Identifier: Apache-2.0
package org.openagention.core;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.ThreadLocalRandom;

/**
 * How a failed operation is tried again: how many attempts in all, and how long to wait between
 * them. One type for every retry in the library: the built-in model providers retry HTTP calls
 * with it, and the orchestrator retries a task's attempts with it ({@code Task.Builder#retry}).
 *
 * <p>The wait before retry {@code n} (1 for the first retry) is
 * {@code ceiling = min(maxBackoff, initialBackoff * multiplier^(n-1))}, of which the share
 * {@link #jitter()} is random: the wait is uniform between {@code ceiling * (1 - jitter)} and
 * {@code ceiling}. Jitter 1 (the default) is "full jitter", which spreads clients that failed
 * together; 0 waits exactly the ceiling.
 *
 * <p>Which settings apply where:
 * <ul>
 *   <li>{@link #maxAttempts()}, {@link #initialBackoff()}, {@link #multiplier()},
 *       {@link #maxBackoff()}, {@link #jitter()}: everywhere.</li>
 *   <li>{@link #maxServerDelay()}: providers only. When a provider asks for a wait
 *       ({@code retry-after-ms}, {@code Retry-After}) of at most this long, that wait replaces the
 *       backoff; a longer one is not waited out and the error surfaces at once.</li>
 * </ul>
 * What is retried is the user's concern, not the policy's: providers retry HTTP 408, 409, 429,
 * 5xx, 529, I/O errors and connect and idle timeouts (never a stream that already delivered
 * content, and never past the call's request timeout); a task retries the failure kinds its
 * {@code retryOn} names.
 *
 * <p>Immutable and thread-safe, with value equality. The builder validates every value and is not
 * thread-safe.
 *
 * <pre>{@code
 * RetryPolicy retries = RetryPolicy.builder()
 *         .maxAttempts(4)
 *         .initialBackoff(Duration.ofMillis(250))
 *         .maxBackoff(Duration.ofSeconds(10))
 *         .build();
 * }</pre>
 */
public final class RetryPolicy {
    private static final RetryPolicy DEFAULTS = builder().build();
    private static final RetryPolicy NONE = builder().maxAttempts(1).build();

    private final int maxAttempts;
    private final Duration initialBackoff;
    private final double multiplier;
    private final Duration maxBackoff;
    private final double jitter;
    private final Duration maxServerDelay;

    private RetryPolicy(Builder b) {
        this.maxAttempts = b.maxAttempts;
        this.initialBackoff = b.initialBackoff;
        this.multiplier = b.multiplier;
        this.maxBackoff = b.maxBackoff;
        this.jitter = b.jitter;
        this.maxServerDelay = b.maxServerDelay;
    }

    /**
     * Three attempts; backoff from 500 ms doubling up to 8 s, with full jitter; server-requested
     * delays honoured up to 60 s.
     */
    public static RetryPolicy defaults() {
        return DEFAULTS;
    }

    /** One attempt: never retry. */
    public static RetryPolicy none() {
        return NONE;
    }

    /** A builder starting from {@link #defaults()}. */
    public static Builder builder() {
        return new Builder();
    }

    public Builder toBuilder() {
        Builder b = new Builder();
        b.maxAttempts = maxAttempts;
        b.initialBackoff = initialBackoff;
        b.multiplier = multiplier;
        b.maxBackoff = maxBackoff;
        b.jitter = jitter;
        b.maxServerDelay = maxServerDelay;
        return b;
    }

    /** The total number of attempts, the first included; 1 means no retry. */
    public int maxAttempts() {
        return maxAttempts;
    }

    /** The backoff ceiling of the first retry; zero retries at once. */
    public Duration initialBackoff() {
        return initialBackoff;
    }

    /** The factor the ceiling grows by from one retry to the next; at least 1. */
    public double multiplier() {
        return multiplier;
    }

    /** The cap on any computed backoff. */
    public Duration maxBackoff() {
        return maxBackoff;
    }

    /** The random share of each backoff, from 0 (none) to 1 (full jitter). */
    public double jitter() {
        return jitter;
    }

    /** Providers only: the longest server-requested delay that is waited out before retrying. */
    public Duration maxServerDelay() {
        return maxServerDelay;
    }

    /**
     * The wait before retry number {@code retry} (1 for the first retry), jittered, when nothing
     * (such as a provider's {@code Retry-After}) says how long to wait.
     */
    public Duration backoff(int retry) {
        return backoff(retry, ThreadLocalRandom.current().nextDouble());
    }

    /**
     * The wait before retry {@code retry}, as {@link #backoff(int)} with {@code draw} (uniform in
     * {@code [0, 1)}) as its random draw: for callers whose randomness must be reproducible, such
     * as workflow code that is replayed.
     *
     * @throws IllegalArgumentException when {@code retry} is below 1 or {@code draw} is outside {@code [0, 1)}
     */
    public Duration backoff(int retry, double draw) {
        if (retry < 1) {
            throw new IllegalArgumentException("retry counts from 1: " + retry);
        }
        if (!(draw >= 0 && draw < 1)) {
            throw new IllegalArgumentException("the random draw must be in [0, 1): " + draw);
        }
        double ceiling = Math.min(maxBackoff.toNanos(), initialBackoff.toNanos() * Math.pow(multiplier, retry - 1));
        double share = jitter == 0 ? 1 : 1 - jitter * draw;
        return Duration.ofNanos((long) (ceiling * share));
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof RetryPolicy p && maxAttempts == p.maxAttempts && initialBackoff.equals(p.initialBackoff)
                && Double.compare(multiplier, p.multiplier) == 0 && maxBackoff.equals(p.maxBackoff)
                && Double.compare(jitter, p.jitter) == 0 && maxServerDelay.equals(p.maxServerDelay);
    }

    @Override
    public int hashCode() {
        return Objects.hash(maxAttempts, initialBackoff, multiplier, maxBackoff, jitter, maxServerDelay);
    }

    @Override
    public String toString() {
        return "RetryPolicy{maxAttempts=" + maxAttempts + ", initialBackoff=" + initialBackoff + ", multiplier="
                + multiplier + ", maxBackoff=" + maxBackoff + ", jitter=" + jitter + ", maxServerDelay="
                + maxServerDelay + "}";
    }

    /** Builds a {@link RetryPolicy}; every setter rejects a bad value at once. Not thread-safe. */
    public static final class Builder {
        private int maxAttempts = 3;
        private Duration initialBackoff = Duration.ofMillis(500);
        private double multiplier = 2;
        private Duration maxBackoff = Duration.ofSeconds(8);
        private double jitter = 1;
        private Duration maxServerDelay = Duration.ofSeconds(60);

        private Builder() {}

        /** Total attempts including the first, 1 to 100; 1 means no retry. Default 3. */
        public Builder maxAttempts(int maxAttempts) {
            if (maxAttempts < 1 || maxAttempts > 100) {
                throw new IllegalArgumentException("maxAttempts must be between 1 and 100 (1 means no retry): "
                        + maxAttempts);
            }
            this.maxAttempts = maxAttempts;
            return this;
        }

        /** The backoff ceiling of the first retry; zero or more (zero retries at once). Default 500 ms. */
        public Builder initialBackoff(Duration initialBackoff) {
            this.initialBackoff = notNegative(initialBackoff, "initialBackoff");
            return this;
        }

        /** The factor the ceiling grows by per retry; at least 1 (1 keeps it constant). Default 2. */
        public Builder multiplier(double multiplier) {
            if (!(multiplier >= 1) || Double.isInfinite(multiplier)) {
                throw new IllegalArgumentException("multiplier must be a finite number of at least 1: " + multiplier);
            }
            this.multiplier = multiplier;
            return this;
        }

        /** The cap on any computed backoff; zero or more, not below initialBackoff. Default 8 s. */
        public Builder maxBackoff(Duration maxBackoff) {
            this.maxBackoff = notNegative(maxBackoff, "maxBackoff");
            return this;
        }

        /** The random share of each backoff, from 0 (exact waits) to 1 (full jitter, the default). */
        public Builder jitter(double jitter) {
            if (!(jitter >= 0 && jitter <= 1)) {
                throw new IllegalArgumentException("jitter must be between 0 and 1: " + jitter);
            }
            this.jitter = jitter;
            return this;
        }

        /** Providers only: the longest {@code Retry-After} that is waited out; zero or more. Default 60 s. */
        public Builder maxServerDelay(Duration maxServerDelay) {
            this.maxServerDelay = notNegative(maxServerDelay, "maxServerDelay");
            return this;
        }

        /** @throws IllegalArgumentException when maxBackoff is shorter than initialBackoff */
        public RetryPolicy build() {
            if (maxBackoff.compareTo(initialBackoff) < 0) {
                throw new IllegalArgumentException("maxBackoff (" + maxBackoff + ") is shorter than initialBackoff ("
                        + initialBackoff + ")");
            }
            return new RetryPolicy(this);
        }

        private static Duration notNegative(Duration d, String what) {
            Objects.requireNonNull(d, what);
            if (d.isNegative()) {
                throw new IllegalArgumentException(what + " cannot be negative: " + d);
            }
            return d;
        }
    }
}
