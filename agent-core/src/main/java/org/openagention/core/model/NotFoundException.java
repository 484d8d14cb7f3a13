// SPDX-License-Identifier: Apache-2.0
package org.openagention.core.model;

/**
 * The provider does not know the model or endpoint (HTTP 404): check the model id and base URL. Not retryable.
 *
 * <p>Thrown by the built-in providers. The message names the provider, the HTTP status and what
 * the provider said, never an API key; {@link #requestId()} carries the provider's request id.
 */
public class NotFoundException extends ModelException {
    public NotFoundException(String message, int statusCode, String requestId, Throwable cause) {
        super(message, statusCode, requestId, false, cause);
    }

    public NotFoundException(String message, int statusCode, String requestId) {
        this(message, statusCode, requestId, null);
    }
}
