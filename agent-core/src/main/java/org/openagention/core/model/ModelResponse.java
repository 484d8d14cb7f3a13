// SPDX-License-Identifier: Apache-2.0
package org.openagention.core.model;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.openagention.core.message.AssistantMessage;
import org.openagention.core.message.Content;
import org.openagention.core.tool.ToolCall;

/**
 * One response from a model: its content blocks, why it stopped, and what it used.
 *
 * <p>Immutable. {@link #toMessage()} is the assistant message that goes into the transcript.
 */
public final class ModelResponse {
    private final String id;
    private final String modelId;
    private final List<Content> content;
    private final FinishReason finishReason;
    private final Usage usage;

    private ModelResponse(Builder b) {
        this.id = b.id;
        this.modelId = b.modelId;
        this.content = List.copyOf(b.content);
        this.finishReason = b.finishReason;
        this.usage = b.usage;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** A response that is just text, finished normally. */
    public static ModelResponse ofText(String text) {
        return builder().addContent(new Content.Text(text)).finishReason(FinishReason.END_TURN).build();
    }

    public Builder toBuilder() {
        Builder b = new Builder();
        b.id = id;
        b.modelId = modelId;
        b.content.addAll(content);
        b.finishReason = finishReason;
        b.usage = usage;
        return b;
    }

    /** The provider's response id; empty when it sent none. */
    public String id() {
        return id;
    }

    /** The model that answered, as the provider named it; empty when unknown. */
    public String modelId() {
        return modelId;
    }

    public List<Content> content() {
        return content;
    }

    public FinishReason finishReason() {
        return finishReason;
    }

    public Usage usage() {
        return usage;
    }

    /** The concatenated text blocks. */
    public String text() {
        StringBuilder sb = new StringBuilder();
        for (Content c : content) {
            if (c instanceof Content.Text t) {
                sb.append(t.text());
            }
        }
        return sb.toString();
    }

    /** The tool calls, in order. */
    public List<ToolCall> toolCalls() {
        List<ToolCall> calls = new ArrayList<>();
        for (Content c : content) {
            if (c instanceof Content.ToolUse u) {
                calls.add(u.toCall());
            }
        }
        return calls;
    }

    public boolean hasToolCalls() {
        for (Content c : content) {
            if (c instanceof Content.ToolUse) {
                return true;
            }
        }
        return false;
    }

    /** This response as the assistant message of a transcript. */
    public AssistantMessage toMessage() {
        return new AssistantMessage(content);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ModelResponse r && id.equals(r.id) && modelId.equals(r.modelId)
                && content.equals(r.content) && finishReason == r.finishReason && usage.equals(r.usage);
    }

    @Override
    public int hashCode() {
        return Objects.hash(id, modelId, content, finishReason, usage);
    }

    @Override
    public String toString() {
        return "ModelResponse{id=" + id + ", model=" + modelId + ", finish=" + finishReason + ", usage=" + usage
                + ", content=" + content + "}";
    }

    /** Builds a {@link ModelResponse}. Not thread-safe. */
    public static final class Builder {
        private String id = "";
        private String modelId = "";
        private final List<Content> content = new ArrayList<>();
        private FinishReason finishReason = FinishReason.END_TURN;
        private Usage usage = Usage.ZERO;

        private Builder() {}

        public Builder id(String id) {
            this.id = Objects.requireNonNull(id, "id");
            return this;
        }

        public Builder modelId(String modelId) {
            this.modelId = Objects.requireNonNull(modelId, "modelId");
            return this;
        }

        public Builder content(List<Content> content) {
            this.content.clear();
            this.content.addAll(content);
            return this;
        }

        public Builder addContent(Content content) {
            this.content.add(Objects.requireNonNull(content, "content"));
            return this;
        }

        public Builder addText(String text) {
            return addContent(new Content.Text(text));
        }

        public Builder addToolUse(String id, String name, String argumentsJson) {
            return addContent(new Content.ToolUse(id, name, argumentsJson));
        }

        public Builder finishReason(FinishReason finishReason) {
            this.finishReason = Objects.requireNonNull(finishReason, "finishReason");
            return this;
        }

        public Builder usage(Usage usage) {
            this.usage = Objects.requireNonNull(usage, "usage");
            return this;
        }

        public ModelResponse build() {
            return new ModelResponse(this);
        }
    }
}
