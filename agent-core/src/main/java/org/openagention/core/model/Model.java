// SPDX-License-Identifier: Apache-2.0
package org.openagention.core.model;

import org.openagention.core.message.Content;

/**
 * A language model: one request in, one response out.
 *
 * <p>Implementations are thread-safe and may be shared by many agents. They throw
 * {@link ModelException} (or a subtype) when the provider fails; the agent
 * loop turns that into a stop reason, never a hang.
 */
public interface Model {

    /** Sends the request and waits for the whole response. */
    ModelResponse complete(ModelRequest request);

    /**
     * Sends the request and reports the response piece by piece as it arrives, then returns it
     * assembled: the same response {@link #complete} would have returned. The default streams
     * nothing until the response is complete, then replays it as events.
     */
    default ModelResponse stream(ModelRequest request, StreamListener listener) {
        ModelResponse response = complete(request);
        int index = 0;
        for (Content c : response.content()) {
            if (c instanceof Content.Text t) {
                listener.onEvent(new StreamEvent.TextDelta(t.text()));
            } else if (c instanceof Content.Thinking th && !th.redacted()) {
                listener.onEvent(new StreamEvent.ThinkingDelta(th.text()));
            } else if (c instanceof Content.ToolUse u) {
                listener.onEvent(new StreamEvent.ToolCallStarted(index, u.id(), u.name()));
                listener.onEvent(new StreamEvent.ToolCallDelta(index, u.argumentsJson()));
                listener.onEvent(new StreamEvent.ToolCallFinished(index, u.toCall()));
                index++;
            }
        }
        return response;
    }

    /** A short name for logs and events, such as {@code anthropic:claude-sonnet-4-5}. */
    default String name() {
        return getClass().getSimpleName();
    }

    /** The model's context window in tokens, used for compaction; 0 when unknown. */
    default int contextWindow() {
        return 0;
    }
}
