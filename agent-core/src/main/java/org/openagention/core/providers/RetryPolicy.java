package org.openagention.core.providers;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.DoubleSupplier;

/**
 * How a provider call is retried: how many attempts, and how long to wait between them.
 *
 * <p>The built-in providers retry on HTTP 408, 409, 429, 5xx and 529 and on I/O errors, unless
 * the provider says {@code x-should-retry: false} (and always when it says {@code true}). They
 * wait what the provider asked for ({@code retry-after-ms}, then {@code Retry-After} in seconds or
 * as an HTTP date) when that is at most {@link #maxServerDelay()}; a longer request is not waited
 * out: the error surfaces at once. Otherwise they back off exponentially with full jitter: a
 * random delay between 0 and {@code min(maxBackoff, initialBackoff * 2^(retry-1))}. A stream that
 * has already delivered content to the caller is never retried.
 *
 * <p>Immutable and thread-safe. The builder validates every value and is not thread-safe.
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
    private final Duration maxBackoff;
    private final Duration maxServerDelay;
    private final DoubleSupplier random;

    private RetryPolicy(Builder b) {
        this.maxAttempts = b.maxAttempts;
        this.initialBackoff = b.initialBackoff;
        this.maxBackoff = b.maxBackoff;
        this.maxServerDelay = b.maxServerDelay;
        this.random = b.random;
    }

    /** Three attempts, 500 ms initial backoff, 8 s cap, server delays honoured up to 60 s. */
    public static RetryPolicy defaults() {
        return DEFAULTS;
    }

    /** One attempt: never retry. */
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
        b.maxBackoff = maxBackoff;
        b.maxServerDelay = maxServerDelay;
        b.random = random;
        return b;
    }

    /** The total number of attempts, the first included; 1 means no retry. */
    public int maxAttempts() {
        return maxAttempts;
    }

    public Duration initialBackoff() {
        return initialBackoff;
    }

    public Duration maxBackoff() {
        return maxBackoff;
    }

    /** The longest server-requested delay that is waited out before retrying. */
    public Duration maxServerDelay() {
        return maxServerDelay;
    }

    /**
     * The jittered delay before retry number {@code retry} (1 for the first retry), when the
     * provider did not say how long to wait.
     */
    public Duration backoff(int retry) {
        if (retry < 1) {
            throw new IllegalArgumentException("retry counts from 1: " + retry);
        }
        long initial = initialBackoff.toNanos();
        long cap = maxBackoff.toNanos();
        int shift = Math.min(retry - 1, 40);
        long ceiling = initial > (cap >> shift) ? cap : initial << shift;
        return Duration.ofNanos((long) (ceiling * random.getAsDouble()));
    }

    @Override
    public String toString() {
        return "RetryPolicy{maxAttempts=" + maxAttempts + ", initialBackoff=" + initialBackoff + ", maxBackoff="
                + maxBackoff + ", maxServerDelay=" + maxServerDelay + "}";
    }

    /** Builds a {@link RetryPolicy}; every setter rejects a bad value at once. Not thread-safe. */
    public static final class Builder {
        private int maxAttempts = 3;
        private Duration initialBackoff = Duration.ofMillis(500);
        private Duration maxBackoff = Duration.ofSeconds(8);
        private Duration maxServerDelay = Duration.ofSeconds(60);
        private DoubleSupplier random = () -> ThreadLocalRandom.current().nextDouble();

        private Builder() {}

        /** Total attempts including the first, 1 to 100. */
        public Builder maxAttempts(int maxAttempts) {
            if (maxAttempts < 1 || maxAttempts > 100) {
                throw new IllegalArgumentException("maxAttempts must be between 1 and 100 (1 means no retry): "
                        + maxAttempts);
            }
            this.maxAttempts = maxAttempts;
            return this;
        }

        /** The backoff ceiling of the first retry; positive. */
        public Builder initialBackoff(Duration initialBackoff) {
            this.initialBackoff = positive(initialBackoff, "initialBackoff");
            return this;
        }

        /** The cap on any computed backoff; positive. */
        public Builder maxBackoff(Duration maxBackoff) {
            this.maxBackoff = positive(maxBackoff, "maxBackoff");
            return this;
        }

        /** The longest {@code Retry-After} that is waited out; zero or more. */
        public Builder maxServerDelay(Duration maxServerDelay) {
            Objects.requireNonNull(maxServerDelay, "maxServerDelay");
            if (maxServerDelay.isNegative()) {
                throw new IllegalArgumentException("maxServerDelay cannot be negative: " + maxServerDelay);
            }
            this.maxServerDelay = maxServerDelay;
            return this;
        }

        /**
         * The source of jitter: returns values in [0, 1). Defaults to a thread-local random; tests
         * pass a constant to make delays exact.
         */
        public Builder jitter(DoubleSupplier random) {
            this.random = Objects.requireNonNull(random, "random");
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

        private static Duration positive(Duration d, String what) {
            Objects.requireNonNull(d, what);
            if (d.isNegative() || d.isZero()) {
                throw new IllegalArgumentException(what + " must be positive: " + d);
            }
            return d;
        }
    }
}
