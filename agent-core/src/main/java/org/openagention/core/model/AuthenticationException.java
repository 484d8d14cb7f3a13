// SPDX-License-Identifier: Apache-2.0
package org.openagention.core.model;

/**
 * The provider refused the credentials (HTTP 401): the API key is missing, wrong or revoked. Not retryable.
 *
 * <p>Thrown by the built-in providers. The message names the provider, the HTTP status and what
 * the provider said, never an API key; {@link #requestId()} carries the provider's request id.
 */
public class AuthenticationException extends ModelException {
    public AuthenticationException(String message, int statusCode, String requestId, Throwable cause) {
        super(message, statusCode, requestId, false, cause);
    }

    public AuthenticationException(String message, int statusCode, String requestId) {
        this(message, statusCode, requestId, null);
    }
}
