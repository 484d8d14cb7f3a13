// SPDX-License-Identifier: Apache-2.0
package org.openagention.core.providers;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import org.openagention.core.model.CircuitOpenException;

/**
 * Fails calls fast while a provider endpoint is down, instead of piling up retries.
 *
 * <p>Each endpoint (a provider URL such as {@code https://api.openai.com/v1/chat/completions})
 * has its own state. It starts {@link State#CLOSED}: calls go through. After
 * {@code failureThreshold} consecutive failed attempts (server errors, overload, timeouts, I/O
 * errors; not client errors such as a bad request or a rate limit) it turns {@link State#OPEN}:
 * calls throw {@link CircuitOpenException} without being sent. Once {@code cooldown} has passed it
 * is {@link State#HALF_OPEN}: one trial call goes through while others still fail fast; its
 * success closes the breaker, its failure opens it for another cooldown.
 *
 * <p>Thread-safe: share one breaker between the models that call the same endpoint. The built-in
 * providers call {@link #acquire}, then {@link #onSuccess} or {@link #onFailure}, around every
 * attempt; other transports may do the same.
 *
 * <pre>{@code
 * CircuitBreaker breaker = CircuitBreaker.builder()
 *         .failureThreshold(5)
 *         .cooldown(Duration.ofSeconds(30))
 *         .build();
 * Model model = OpenAiModel.builder().apiKey(key).model("gpt-4o-mini").circuitBreaker(breaker).build();
 * }</pre>
 */
public final class CircuitBreaker {

    /** The state of one endpoint's breaker. */
    public enum State {
        /** Calls go through. */
        CLOSED,
        /** Calls fail fast until the cooldown ends. */
        OPEN,
        /** One trial call goes through; the others fail fast. */
        HALF_OPEN
    }

    private final int failureThreshold;
    private final Duration cooldown;
    private final Clock clock;
    private final ConcurrentMap<String, Endpoint> endpoints = new ConcurrentHashMap<>();

    private CircuitBreaker(Builder b) {
        this.failureThreshold = b.failureThreshold;
        this.cooldown = b.cooldown;
        this.clock = b.clock;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** A breaker that never opens, for callers that want every call sent. */
    public static CircuitBreaker disabled() {
        return builder().failureThreshold(Integer.MAX_VALUE).build();
    }

    public int failureThreshold() {
        return failureThreshold;
    }

    public Duration cooldown() {
        return cooldown;
    }

    /** The current state of {@code endpoint}'s breaker ({@link State#CLOSED} for an unseen one). */
    public State state(String endpoint) {
        Endpoint e = endpoints.get(endpoint);
        if (e == null) {
            return State.CLOSED;
        }
        synchronized (e) {
            if (e.state == State.OPEN && !clock.instant().isBefore(e.openUntil)) {
                return State.HALF_OPEN;
            }
            return e.state;
        }
    }

    /**
     * Every endpoint this breaker has seen and its current state, sorted by endpoint: what a health
     * check reports. A snapshot; endpoints never called are not in it.
     */
    public Map<String, State> states() {
        Map<String, State> states = new TreeMap<>();
        for (String endpoint : endpoints.keySet()) {
            states.put(endpoint, state(endpoint));
        }
        return Collections.unmodifiableMap(states);
    }

    /**
     * Asks to send one attempt to {@code endpoint}.
     *
     * @throws CircuitOpenException when the breaker is open, or half-open with its trial call
     *     already in flight
     */
    public void acquire(String endpoint) {
        Endpoint e = endpoint(endpoint);
        if (e.state == State.CLOSED) {
            return; // the common case, without a lock
        }
        synchronized (e) {
            if (e.state == State.CLOSED) {
                return;
            }
            Instant now = clock.instant();
            if (e.state == State.OPEN && !now.isBefore(e.openUntil)) {
                e.state = State.HALF_OPEN;
                e.trialInFlight = false;
            }
            if (e.state == State.HALF_OPEN && !e.trialInFlight) {
                e.trialInFlight = true;
                return;
            }
            Duration wait = e.state == State.OPEN ? Duration.between(now, e.openUntil) : Duration.ZERO;
            throw new CircuitOpenException("the circuit breaker for " + endpoint + " is open after "
                    + e.failures + " consecutive failures; not calling it for another " + wait.toMillis()
                    + " ms", wait);
        }
    }

    /** Reports that an attempt acquired for {@code endpoint} succeeded (or failed by the client's fault). */
    public void onSuccess(String endpoint) {
        Endpoint e = endpoint(endpoint);
        if (e.state == State.CLOSED && e.failures == 0) {
            return;
        }
        synchronized (e) {
            e.state = State.CLOSED;
            e.failures = 0;
            e.trialInFlight = false;
        }
    }

    /** Reports that an attempt acquired for {@code endpoint} failed by the provider's fault. */
    public void onFailure(String endpoint) {
        Endpoint e = endpoint(endpoint);
        synchronized (e) {
            e.failures = e.failures == Integer.MAX_VALUE ? e.failures : e.failures + 1;
            if (e.state == State.HALF_OPEN || e.failures >= failureThreshold) {
                e.state = State.OPEN;
                e.openUntil = clock.instant().plus(cooldown);
                e.trialInFlight = false;
            }
        }
    }

    @Override
    public String toString() {
        return "CircuitBreaker{failureThreshold=" + failureThreshold + ", cooldown=" + cooldown + "}";
    }

    private Endpoint endpoint(String endpoint) {
        Endpoint e = endpoints.get(endpoint);
        return e != null ? e : endpoints.computeIfAbsent(endpoint, k -> new Endpoint());
    }

    /** One endpoint's state; written under its lock, read without it on the fast paths. */
    private static final class Endpoint {
        volatile State state = State.CLOSED;
        volatile int failures;
        Instant openUntil = Instant.MIN;
        boolean trialInFlight;
    }

    /** Builds a {@link CircuitBreaker}. Not thread-safe. */
    public static final class Builder {
        private int failureThreshold = 5;
        private Duration cooldown = Duration.ofSeconds(30);
        private Clock clock = Clock.systemUTC();

        private Builder() {}

        /** Consecutive failed attempts that open the breaker; at least 1. Default 5. */
        public Builder failureThreshold(int failureThreshold) {
            if (failureThreshold < 1) {
                throw new IllegalArgumentException("failureThreshold must be at least 1: " + failureThreshold);
            }
            this.failureThreshold = failureThreshold;
            return this;
        }

        /** How long an open breaker fails fast before letting a trial call through; positive. Default 30 s. */
        public Builder cooldown(Duration cooldown) {
            Objects.requireNonNull(cooldown, "cooldown");
            if (cooldown.isNegative() || cooldown.isZero()) {
                throw new IllegalArgumentException("cooldown must be positive: " + cooldown);
            }
            this.cooldown = cooldown;
            return this;
        }

        /** The clock that times the cooldown; tests pass a fake. */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        public CircuitBreaker build() {
            return new CircuitBreaker(this);
        }
    }
}
