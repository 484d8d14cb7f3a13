// SPDX-License-Identifier: Apache-2.0
package org.openagention.core.message;

import java.util.Objects;
import org.openagention.core.tool.ToolCall;
import org.openagention.core.tool.ToolResult;

/**
 * One block of a message: text, a tool use, a tool's output, an image, the model's thinking, or a
 * block this library does not know.
 *
 * <p>A closed set: branch with {@code instanceof} patterns. Providers that send a block type we
 * do not model produce {@link Unknown}, which keeps the raw JSON so that the block can be sent
 * back unchanged when the API requires it. All variants are immutable and non-null.
 */
public sealed interface Content {

    /** Plain text. */
    record Text(String text) implements Content {
        public Text {
            Objects.requireNonNull(text, "text");
        }
    }

    /**
     * The model asking for a tool to run.
     *
     * @param id the provider's id for this call, used to pair it with its {@link ToolOutput}
     * @param name the tool's name
     * @param argumentsJson the arguments as the model sent them; may be malformed JSON, which the
     *     tool registry reports back to the model as an error result
     */
    record ToolUse(String id, String name, String argumentsJson) implements Content {
        public ToolUse {
            Objects.requireNonNull(id, "id");
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(argumentsJson, "argumentsJson");
        }

        /** This block as a {@link ToolCall}. */
        public ToolCall toCall() {
            return new ToolCall(id, name, argumentsJson);
        }
    }

    /** A tool's output, paired with the {@link ToolUse} of the same id. */
    record ToolOutput(String toolUseId, String toolName, ToolResult result) implements Content {
        public ToolOutput {
            Objects.requireNonNull(toolUseId, "toolUseId");
            Objects.requireNonNull(toolName, "toolName");
            Objects.requireNonNull(result, "result");
        }
    }

    /** An image, base64-encoded, with its media type such as {@code image/png}. */
    record Image(String mediaType, String base64Data) implements Content {
        public Image {
            Objects.requireNonNull(mediaType, "mediaType");
            Objects.requireNonNull(base64Data, "base64Data");
        }
    }

    /**
     * The model's reasoning. Providers that sign it (Anthropic) require it sent back unchanged
     * with its signature; {@code signature} is empty when the provider sent none, and
     * {@code redacted} marks a block whose text the provider withheld (then {@code text} holds the
     * opaque data).
     */
    record Thinking(String text, String signature, boolean redacted) implements Content {
        public Thinking {
            Objects.requireNonNull(text, "text");
            Objects.requireNonNull(signature, "signature");
        }

        public Thinking(String text) {
            this(text, "", false);
        }
    }

    /**
     * A block of a type this library does not model, kept whole.
     *
     * @param provider the provider that produced it, such as {@code anthropic}
     * @param type the block's type as the provider named it
     * @param rawJson the block exactly as received
     */
    record Unknown(String provider, String type, String rawJson) implements Content {
        public Unknown {
            Objects.requireNonNull(provider, "provider");
            Objects.requireNonNull(type, "type");
            Objects.requireNonNull(rawJson, "rawJson");
        }
    }

    static Content text(String text) {
        return new Text(text);
    }
}
