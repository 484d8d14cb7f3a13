// SPDX-License-Identifier: Apache-2.0
package org.openagention.core.providers.internal;

/**
 * Receives the events of a server-sent-event stream from {@link HttpTransport#postSse}, on the
 * calling thread. Internal.
 *
 * <p>A listener may throw: a {@link org.openagention.core.model.ModelException} surfaces as is;
 * anything else means the stream could not be understood and surfaces as an
 * {@link org.openagention.core.model.UnreadableResponseException} carrying the request id.
 */
public interface SseListener {

    /**
     * One event: its name ({@code "message"} when the server sent none) and its data (the
     * {@code data:} lines joined with {@code \n}). The {@code [DONE]} sentinel is not delivered.
     */
    void onEvent(String event, String data);

    /**
     * The stream ended: with the {@code [DONE]} sentinel when {@code sawDone}, else because the
     * server closed the body normally. Throw here when the stream ended before it was complete.
     */
    default void onComplete(boolean sawDone) {}
}
