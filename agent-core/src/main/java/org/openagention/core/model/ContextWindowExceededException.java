// SPDX-License-Identifier: Apache-2.0
package org.openagention.core.model;

/**
 * The request is longer than the model's context window. Not retryable as is: compact or shorten the transcript first.
 *
 * <p>Thrown by the built-in providers. The message names the provider, the HTTP status and what
 * the provider said, never an API key; {@link #requestId()} carries the provider's request id.
 */
public class ContextWindowExceededException extends ModelException {
    public ContextWindowExceededException(String message, int statusCode, String requestId, Throwable cause) {
        super(message, statusCode, requestId, false, cause);
    }

    public ContextWindowExceededException(String message, int statusCode, String requestId) {
        this(message, statusCode, requestId, null);
    }
}
