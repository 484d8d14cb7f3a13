// SPDX-License-Identifier: Apache-2.0
package org.openagention.core.providers;

import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import org.openagention.core.RetryPolicy;
import org.openagention.core.Sleeper;

/**
 * The HTTP settings every built-in provider shares: timeouts, retries, circuit breaker, the clock
 * and sleeper retries use, and the HTTP client. Each provider's builder takes them as one value
 * ({@code http(HttpOptions)}, or {@code http(h -> h...)} to change a few); what differs by provider
 * (API key, base URL, model id, headers) stays on the provider's builder.
 *
 * <p>The three timeouts, and their defaults, chosen for an interactive coding agent:
 * <ul>
 *   <li>{@link #connectTimeout()}, 10 s: opening one connection (TCP and TLS).</li>
 *   <li>{@link #idleTimeout()}, 45 s: the longest silence of the server: before the response
 *       headers of a streamed call, between the bytes of a stream (its events, and keep-alive
 *       pings), and within any body once it has started. A server that accepts a streamed call and
 *       then says nothing is detected in 45 s, not after the request timeout. Raise it for a server
 *       that thinks long before its first token (a reasoning model at high effort without
 *       summaries, a local model on a long prompt).</li>
 *   <li>{@link #requestTimeout()}, 10 min: one whole call ({@code complete} or {@code stream}),
 *       all its attempts and the waits between them included, as OkHttp's call timeout. It is what
 *       bounds a non-streamed call, whose answer arrives only when the model is done.</li>
 * </ul>
 * A connect or idle timeout is retried per the {@link #retryPolicy()} (a stream that delivered
 * content is never retried) while the request timeout leaves time; then the call fails with a
 * {@link org.openagention.core.model.ProviderTimeoutException} that says which timeout fired and
 * after how long. So a silent server costs at most the request timeout, never attempts times it.
 *
 * <p>Immutable and thread-safe; the builder validates every value and is not thread-safe.
 *
 * <pre>{@code
 * Model model = OpenAiModel.builder()
 *         .apiKey(System.getenv("OPENAI_API_KEY"))
 *         .model("gpt-4o-mini")
 *         .http(h -> h.idleTimeout(Duration.ofSeconds(20)).retryPolicy(RetryPolicy.none()))
 *         .build();
 * }</pre>
 */
public final class HttpOptions {
    private static final HttpOptions DEFAULTS = builder().build();

    private final Duration connectTimeout;
    private final Duration idleTimeout;
    private final Duration requestTimeout;
    private final RetryPolicy retryPolicy;
    private final CircuitBreaker circuitBreaker;
    private final Clock clock;
    private final Sleeper sleeper;
    private final HttpClient httpClient;

    private HttpOptions(Builder b) {
        this.connectTimeout = b.connectTimeout;
        this.idleTimeout = b.idleTimeout;
        this.requestTimeout = b.requestTimeout;
        this.retryPolicy = b.retryPolicy;
        this.circuitBreaker = b.circuitBreaker;
        this.clock = b.clock;
        this.sleeper = b.sleeper;
        this.httpClient = b.httpClient;
    }

    /** Connect 10 s, idle 45 s, request 10 min, {@link RetryPolicy#defaults()}, no circuit breaker. */
    public static HttpOptions defaults() {
        return DEFAULTS;
    }

    public static Builder builder() {
        return new Builder();
    }

    public Builder toBuilder() {
        Builder b = new Builder();
        b.connectTimeout = connectTimeout;
        b.idleTimeout = idleTimeout;
        b.requestTimeout = requestTimeout;
        b.retryPolicy = retryPolicy;
        b.circuitBreaker = circuitBreaker;
        b.clock = clock;
        b.sleeper = sleeper;
        b.httpClient = httpClient;
        return b;
    }

    /** The longest wait to open a connection; ignored when {@link #httpClient()} is set (its own applies). */
    public Duration connectTimeout() {
        return connectTimeout;
    }

    /** The longest silence of the server during a call (see the class comment). */
    public Duration idleTimeout() {
        return idleTimeout;
    }

    /** The longest one call may take, all its attempts included. */
    public Duration requestTimeout() {
        return requestTimeout;
    }

    public RetryPolicy retryPolicy() {
        return retryPolicy;
    }

    public CircuitBreaker circuitBreaker() {
        return circuitBreaker;
    }

    /** The clock that reads {@code Retry-After} dates. */
    public Clock clock() {
        return clock;
    }

    /** What waits between retries. */
    public Sleeper sleeper() {
        return sleeper;
    }

    /** The HTTP client given instead of the shared one, if any. */
    public Optional<HttpClient> httpClient() {
        return Optional.ofNullable(httpClient);
    }

    @Override
    public String toString() {
        return "HttpOptions{connectTimeout=" + connectTimeout + ", idleTimeout=" + idleTimeout + ", requestTimeout="
                + requestTimeout + ", retryPolicy=" + retryPolicy + "}";
    }

    /** Builds {@link HttpOptions}; starts from the defaults, and every setter rejects a bad value at once. Not thread-safe. */
    public static final class Builder {
        private Duration connectTimeout = Duration.ofSeconds(10);
        private Duration idleTimeout = Duration.ofSeconds(45);
        private Duration requestTimeout = Duration.ofMinutes(10);
        private RetryPolicy retryPolicy = RetryPolicy.defaults();
        private CircuitBreaker circuitBreaker = CircuitBreaker.disabled();
        private Clock clock = Clock.systemUTC();
        private Sleeper sleeper = Sleeper.SYSTEM;
        private HttpClient httpClient;

        private Builder() {}

        /** How long to wait for a connection; positive, default 10 s. */
        public Builder connectTimeout(Duration connectTimeout) {
            this.connectTimeout = positive(connectTimeout, "connectTimeout");
            return this;
        }

        /** The longest silence of the server during a call; positive, default 45 s. */
        public Builder idleTimeout(Duration idleTimeout) {
            this.idleTimeout = positive(idleTimeout, "idleTimeout");
            return this;
        }

        /** The longest one call may take, retries included; positive, default 10 min. */
        public Builder requestTimeout(Duration requestTimeout) {
            this.requestTimeout = positive(requestTimeout, "requestTimeout");
            return this;
        }

        /** How failed attempts are retried; default {@link RetryPolicy#defaults()}. */
        public Builder retryPolicy(RetryPolicy retryPolicy) {
            this.retryPolicy = Objects.requireNonNull(retryPolicy, "retryPolicy");
            return this;
        }

        /** A breaker shared with other models of the same endpoint; by default none. */
        public Builder circuitBreaker(CircuitBreaker circuitBreaker) {
            this.circuitBreaker = Objects.requireNonNull(circuitBreaker, "circuitBreaker");
            return this;
        }

        /** The clock that reads {@code Retry-After} dates; the system clock by default, tests pass a fake. */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /** What waits between retries; {@link Sleeper#SYSTEM} by default, tests pass a fake. */
        public Builder sleeper(Sleeper sleeper) {
            this.sleeper = Objects.requireNonNull(sleeper, "sleeper");
            return this;
        }

        /** An HTTP client of your own (proxy, TLS settings); its connect timeout then applies. */
        public Builder httpClient(HttpClient httpClient) {
            this.httpClient = Objects.requireNonNull(httpClient, "httpClient");
            return this;
        }

        public HttpOptions build() {
            return new HttpOptions(this);
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
