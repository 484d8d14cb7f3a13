// SPDX-License-Identifier: Apache-2.0
package org.openagention.core.providers;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;
import org.openagention.core.ConfigurationException;
import org.openagention.core.internal.Json;
import org.openagention.core.model.Model;
import org.openagention.core.model.ModelRequest;
import org.openagention.core.model.ModelResponse;
import org.openagention.core.model.StreamListener;
import org.openagention.core.providers.internal.HttpTransport;
import org.openagention.core.providers.internal.SseListener;

/**
 * Anthropic's Messages API ({@code POST /v1/messages}) over {@code java.net.http}, no vendor SDK.
 *
 * <p>Sends the system prompt, tools and transcript; keeps thinking blocks (with their signatures)
 * and block types this library does not model in the transcript and sends them back unchanged, as
 * the API requires; reports cache reads and writes in the usage; places prompt-cache breakpoints
 * on the stable prefix (system, tools, transcript) unless {@link Builder#promptCaching(boolean)
 * turned off}; asks for JSON matching the request's output schema through
 * {@code output_config.format}. {@link #stream} reads the server-sent events and returns exactly
 * the response {@link #complete} would have.
 *
 * <p>Failures are the typed exceptions of {@code org.openagention.core.model}, retried per the
 * {@link HttpOptions} (429, 529 overloaded, 5xx, I/O errors, timeouts) unless a stream has already delivered
 * content. The API key never appears in a message or log line. Immutable and thread-safe: share one
 * instance.
 *
 * <pre>{@code
 * Model claude = AnthropicModel.builder()
 *         .apiKey(System.getenv("ANTHROPIC_API_KEY"))
 *         .model("claude-sonnet-4-5")
 *         .maxTokens(8192)
 *         .build();
 * ModelResponse r = claude.complete(ModelRequest.builder().addMessage(Message.user("Hi")).build());
 * }</pre>
 */
public final class AnthropicModel implements Model {
    private final HttpTransport transport;
    private final URI endpoint;
    private final String[] headers;
    private final AnthropicRequests.Options options;
    private final int contextWindow;

    private AnthropicModel(Builder b) {
        this.endpoint = b.conn.endpoint("/v1/messages");
        this.headers = b.conn.headers(b.beta.isEmpty()
                ? List.of("x-api-key", b.conn.apiKey(), "anthropic-version", b.version)
                : List.of("x-api-key", b.conn.apiKey(), "anthropic-version", b.version, "anthropic-beta", b.beta));
        this.options = new AnthropicRequests.Options(b.model, b.maxTokens, b.thinkingBudget, b.promptCaching,
                b.nativeStructuredOutput);
        this.contextWindow = b.contextWindow;
        this.transport = b.conn.transport("anthropic");
    }

    public static Builder builder() {
        return new Builder();
    }

    @Override
    public ModelResponse complete(ModelRequest request) {
        return transport.postJson(endpoint, HttpTransport.withHeaders(headers, request.headers()), body(request, false), AnthropicResponses::parse);
    }

    @Override
    public ModelResponse stream(ModelRequest request, StreamListener listener) {
        Objects.requireNonNull(listener, "listener");
        AnthropicStream assembler = new AnthropicStream(listener);
        ModelResponse[] result = new ModelResponse[1];
        transport.postSse(endpoint, HttpTransport.withHeaders(headers, request.headers()), body(request, true), new SseListener() {
            @Override
            public void onEvent(String event, String data) {
                assembler.accept(event, data);
            }

            @Override
            public void onComplete(boolean sawDone) {
                result[0] = assembler.finish();
            }
        });
        return result[0];
    }

    private byte[] body(ModelRequest request, boolean stream) {
        return Json.write(AnthropicRequests.body(request, options, stream)).getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public String name() {
        return "anthropic:" + options.model();
    }

    @Override
    public int contextWindow() {
        return contextWindow;
    }

    @Override
    public String toString() {
        return "AnthropicModel{" + options.model() + " at " + endpoint + "}";
    }

    /** Configures an {@link AnthropicModel}. Not thread-safe. */
    public static final class Builder {
        private final Connection conn = new Connection("https://api.anthropic.com");
        private String model;
        private String version = "2023-06-01";
        private String beta = "";
        private int maxTokens = 8192;
        private int thinkingBudget;
        private boolean promptCaching = true;
        private boolean nativeStructuredOutput = true;
        private int contextWindow = 200_000;

        private Builder() {}

        /** The API key, sent as {@code x-api-key}. Required. */
        public Builder apiKey(String apiKey) {
            conn.apiKey(apiKey);
            return this;
        }

        /** Where the API is; default {@code https://api.anthropic.com} ({@code /v1/messages} is appended). */
        public Builder baseUrl(String baseUrl) {
            conn.baseUrl(baseUrl);
            return this;
        }

        /** The model id, such as {@code claude-sonnet-4-5}; a request's own model id wins. Required. */
        public Builder model(String model) {
            this.model = Objects.requireNonNull(model, "model");
            return this;
        }

        /** The {@code anthropic-version} header; default {@code 2023-06-01}. */
        public Builder anthropicVersion(String version) {
            this.version = Objects.requireNonNull(version, "version");
            return this;
        }

        /** An {@code anthropic-beta} header value (comma-separated features); none by default. */
        public Builder beta(String beta) {
            this.beta = Objects.requireNonNull(beta, "beta");
            return this;
        }

        /** The output cap when a request sets none (the API requires one); default 8192. */
        public Builder maxTokens(int maxTokens) {
            if (maxTokens <= 0) {
                throw new IllegalArgumentException("maxTokens must be positive: " + maxTokens);
            }
            this.maxTokens = maxTokens;
            return this;
        }

        /** Turns extended thinking on with this token budget (at least 1024); 0, the default, leaves it off. */
        public Builder thinkingBudget(int budgetTokens) {
            if (budgetTokens != 0 && budgetTokens < 1024) {
                throw new IllegalArgumentException("a thinking budget must be at least 1024 tokens (or 0 for none): "
                        + budgetTokens);
            }
            this.thinkingBudget = budgetTokens;
            return this;
        }

        /** Whether to place prompt-cache breakpoints; default true. */
        public Builder promptCaching(boolean promptCaching) {
            this.promptCaching = promptCaching;
            return this;
        }

        /**
         * Whether to send a request's output schema as {@code output_config.format} (default true);
         * false leaves it to the instructions the agent loop adds, for models without structured output.
         */
        public Builder nativeStructuredOutput(boolean nativeStructuredOutput) {
            this.nativeStructuredOutput = nativeStructuredOutput;
            return this;
        }

        /** The model's context window in tokens, for compaction; default 200,000. */
        public Builder contextWindow(int tokens) {
            if (tokens < 0) {
                throw new IllegalArgumentException("contextWindow cannot be negative: " + tokens);
            }
            this.contextWindow = tokens;
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

        /** @throws ConfigurationException when the API key or model is missing, or the thinking budget does not fit */
        public AnthropicModel build() {
            if (!conn.hasApiKey()) {
                throw new ConfigurationException("AnthropicModel needs an API key: call apiKey(...) "
                        + "(for example with System.getenv(\"ANTHROPIC_API_KEY\"))");
            }
            if (model == null || model.isBlank()) {
                throw new ConfigurationException("AnthropicModel needs a model id: call model(\"claude-sonnet-4-5\") or similar");
            }
            if (thinkingBudget >= maxTokens) {
                throw new ConfigurationException("the thinking budget (" + thinkingBudget
                        + ") must be below maxTokens (" + maxTokens + ")");
            }
            return new AnthropicModel(this);
        }
    }
}
