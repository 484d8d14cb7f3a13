// SPDX-License-Identifier: Apache-2.0
package org.openagention.core.model;

import java.util.Objects;
import org.openagention.core.tool.ToolCall;

/**
 * A piece of a streamed response, in the order the provider sent it. The same response,
 * assembled, is what {@link Model#stream} returns.
 */
public sealed interface StreamEvent {

    /** A fragment of answer text. */
    record TextDelta(String text) implements StreamEvent {
        public TextDelta {
            Objects.requireNonNull(text, "text");
        }
    }

    /** A fragment of the model's thinking. */
    record ThinkingDelta(String text) implements StreamEvent {
        public ThinkingDelta {
            Objects.requireNonNull(text, "text");
        }
    }

    /** The model began a tool call; its arguments follow as {@link ToolCallDelta}s. */
    record ToolCallStarted(int index, String id, String name) implements StreamEvent {
        public ToolCallStarted {
            Objects.requireNonNull(id, "id");
            Objects.requireNonNull(name, "name");
        }
    }

    /** A fragment of a tool call's argument JSON. */
    record ToolCallDelta(int index, String argumentsFragment) implements StreamEvent {
        public ToolCallDelta {
            Objects.requireNonNull(argumentsFragment, "argumentsFragment");
        }
    }

    /** A tool call is complete. */
    record ToolCallFinished(int index, ToolCall call) implements StreamEvent {
        public ToolCallFinished {
            Objects.requireNonNull(call, "call");
        }
    }
}
