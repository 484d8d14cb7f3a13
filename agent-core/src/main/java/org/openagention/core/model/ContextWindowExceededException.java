// SPDX-License-Identifier: Apache-2.0
package org.openagention.core.model;

/**
 * The request is longer than the model's context window. Not retryable as is: compact or shorten the transcript first.
 *
 * <p>Thrown by the built-in providers when the provider refuses the prompt as too long (the message
 * names the provider, the HTTP status and what the provider said, never an API key;
 * {@link #requestId()} carries the provider's request id), and by
 * {@link org.openagention.core.context.Compaction} before sending a request it estimates would not
 * fit (status 0). A run that meets it ends with {@link org.openagention.core.StopReason#CONTEXT_WINDOW}.
 */
public class ContextWindowExceededException extends ModelException {
    public ContextWindowExceededException(String message, int statusCode, String requestId, Throwable cause) {
        super(message, statusCode, requestId, false, cause);
    }

    public ContextWindowExceededException(String message, int statusCode, String requestId) {
        this(message, statusCode, requestId, null);
    }

    /** A request refused before it was sent, so with no HTTP status and no request id. */
    public ContextWindowExceededException(String message) {
        this(message, 0, null, null);
    }
}
