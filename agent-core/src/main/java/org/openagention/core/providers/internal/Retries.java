// SPDX-License-Identifier: Apache-2.0
package org.openagention.core.providers.internal;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpHeaders;
import java.net.http.HttpTimeoutException;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import org.openagention.core.Sleeper;
import org.openagention.core.model.ModelException;
import org.openagention.core.providers.CircuitBreaker;
import org.openagention.core.RetryPolicy;
import org.openagention.core.model.ProviderTimeoutException;
import org.openagention.core.model.ProviderTimeoutException.Timeout;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What {@link HttpTransport} does after a failed attempt: retry (after waiting) or give up with
 * the typed exception. It applies the {@link RetryPolicy} (408, 409, 429, 5xx and I/O errors are
 * retried; {@code x-should-retry} overrides; a server's {@code Retry-After} is honoured unless it
 * asks for more than the policy allows; connect and idle timeouts are retried, the request
 * timeout never), keeps every wait inside the call's request timeout, keeps the per-endpoint
 * {@link CircuitBreaker} informed, and logs each retry through the {@link Redactor}.
 *
 * <p>Each method either returns (the caller makes the next attempt) or throws. Immutable and
 * thread-safe.
 */
final class Retries {
    private static final Logger LOG = LoggerFactory.getLogger(HttpTransport.class);

    private final String provider;
    private final RetryPolicy policy;
    private final CircuitBreaker breaker;
    private final Clock clock;
    private final Sleeper sleeper;
    private final Redactor redactor;

    Retries(String provider, RetryPolicy policy, CircuitBreaker breaker, Clock clock, Sleeper sleeper,
            Redactor redactor) {
        this.provider = provider;
        this.policy = policy;
        this.breaker = breaker;
        this.clock = clock;
        this.sleeper = sleeper;
        this.redactor = redactor;
    }

    /** Before an attempt: fails fast while the endpoint's breaker is open. */
    void acquire(String endpoint) {
        breaker.acquire(endpoint);
    }

    /** The endpoint answered (even with a response that cannot be read). */
    void answered(String endpoint) {
        breaker.onSuccess(endpoint);
    }

    /** The endpoint failed in a way that counts against it (a stream cut after content, for one). */
    void endpointFailed(String endpoint) {
        breaker.onFailure(endpoint);
    }

    /**
     * After an I/O failure (a timeout included): waits and returns when another attempt may follow,
     * else throws.
     *
     * @param when what had happened already, for the message ("before the stream sent any event"); may be empty
     */
    void afterIoFailure(IOException e, String endpoint, int attempt, String when, CallTimer timer) {
        if (e instanceof InterruptedIOException && !(e instanceof HttpTimeoutException)) {
            Thread.currentThread().interrupt();
            throw new ModelException("interrupted while calling " + provider, e);
        }
        breaker.onFailure(endpoint);
        boolean last = attempt >= policy.maxAttempts()
                || e instanceof CallTimer.TimedOut t && t.timeout == Timeout.REQUEST;
        String after = last && attempt > 1 ? " (after " + attempt + " attempts)" : "";
        ModelException error = timeout(e, timer)
                .<ModelException>map(t -> timedOut(t, endpoint, when + after, e))
                .orElseGet(() -> new ModelException(redactor.redact("could not reach " + provider + " at " + endpoint
                        + (when.isEmpty() ? "" : " " + when) + ": " + describe(e) + after), 0, null, true, e));
        if (last) {
            throw error;
        }
        pause(error, policy.backoff(attempt), attempt, endpoint, timer);
    }

    /** The timeout an I/O failure is, if it is one. */
    private static Optional<CallTimer.TimedOut> timeout(IOException e, CallTimer timer) {
        if (e instanceof CallTimer.TimedOut t) {
            return Optional.of(t);
        }
        if (e instanceof HttpConnectTimeoutException) {
            return Optional.of(new CallTimer.TimedOut(Timeout.CONNECT, timer.connect()));
        }
        return Optional.empty();
    }

    /**
     * The typed exception for a timeout that fired, such as {@code openai at URL: the idle timeout
     * fired after 45 s of silence}; {@code when} is appended (may be empty).
     */
    ProviderTimeoutException timedOut(CallTimer.TimedOut t, String endpoint, String when, Throwable cause) {
        String msg = provider + " at " + endpoint + ": " + Durations.describe(t.timeout, t.after)
                + (when.isEmpty() || when.startsWith(" ") ? when : " " + when);
        return new ProviderTimeoutException(redactor.redact(msg), t.timeout, t.after, cause);
    }

    /**
     * After a non-2xx response: waits and returns when the status (or {@code x-should-retry}) allows
     * another attempt, else throws the typed exception the body describes.
     */
    void afterErrorResponse(int status, HttpHeaders headers, String body, String requestId, String endpoint,
            int attempt, CallTimer timer) {
        Duration serverDelay = RetryAfter.of(headers, clock);
        ModelException error = ProviderErrors.fromResponse(provider, status, requestId, body, serverDelay, redactor);
        if (status >= 500 || status == 408) {
            breaker.onFailure(endpoint);
        } else {
            breaker.onSuccess(endpoint);
        }
        if (!retryable(status, headers) || attempt >= policy.maxAttempts()) {
            throw error;
        }
        if (serverDelay != null && serverDelay.compareTo(policy.maxServerDelay()) > 0) {
            throw error; // the provider asked for a longer wait than the policy allows: surface it now
        }
        pause(error, serverDelay != null ? serverDelay : policy.backoff(attempt), attempt, endpoint, timer);
    }

    /** Whether an error event that came before any content may be retried, with attempts left. */
    boolean mayRetryStreamError(ModelException error, int attempt) {
        return error.isRetryable() && attempt < policy.maxAttempts();
    }

    Duration backoff(int attempt) {
        return policy.backoff(attempt);
    }

    /**
     * Logs the retry to come and waits {@code delay}; throws the request timeout instead when the
     * wait would not leave the next attempt any of the call's time.
     */
    void pause(ModelException error, Duration delay, int attempt, String endpoint, CallTimer timer) {
        if (delay.compareTo(timer.remaining()) >= 0) {
            throw outOfTime(endpoint, attempt, timer, error);
        }
        if (LOG.isWarnEnabled()) {
            LOG.warn("{} (attempt {} of {}); retrying {} in {} ms", error.getMessage(), attempt, policy.maxAttempts(),
                    redactor.redact(endpoint), delay.toMillis());
        }
        try {
            sleeper.sleep(delay);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ModelException("interrupted while waiting to retry " + provider, e);
        }
    }

    /** Before an attempt: throws the request timeout when the call's time is spent. */
    void checkTime(String endpoint, int attempt, CallTimer timer) {
        Duration left = timer.remaining();
        if (left.isNegative() || left.isZero()) {
            throw outOfTime(endpoint, attempt - 1, timer, null);
        }
    }

    private ProviderTimeoutException outOfTime(String endpoint, int attempts, CallTimer timer, ModelException last) {
        String tail = " after " + attempts + (attempts == 1 ? " attempt" : " attempts")
                + (last == null ? "" : "; the last: " + last.getMessage());
        return timedOut(new CallTimer.TimedOut(Timeout.REQUEST, timer.request()), endpoint, tail, last);
    }

    private static boolean retryable(int status, HttpHeaders headers) {
        String shouldRetry = headers.firstValue("x-should-retry").orElse("");
        if (shouldRetry.equalsIgnoreCase("true")) {
            return true;
        }
        return !shouldRetry.equalsIgnoreCase("false") && (status == 408 || status == 409 || status == 429 || status >= 500);
    }

    static String describe(IOException e) {
        String m = e.getMessage();
        return e.getClass().getSimpleName() + (m == null || m.isEmpty() ? "" : ": " + m);
    }
}
