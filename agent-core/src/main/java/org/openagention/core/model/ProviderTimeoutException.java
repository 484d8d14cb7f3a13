// SPDX-License-Identifier: Apache-2.0
package org.openagention.core.model;

import java.time.Duration;
import java.util.Objects;

/**
 * A model call ran out of time: {@link #timeout()} says which of the provider's timeouts fired and
 * {@link #after()} how long it had waited. The message says both, and which provider and endpoint.
 *
 * <p>Thrown by the built-in providers, whose shared HTTP settings
 * ({@code org.openagention.core.providers.HttpOptions}) set the three timeouts. A connect or idle
 * timeout is retryable ({@link #isRetryable()}) and is retried by the provider's retry policy while
 * the request timeout leaves time, unless a stream had already delivered content; a request timeout
 * is final: the call's whole time is spent.
 */
public class ProviderTimeoutException extends ModelException {
    private final Timeout timeout;
    private final Duration after;

    /** Which timeout fired. */
    public enum Timeout {
        /** Opening the connection (TCP and TLS) took too long. */
        CONNECT,
        /** The server sent nothing for too long: no response headers to a streamed call, or no bytes between stream events or within a body. */
        IDLE,
        /** The whole call, all its attempts and the waits between them, took too long. */
        REQUEST
    }

    public ProviderTimeoutException(String message, Timeout timeout, Duration after, Throwable cause) {
        super(message, 0, null, timeout != Timeout.REQUEST, cause);
        this.timeout = Objects.requireNonNull(timeout, "timeout");
        this.after = Objects.requireNonNull(after, "after");
    }

    /** Which timeout fired. */
    public Timeout timeout() {
        return timeout;
    }

    /** How long the call waited before the timeout fired (the configured timeout). */
    public Duration after() {
        return after;
    }
}
