// SPDX-License-Identifier: Apache-2.0
package org.openagention.core.model;

/**
 * The provider is temporarily overloaded (HTTP 529, or an {@code overloaded_error}). Retryable.
 *
 * <p>Thrown by the built-in providers. The message names the provider, the HTTP status and what
 * the provider said, never an API key; {@link #requestId()} carries the provider's request id.
 */
public class OverloadedException extends ModelException {
    public OverloadedException(String message, int statusCode, String requestId, Throwable cause) {
        super(message, statusCode, requestId, true, cause);
    }

    public OverloadedException(String message, int statusCode, String requestId) {
        this(message, statusCode, requestId, null);
    }
}
