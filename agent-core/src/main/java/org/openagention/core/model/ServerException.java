// SPDX-License-Identifier: Apache-2.0
package org.openagention.core.model;

/**
 * The provider failed on its side (HTTP 5xx, 408, 409): retryable.
 *
 * <p>Thrown by the built-in providers. The message names the provider, the HTTP status and what
 * the provider said, never an API key; {@link #requestId()} carries the provider's request id.
 */
public class ServerException extends ModelException {
    public ServerException(String message, int statusCode, String requestId, Throwable cause) {
        super(message, statusCode, requestId, true, cause);
    }

    public ServerException(String message, int statusCode, String requestId) {
        this(message, statusCode, requestId, null);
    }
}
