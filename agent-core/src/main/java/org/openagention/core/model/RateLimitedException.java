// SPDX-License-Identifier: Apache-2.0
package org.openagention.core.model;

import java.time.Duration;
import java.util.Optional;

/**
 * The provider is rate-limiting this client (HTTP 429). Retryable; {@link #retryAfter()} is how
 * long the provider asked to wait, when it said.
 *
 * <p>The message names the provider and what it said, never an API key.
 */
public class RateLimitedException extends ModelException {
    private final Duration retryAfter;

    public RateLimitedException(String message, int statusCode, String requestId, Duration retryAfter, Throwable cause) {
        super(message, statusCode, requestId, true, cause);
        this.retryAfter = retryAfter;
    }

    public RateLimitedException(String message, int statusCode, String requestId, Duration retryAfter) {
        this(message, statusCode, requestId, retryAfter, null);
    }

    /** How long the provider asked to wait before the next request; empty when it did not say. */
    public Optional<Duration> retryAfter() {
        return Optional.ofNullable(retryAfter);
    }
}
