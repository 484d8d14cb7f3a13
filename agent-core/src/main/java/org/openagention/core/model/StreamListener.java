// SPDX-License-Identifier: Apache-2.0
package org.openagention.core.model;

/** Receives the pieces of a streamed response as they arrive, on the thread that streams. */
@FunctionalInterface
public interface StreamListener {
    void onEvent(StreamEvent event);

    StreamListener NONE = event -> {};
}
