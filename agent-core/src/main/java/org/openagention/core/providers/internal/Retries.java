package org.openagention.core.providers.internal;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.http.HttpHeaders;
import java.net.http.HttpTimeoutException;
import java.time.Clock;
import java.time.Duration;
import org.openagention.core.Sleeper;
import org.openagention.core.model.ModelException;
import org.openagention.core.providers.CircuitBreaker;
import org.openagention.core.providers.RetryPolicy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What {@link HttpTransport} does after a failed attempt: retry (after waiting) or give up with
 * the typed exception. It applies the {@link RetryPolicy} (408, 409, 429, 5xx and I/O errors are
 * retried; {@code x-should-retry} overrides; a server's {@code Retry-After} is honoured unless it
 * asks for more than the policy allows), keeps the per-endpoint {@link CircuitBreaker} informed,
 * and logs each retry through the {@link Redactor}.
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
     * After an I/O failure: waits and returns when another attempt may follow, else throws.
     *
     * @param when what had happened already, for the message ("before the stream sent any event"); may be empty
     */
    void afterIoFailure(IOException e, String endpoint, int attempt, String when) {
        if (e instanceof InterruptedIOException && !(e instanceof HttpTimeoutException)) {
            Thread.currentThread().interrupt();
            throw new ModelException("interrupted while calling " + provider, e);
        }
        breaker.onFailure(endpoint);
        String what = redactor.redact("could not reach " + provider + " at " + endpoint
                + (when.isEmpty() ? "" : " " + when) + ": " + describe(e));
        ModelException error = new ModelException(what, 0, null, true, e);
        if (attempt >= policy.maxAttempts()) {
            throw attempt == 1 ? error : new ModelException(what + " (after " + attempt + " attempts)", 0, null, true, e);
        }
        pause(error, policy.backoff(attempt), attempt, endpoint);
    }

    /**
     * After a non-2xx response: waits and returns when the status (or {@code x-should-retry}) allows
     * another attempt, else throws the typed exception the body describes.
     */
    void afterErrorResponse(int status, HttpHeaders headers, String body, String requestId, String endpoint,
            int attempt) {
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
        pause(error, serverDelay != null ? serverDelay : policy.backoff(attempt), attempt, endpoint);
    }

    /** Whether an error event that came before any content may be retried, with attempts left. */
    boolean mayRetryStreamError(ModelException error, int attempt) {
        return error.isRetryable() && attempt < policy.maxAttempts();
    }

    Duration backoff(int attempt) {
        return policy.backoff(attempt);
    }

    /** Logs the retry to come and waits {@code delay}. */
    void pause(ModelException error, Duration delay, int attempt, String endpoint) {
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
