// SPDX-License-Identifier: Apache-2.0
package org.openagention.core.providers;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;
import org.openagention.core.ConfigurationException;
import org.openagention.core.model.Model;
import org.openagention.core.model.ModelRequest;
import org.openagention.core.model.ModelResponse;
import org.openagention.core.model.StreamListener;
import org.openagention.core.providers.internal.HttpTransport;
import org.openagention.core.providers.internal.OpenAiChatRequests;
import org.openagention.core.providers.internal.OpenAiChatResponses;
import org.openagention.core.providers.internal.OpenAiChatStream;

/**
 * A {@link Model} on OpenAI's Chat Completions API ({@code POST {baseUrl}/chat/completions}), and
 * on any OpenAI-compatible server (Ollama, vLLM, llama.cpp server, LM Studio, OpenRouter) through
 * {@link Builder#baseUrl}.
 *
 * <p>Tools are sent as {@code tools} and come back as (parallel) {@code tool_calls}; tool results go
 * back as {@code tool} messages; a request's {@link org.openagention.core.model.OutputSchema} becomes
 * a {@code json_schema} {@code response_format}. Streaming asks for {@code stream_options.include_usage}
 * and assembles tool-call argument fragments by index; {@link #stream} returns exactly the
 * response {@link #complete} would have. Differences of compatible servers are tolerated: missing
 * usage (zero), missing tool-call ids (stable ids are generated), arguments sent as an object,
 * empty {@code choices} chunks, {@code content} null. Thinking and unknown blocks in the
 * transcript have no Chat Completions form and are left out of requests. The output token cap
 * goes out as {@code max_completion_tokens} to OpenAI itself and as {@code max_tokens} to other
 * servers, which mostly know only the older name.
 *
 * <p>Retries, timeouts and the circuit breaker are those of its {@link HttpOptions}; failures are the typed
 * subclasses of {@link org.openagention.core.model.ModelException}. The API key is never written to
 * a log line, an exception message or {@link #toString()}. Immutable and thread-safe; build one
 * per endpoint and share it. The builder is not thread-safe.
 *
 * <pre>{@code
 * Model model = OpenAiModel.builder()
 *         .apiKey(System.getenv("OPENAI_API_KEY"))
 *         .model("gpt-4o-mini")
 *         .build();
 * Model local = OpenAiModel.builder()
 *         .baseUrl("http://localhost:11434/v1")   // Ollama: no key needed
 *         .model("qwen2.5-coder:7b")
 *         .build();
 * }</pre>
 */
public final class OpenAiModel implements Model {
    /** OpenAI's own endpoint. */
    public static final String DEFAULT_BASE_URL = "https://api.openai.com/v1";
    private static final String PROVIDER = "openai";

    private final String model;
    private final String baseUrl;
    private final URI endpoint;
    private final String[] headers;
    private final int contextWindow;
    private final OpenAiChatRequests.Options options;
    private final HttpTransport transport;

    private OpenAiModel(Builder b) {
        if (b.model == null || b.model.isBlank()) {
            throw new ConfigurationException("OpenAiModel needs a model id: call OpenAiModel.builder().model(\"gpt-4o-mini\")");
        }
        this.baseUrl = b.conn.baseUrl();
        this.endpoint = b.conn.endpoint("/chat/completions");
        boolean openAiItself = endpoint.getHost().endsWith("api.openai.com");
        if (!b.conn.hasApiKey() && openAiItself) {
            throw new ConfigurationException("OpenAiModel needs an API key for " + baseUrl
                    + ": call apiKey(...) (for example with OPENAI_API_KEY), or set a baseUrl for a server without keys");
        }
        this.model = b.model;
        this.contextWindow = b.contextWindow;
        this.options = new OpenAiChatRequests.Options(b.model, openAiItself, b.strictJsonSchema,
                b.promptCacheKey != null ? b.promptCacheKey : openAiItself);
        this.headers = headers(b);
        this.transport = b.conn.transport(PROVIDER);
    }

    public static Builder builder() {
        return new Builder();
    }

    @Override
    public ModelResponse complete(ModelRequest request) {
        byte[] body = OpenAiChatRequests.write(request, options, false);
        return transport.postJson(endpoint, HttpTransport.withHeaders(headers, request.headers()), body,
                tree -> OpenAiChatResponses.read(tree, PROVIDER, transport.redactor()));
    }

    @Override
    public ModelResponse stream(ModelRequest request, StreamListener listener) {
        Objects.requireNonNull(listener, "listener");
        byte[] body = OpenAiChatRequests.write(request, options, true);
        OpenAiChatStream stream = new OpenAiChatStream(listener, PROVIDER, transport.redactor());
        transport.postSse(endpoint, HttpTransport.withHeaders(headers, request.headers()), body, stream);
        return stream.response();
    }

    /** {@code openai:<model>}. */
    @Override
    public String name() {
        return PROVIDER + ":" + model;
    }

    /** The window given to the builder; 0 (unknown) by default. */
    @Override
    public int contextWindow() {
        return contextWindow;
    }

    /** The default model id of this model's requests. */
    public String model() {
        return model;
    }

    public String baseUrl() {
        return baseUrl;
    }

    @Override
    public String toString() {
        return "OpenAiModel{model=" + model + ", baseUrl=" + baseUrl + "}";
    }

    private static String[] headers(Builder b) {
        List<String> h = new ArrayList<>();
        if (b.conn.hasApiKey()) {
            h.add("authorization");
            h.add("Bearer " + b.conn.apiKey());
        }
        if (b.organization != null) {
            h.add("openai-organization");
            h.add(b.organization);
        }
        if (b.project != null) {
            h.add("openai-project");
            h.add(b.project);
        }
        h.addAll(b.extraHeaders);
        return b.conn.headers(h);
    }

    /** Configures an {@link OpenAiModel}. Only {@link #model} is required (and {@link #apiKey} for OpenAI itself). */
    public static final class Builder {
        private final Connection conn = new Connection(DEFAULT_BASE_URL);
        private String model;
        private String organization;
        private String project;
        private final List<String> extraHeaders = new ArrayList<>();
        private boolean strictJsonSchema;
        /** Null: on for OpenAI itself, off for other servers. */
        private Boolean promptCacheKey;
        private int contextWindow;

        private Builder() {}

        /** The API key, sent as a bearer token. Optional for OpenAI-compatible servers without auth. */
        public Builder apiKey(String apiKey) {
            conn.apiKey(apiKey);
            return this;
        }

        /** The API root, such as {@code http://localhost:8000/v1}; defaults to {@link #DEFAULT_BASE_URL}. */
        public Builder baseUrl(String baseUrl) {
            conn.baseUrl(baseUrl);
            return this;
        }

        /** The model id sent when a request names none, such as {@code gpt-4o-mini}. Required. */
        public Builder model(String model) {
            this.model = Objects.requireNonNull(model, "model");
            return this;
        }

        /** Sent as {@code OpenAI-Organization}. */
        public Builder organization(String organization) {
            this.organization = Objects.requireNonNull(organization, "organization");
            return this;
        }

        /** Sent as {@code OpenAI-Project}. */
        public Builder project(String project) {
            this.project = Objects.requireNonNull(project, "project");
            return this;
        }

        /** A header sent with every request (a gateway's routing header, for example). */
        public Builder addHeader(String name, String value) {
            extraHeaders.add(Objects.requireNonNull(name, "name"));
            extraHeaders.add(Objects.requireNonNull(value, "value"));
            return this;
        }

        /**
         * The shared HTTP settings (timeouts, retries, circuit breaker, client), replacing the
         * current ones; {@link HttpOptions#defaults()} by default.
         */
        public Builder http(HttpOptions http) {
            conn.http(http);
            return this;
        }

        /**
         * Changes some of the shared HTTP settings, such as
         * {@code http(h -> h.idleTimeout(Duration.ofSeconds(20)))}.
         *
         * @throws IllegalArgumentException when a value is bad
         */
        public Builder http(Consumer<HttpOptions.Builder> change) {
            conn.http(change);
            return this;
        }

        /**
         * Whether to send {@code prompt_cache_key} (a hash of the run id) so that OpenAI routes a
         * run's requests, which extend one another, to the same prompt cache even when many runs
         * share a system prompt and tools. On by default for OpenAI itself, off for other servers
         * (which may not know the field).
         */
        public Builder promptCacheKey(boolean send) {
            this.promptCacheKey = send;
            return this;
        }

        /**
         * Asks for {@code strict} structured output. OpenAI then guarantees the schema, but only
         * accepts schemas in its strict subset (every property required, no additional
         * properties). Off by default; the agent validates answers either way.
         */
        public Builder strictJsonSchema(boolean strict) {
            this.strictJsonSchema = strict;
            return this;
        }

        /** The model's context window in tokens, for compaction; 0 (unknown) by default. */
        public Builder contextWindow(int tokens) {
            if (tokens < 0) {
                throw new IllegalArgumentException("contextWindow cannot be negative: " + tokens);
            }
            this.contextWindow = tokens;
            return this;
        }

        /**
         * @throws ConfigurationException when the model id is missing, the base URL is invalid, a
         *     header cannot be sent, or OpenAI itself is the target and no key is set
         */
        public OpenAiModel build() {
            return new OpenAiModel(this);
        }
    }
}
