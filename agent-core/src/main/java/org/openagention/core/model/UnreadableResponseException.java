// SPDX-License-Identifier: Apache-2.0
package org.openagention.core.model;

/**
 * The provider's response could not be understood: malformed JSON, a missing field, or a stream cut before it finished. Not retried, since a partial response may already have been delivered.
 *
 * <p>Thrown by the built-in providers. The message names the provider, the HTTP status and what
 * the provider said, never an API key; {@link #requestId()} carries the provider's request id.
 */
public class UnreadableResponseException extends ModelException {
    public UnreadableResponseException(String message, int statusCode, String requestId, Throwable cause) {
        super(message, statusCode, requestId, false, cause);
    }

    public UnreadableResponseException(String message, int statusCode, String requestId) {
        this(message, statusCode, requestId, null);
    }
}
