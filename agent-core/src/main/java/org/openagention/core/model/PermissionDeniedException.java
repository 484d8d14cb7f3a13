// SPDX-License-Identifier: Apache-2.0
package org.openagention.core.model;

/**
 * The credentials are valid but may not use this model or endpoint (HTTP 403). Not retryable.
 *
 * <p>Thrown by the built-in providers. The message names the provider, the HTTP status and what
 * the provider said, never an API key; {@link #requestId()} carries the provider's request id.
 */
public class PermissionDeniedException extends ModelException {
    public PermissionDeniedException(String message, int statusCode, String requestId, Throwable cause) {
        super(message, statusCode, requestId, false, cause);
    }

    public PermissionDeniedException(String message, int statusCode, String requestId) {
        this(message, statusCode, requestId, null);
    }
}
