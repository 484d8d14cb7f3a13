// SPDX-License-Identifier: Apache-2.0
package org.openagention.core.model;

/**
 * The provider rejected the request as malformed or unsupported (HTTP 400 or 422). Not retryable as is.
 *
 * <p>Thrown by the built-in providers. The message names the provider, the HTTP status and what
 * the provider said, never an API key; {@link #requestId()} carries the provider's request id.
 */
public class InvalidRequestException extends ModelException {
    public InvalidRequestException(String message, int statusCode, String requestId, Throwable cause) {
        super(message, statusCode, requestId, false, cause);
    }

    public InvalidRequestException(String message, int statusCode, String requestId) {
        this(message, statusCode, requestId, null);
    }
}
