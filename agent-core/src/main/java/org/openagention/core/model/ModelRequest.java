// SPDX-License-Identifier: Apache-2.0
package org.openagention.core.model;

import java.net.http.HttpRequest;
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
    private final Map<String, String> headers;

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
        this.headers = Map.copyOf(b.headers);
    }

    /** This request with {@code messages} and {@code headers}; everything else is shared, not copied. */
    private ModelRequest(ModelRequest base, List<Message> messages, Map<String, String> headers) {
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
        this.headers = headers;
    }

    public static Builder builder() {
        return new Builder();
    }

    /**
     * This request with {@code messages} (copied) as its transcript and every other setting kept:
     * the cheap way to send the same settings turn after turn, as an agent loop does.
     */
    public ModelRequest withMessages(List<? extends Message> messages) {
        return new ModelRequest(this, List.copyOf(messages), headers);
    }

    /**
     * This request with the HTTP header {@code name: value} added (replacing one of that name), every
     * other setting shared: how an interceptor puts a header on one call, such as a W3C
     * {@code traceparent}. See {@link #headers()}.
     *
     * @throws IllegalArgumentException when the header cannot be sent (a bad name or value, or one
     *     the HTTP client sets itself, such as {@code host} or {@code content-length})
     */
    public ModelRequest withHeader(String name, String value) {
        Builder.checkHeader(name, value);
        Map<String, String> h = new LinkedHashMap<>(headers);
        h.keySet().removeIf(n -> n.equalsIgnoreCase(name));
        h.put(name, value);
        return new ModelRequest(this, messages, Map.copyOf(h));
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
        b.headers.putAll(headers);
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

    /**
     * Extra HTTP headers for this one call (a W3C {@code traceparent}, a tenant id for a gateway).
     * The built-in providers send them, each replacing a header of the same name the provider would
     * send (so an interceptor could even override a version header); a model that does not speak
     * HTTP ignores them. Empty by default. Never journaled.
     */
    public Map<String, String> headers() {
        return headers;
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
        private final Map<String, String> headers = new LinkedHashMap<>();

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

        /**
         * Adds an HTTP header for this call (see {@link ModelRequest#headers()}), replacing one of the
         * same name.
         *
         * @throws IllegalArgumentException when the header cannot be sent (a bad name or value, or
         *     one the HTTP client sets itself, such as {@code host} or {@code content-length})
         */
        public Builder putHeader(String name, String value) {
            checkHeader(name, value);
            this.headers.keySet().removeIf(n -> n.equalsIgnoreCase(name));
            this.headers.put(name, value);
            return this;
        }

        static void checkHeader(String name, String value) {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(value, "value");
            try {
                HttpRequest.newBuilder().header(name, value); // the JDK client's own rules, checked now rather than per call
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("the header '" + name + "' cannot be sent: " + e.getMessage(), e);
            }
        }

        public ModelRequest build() {
            return new ModelRequest(this);
        }
    }
}
