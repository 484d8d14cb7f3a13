// SPDX-License-Identifier: Apache-2.0
package org.openagention.core.providers.internal;

/**
 * Thrown by a provider's response reader when the body is not what the API documents. The
 * transport turns it into an {@link org.openagention.core.model.UnreadableResponseException}
 * carrying the status and request id. Internal.
 */
public final class MalformedResponseException extends RuntimeException {
    public MalformedResponseException(String message) {
        super(message, null, false, false);
    }

    public MalformedResponseException(String message, Throwable cause) {
        super(message, cause, false, false);
    }
}
