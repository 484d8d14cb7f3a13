// SPDX-License-Identifier: Apache-2.0
package org.openagention.core.model;

import java.util.Optional;
import org.openagention.core.AgentException;

/**
 * A model provider failed to answer. Subtypes say how; {@link #isRetryable()} says whether
 * trying again may help. Messages never contain API keys.
 */
public class ModelException extends AgentException {
    private final int statusCode;
    private final String requestId;
    private final boolean retryable;

    public ModelException(String message, int statusCode, String requestId, boolean retryable, Throwable cause) {
        super(message, cause);
        this.statusCode = statusCode;
        this.requestId = requestId;
        this.retryable = retryable;
    }

    public ModelException(String message) {
        this(message, 0, null, false, null);
    }

    public ModelException(String message, Throwable cause) {
        this(message, 0, null, false, cause);
    }

    /** The HTTP status, or 0 when there was no HTTP response. */
    public int statusCode() {
        return statusCode;
    }

    /** The provider's request id, when it sent one: quote it in a support ticket. */
    public Optional<String> requestId() {
        return Optional.ofNullable(requestId);
    }

    /** Whether the same request may succeed if tried again later. */
    public boolean isRetryable() {
        return retryable;
    }
}
