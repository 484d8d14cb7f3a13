// SPDX-License-Identifier: Apache-2.0
package org.openagention.core.providers;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
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
import org.openagention.core.providers.internal.ProviderErrors;
import org.openagention.core.providers.internal.SseListener;

/**
 * OpenAI's Responses API ({@code POST /v1/responses}) over {@code java.net.http}, no vendor SDK.
 *
 * <p>The transcript goes out as {@code input} items ({@code message}, {@code function_call},
 * {@code function_call_output} paired by {@code call_id}) with the system prompt as
 * {@code instructions}; tools as function tools; an output schema as {@code text.format}
 * ({@code json_schema}). Reasoning items and other output items this library does not model are
 * kept in the transcript whole and sent back unchanged (with their {@code encrypted_content} when
 * {@link Builder#reasoningEffort reasoning} is on). Cached input tokens are reported apart.
 * {@link #stream} reads the server-sent events (with or without {@code sequence_number}) and
 * returns exactly the response {@link #complete} would have.
 *
 * <p>Conversation state stays with the caller: nothing relies on {@code previous_response_id},
 * and {@code store} is false unless {@link Builder#store(boolean)} says otherwise. Failures are
 * the typed exceptions of {@code org.openagention.core.model}, retried per the
 * {@link HttpOptions}. The API key never appears in a message or log line. Immutable and
 * thread-safe.
 *
 * <pre>{@code
 * Model gpt = OpenAiResponsesModel.builder()
 *         .apiKey(System.getenv("OPENAI_API_KEY"))
 *         .model("gpt-5-mini")
 *         .reasoningEffort("low")
 *         .build();
 * }</pre>
 */
public final class OpenAiResponsesModel implements Model {
    private final HttpTransport transport;
    private final URI endpoint;
    private final String[] headers;
    private final ResponsesRequests.Options options;
    private final int contextWindow;

    private OpenAiResponsesModel(Builder b) {
        this.endpoint = b.conn.endpoint("/responses");
        List<String> h = new ArrayList<>(List.of("authorization", "Bearer " + b.conn.apiKey()));
        if (!b.organization.isEmpty()) {
            h.addAll(List.of("openai-organization", b.organization));
        }
        if (!b.project.isEmpty()) {
            h.addAll(List.of("openai-project", b.project));
        }
        this.headers = b.conn.headers(h);
        this.options = new ResponsesRequests.Options(b.model, b.maxOutputTokens, b.reasoningEffort, b.store,
                b.promptCacheKey != null ? b.promptCacheKey : endpoint.getHost().endsWith("api.openai.com"));
        this.contextWindow = b.contextWindow;
        this.transport = b.conn.transport("openai-responses");
    }

    public static Builder builder() {
        return new Builder();
    }

    @Override
    public ModelResponse complete(ModelRequest request) {
        return transport.postJson(endpoint, HttpTransport.withHeaders(headers, request.headers()), body(request, false), this::read);
    }

    private ModelResponse read(JsonNode response) {
        if ("failed".equals(Json.text(response, "status", "")) && response.path("error").isObject()) {
            ObjectNode body = Json.object();
            body.set("error", response.get("error"));
            throw ProviderErrors.fromResponse("openai-responses", 0, null, Json.write(body), null,
                    transport.redactor());
        }
        return ResponsesParser.parse(response, List.of());
    }

    @Override
    public ModelResponse stream(ModelRequest request, StreamListener listener) {
        Objects.requireNonNull(listener, "listener");
        ResponsesStream assembler = new ResponsesStream(listener, transport.redactor());
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
        return Json.write(ResponsesRequests.body(request, options, stream)).getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public String name() {
        return "openai-responses:" + options.model();
    }

    @Override
    public int contextWindow() {
        return contextWindow;
    }

    @Override
    public String toString() {
        return "OpenAiResponsesModel{" + options.model() + " at " + endpoint + "}";
    }

    /** Configures an {@link OpenAiResponsesModel}. Not thread-safe. */
    public static final class Builder {
        private final Connection conn = new Connection(OpenAiModel.DEFAULT_BASE_URL);
        private String model;
        private String organization = "";
        private String project = "";
        private int maxOutputTokens;
        private String reasoningEffort = "";
        private Boolean store = false;
        /** Null: on for OpenAI itself, off for other servers. */
        private Boolean promptCacheKey;
        private int contextWindow;

        private Builder() {}

        /** The API key, sent as a bearer token. Required (any non-blank text for servers that ignore it). */
        public Builder apiKey(String apiKey) {
            conn.apiKey(apiKey);
            return this;
        }

        /** Where the API is; default {@code https://api.openai.com/v1} ({@code /responses} is appended). */
        public Builder baseUrl(String baseUrl) {
            conn.baseUrl(baseUrl);
            return this;
        }

        /** The model id, such as {@code gpt-5-mini}; a request's own model id wins. Required. */
        public Builder model(String model) {
            this.model = Objects.requireNonNull(model, "model");
            return this;
        }

        /** Sent as {@code OpenAI-Organization}; none by default. */
        public Builder organization(String organization) {
            this.organization = Objects.requireNonNull(organization, "organization");
            return this;
        }

        /** Sent as {@code OpenAI-Project}; none by default. */
        public Builder project(String project) {
            this.project = Objects.requireNonNull(project, "project");
            return this;
        }

        /** The output cap when a request sets none; 0, the default, leaves the model's own. */
        public Builder maxOutputTokens(int maxOutputTokens) {
            if (maxOutputTokens < 0) {
                throw new IllegalArgumentException("maxOutputTokens cannot be negative: " + maxOutputTokens);
            }
            this.maxOutputTokens = maxOutputTokens;
            return this;
        }

        /**
         * The reasoning effort for reasoning models ({@code minimal}, {@code low}, {@code medium},
         * {@code high}); also asks for encrypted reasoning so it can be sent back. Empty, the
         * default, sends none.
         */
        public Builder reasoningEffort(String effort) {
            this.reasoningEffort = Objects.requireNonNull(effort, "effort");
            return this;
        }

        /**
         * Whether to send {@code prompt_cache_key} (a hash of the run id) so that OpenAI routes a
         * run's requests, which extend one another, to the same prompt cache even when many runs
         * share instructions and tools. On by default for OpenAI itself, off for other servers.
         */
        public Builder promptCacheKey(boolean send) {
            this.promptCacheKey = send;
            return this;
        }

        /** Whether OpenAI may store responses; default false (state stays in the transcript). */
        public Builder store(boolean store) {
            this.store = store;
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

        /** @throws ConfigurationException when the API key or model is missing or the base URL is not a URL */
        public OpenAiResponsesModel build() {
            if (!conn.hasApiKey()) {
                throw new ConfigurationException("OpenAiResponsesModel needs an API key: call apiKey(...) "
                        + "(for example with System.getenv(\"OPENAI_API_KEY\"))");
            }
            if (model == null || model.isBlank()) {
                throw new ConfigurationException("OpenAiResponsesModel needs a model id: call model(\"gpt-5-mini\") or similar");
            }
            return new OpenAiResponsesModel(this);
        }
    }
}
