package org.openagention.core.model;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import org.openagention.core.message.Message;
import org.openagention.core.tool.ToolSpec;

/**
 * Everything sent to a model for one call: instructions, transcript, tools and sampling options.
 *
 * <p>Immutable; build one with {@link #builder()} and derive another with {@link #toBuilder()}.
 * Builders are not thread-safe.
 *
 * <pre>{@code
 * ModelRequest request = ModelRequest.builder()
 *         .system("You are terse.")
 *         .addMessage(Message.user("Hello"))
 *         .maxOutputTokens(512)
 *         .build();
 * }</pre>
 */
public final class ModelRequest {
    private final String model;
    private final String system;
    private final List<Message> messages;
    private final List<ToolSpec> tools;
    private final ToolChoice toolChoice;
    private final OutputSchema outputSchema;
    private final int maxOutputTokens;
    private final Double temperature;
    private final List<String> stopSequences;
    private final Map<String, String> metadata;

    private ModelRequest(Builder b) {
        this.model = b.model;
        this.system = b.system;
        this.messages = List.copyOf(b.messages);
        this.tools = List.copyOf(b.tools);
        this.toolChoice = b.toolChoice;
        this.outputSchema = b.outputSchema;
        this.maxOutputTokens = b.maxOutputTokens;
        this.temperature = b.temperature;
        this.stopSequences = List.copyOf(b.stopSequences);
        this.metadata = Map.copyOf(b.metadata);
    }

    /** This request with {@code messages} as its transcript; everything else is shared, not copied. */
    private ModelRequest(ModelRequest base, List<Message> messages) {
        this.model = base.model;
        this.system = base.system;
        this.messages = messages;
        this.tools = base.tools;
        this.toolChoice = base.toolChoice;
        this.outputSchema = base.outputSchema;
        this.maxOutputTokens = base.maxOutputTokens;
        this.temperature = base.temperature;
        this.stopSequences = base.stopSequences;
        this.metadata = base.metadata;
    }

    public static Builder builder() {
        return new Builder();
    }

    /**
     * This request with {@code messages} (copied) as its transcript and every other setting kept:
     * the cheap way to send the same settings turn after turn, as an agent loop does.
     */
    public ModelRequest withMessages(List<? extends Message> messages) {
        return new ModelRequest(this, List.copyOf(messages));
    }

    public Builder toBuilder() {
        Builder b = new Builder();
        b.model = model;
        b.system = system;
        b.messages.addAll(messages);
        b.tools.addAll(tools);
        b.toolChoice = toolChoice;
        b.outputSchema = outputSchema;
        b.maxOutputTokens = maxOutputTokens;
        b.temperature = temperature;
        b.stopSequences.addAll(stopSequences);
        b.metadata.putAll(metadata);
        return b;
    }

    /** The model id to use; empty means the model's own default. */
    public Optional<String> model() {
        return Optional.ofNullable(model);
    }

    /** The system instructions; empty string when there are none. */
    public String system() {
        return system;
    }

    public List<Message> messages() {
        return messages;
    }

    public List<ToolSpec> tools() {
        return tools;
    }

    public ToolChoice toolChoice() {
        return toolChoice;
    }

    /** The schema the answer must match, when structured output is requested. */
    public Optional<OutputSchema> outputSchema() {
        return Optional.ofNullable(outputSchema);
    }

    /** The output token cap for this call; 0 means the model's default. */
    public int maxOutputTokens() {
        return maxOutputTokens;
    }

    public OptionalDouble temperature() {
        return temperature == null ? OptionalDouble.empty() : OptionalDouble.of(temperature);
    }

    public List<String> stopSequences() {
        return stopSequences;
    }

    /** Free-form string metadata (run id, agent name) that providers may pass along or ignore. */
    public Map<String, String> metadata() {
        return metadata;
    }

    @Override
    public String toString() {
        return "ModelRequest{model=" + model + ", messages=" + messages.size() + ", tools=" + tools.size()
                + ", maxOutputTokens=" + maxOutputTokens + "}";
    }

    /** Builds a {@link ModelRequest}. Not thread-safe. */
    public static final class Builder {
        private String model;
        private String system = "";
        private final List<Message> messages = new ArrayList<>();
        private final List<ToolSpec> tools = new ArrayList<>();
        private ToolChoice toolChoice = ToolChoice.AUTO;
        private OutputSchema outputSchema;
        private int maxOutputTokens;
        private Double temperature;
        private final List<String> stopSequences = new ArrayList<>();
        private final Map<String, String> metadata = new LinkedHashMap<>();

        private Builder() {}

        public Builder model(String model) {
            this.model = Objects.requireNonNull(model, "model");
            return this;
        }

        public Builder system(String system) {
            this.system = Objects.requireNonNull(system, "system");
            return this;
        }

        public Builder messages(List<? extends Message> messages) {
            this.messages.clear();
            this.messages.addAll(messages);
            return this;
        }

        public Builder addMessage(Message message) {
            this.messages.add(Objects.requireNonNull(message, "message"));
            return this;
        }

        public Builder tools(List<ToolSpec> tools) {
            this.tools.clear();
            this.tools.addAll(tools);
            return this;
        }

        public Builder addTool(ToolSpec tool) {
            this.tools.add(Objects.requireNonNull(tool, "tool"));
            return this;
        }

        public Builder toolChoice(ToolChoice toolChoice) {
            this.toolChoice = Objects.requireNonNull(toolChoice, "toolChoice");
            return this;
        }

        public Builder outputSchema(OutputSchema outputSchema) {
            this.outputSchema = outputSchema;
            return this;
        }

        public Builder maxOutputTokens(int maxOutputTokens) {
            if (maxOutputTokens < 0) {
                throw new IllegalArgumentException("maxOutputTokens cannot be negative: " + maxOutputTokens);
            }
            this.maxOutputTokens = maxOutputTokens;
            return this;
        }

        public Builder temperature(double temperature) {
            if (temperature < 0 || temperature > 2) {
                throw new IllegalArgumentException("temperature must be between 0 and 2: " + temperature);
            }
            this.temperature = temperature;
            return this;
        }

        public Builder stopSequences(List<String> stopSequences) {
            this.stopSequences.clear();
            this.stopSequences.addAll(stopSequences);
            return this;
        }

        public Builder putMetadata(String key, String value) {
            this.metadata.put(Objects.requireNonNull(key, "key"), Objects.requireNonNull(value, "value"));
            return this;
        }

        public ModelRequest build() {
            return new ModelRequest(this);
        }
    }
}
