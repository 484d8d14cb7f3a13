// SPDX-License-Identifier: Apache-2.0
package org.openagention.otel.internal;

import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.common.AttributesBuilder;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanBuilder;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import io.opentelemetry.context.propagation.TextMapSetter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.openagention.core.ModelInterceptor;
import org.openagention.core.model.ModelException;
import org.openagention.core.model.ModelRequest;
import org.openagention.core.model.ModelResponse;
import org.openagention.core.model.Usage;

/**
 * A {@code chat {model}} span (kind CLIENT) around each model call, child of its run's
 * {@code invoke_agent} span, current while the call runs, and put on the outgoing request as
 * W3C {@code traceparent} (through the configured propagator and {@link ModelRequest#withHeader});
 * records the token usage and duration histograms.
 */
public final class ChatSpans implements ModelInterceptor {
    private static final TextMapSetter<Map<String, String>> SETTER = (carrier, key, value) -> carrier.put(key, value);

    private final Telemetry t;

    public ChatSpans(Telemetry t) {
        this.t = t;
    }

    @Override
    public ModelResponse intercept(Chain chain) {
        if (!t.traces && !t.metrics) {
            return chain.proceed(chain.request()); // the API's no-op: nothing to record
        }
        ModelRequest request = chain.request();
        RunSpan run = t.run(chain.runId());
        Context parent = run != null ? run.context : Context.current();
        String provider = provider(chain.modelName());
        String model = request.model().orElseGet(() -> modelOf(chain.modelName()));
        SpanBuilder b = t.tracer.spanBuilder(model.isEmpty() ? GenAi.CHAT : GenAi.CHAT + " " + model).setParent(parent)
                .setSpanKind(SpanKind.CLIENT).setAttribute(GenAi.OPERATION_NAME, GenAi.CHAT)
                .setAttribute(GenAi.PROVIDER_NAME, provider).setAttribute(GenAi.CONVERSATION_ID, chain.runId())
                .setAttribute(GenAi.RUN_ID, chain.runId()).setAttribute(GenAi.TURN, (long) chain.turn());
        if (!model.isEmpty()) {
            b.setAttribute(GenAi.REQUEST_MODEL, model);
        }
        if (request.maxOutputTokens() > 0) {
            b.setAttribute(GenAi.REQUEST_MAX_TOKENS, (long) request.maxOutputTokens());
        }
        request.temperature().ifPresent(v -> b.setAttribute(GenAi.REQUEST_TEMPERATURE, v));
        if (!request.stopSequences().isEmpty()) {
            b.setAttribute(GenAi.REQUEST_STOP_SEQUENCES, request.stopSequences());
        }
        b.setAttribute(GenAi.OUTPUT_TYPE, request.outputSchema().isPresent() ? "json" : "text");
        Span span = b.startSpan();
        if (t.captureContent && span.isRecording()) {
            if (!request.system().isEmpty()) {
                span.setAttribute(GenAi.SYSTEM_INSTRUCTIONS, t.content.systemInstructions(request.system()));
            }
            span.setAttribute(GenAi.INPUT_MESSAGES, t.content.inputMessages(request.messages()));
        }
        long t0 = System.nanoTime();
        Context context = parent.with(span);
        try (Scope ignored = context.makeCurrent()) {
            ModelResponse response = chain.proceed(propagate(context, request));
            responded(span, provider, model, response, t0);
            return response;
        } catch (RuntimeException | Error e) {
            failed(span, provider, model, e, t0);
            throw e;
        } finally {
            span.end();
        }
    }

    /** The request with the span's context in its headers ({@code traceparent}); itself when the propagator adds none. */
    private ModelRequest propagate(Context context, ModelRequest request) {
        if (!t.propagates) {
            return request;
        }
        Map<String, String> headers = new LinkedHashMap<>(4);
        t.propagator.inject(context, headers, SETTER);
        ModelRequest out = request;
        for (Map.Entry<String, String> h : headers.entrySet()) {
            try {
                out = out.withHeader(h.getKey(), h.getValue());
            } catch (IllegalArgumentException unsendable) {
                // a propagator's header the HTTP client refuses: the call goes without it
            }
        }
        return out;
    }

    private void responded(Span span, String provider, String model, ModelResponse response, long t0) {
        double seconds = (System.nanoTime() - t0) / 1e9;
        if (span.isRecording()) {
            describe(span, response);
        }
        if (!t.metrics) {
            return;
        }
        Usage u = response.usage();
        AttributesBuilder a = Telemetry.metricAttributes(GenAi.CHAT, provider, model);
        if (!response.modelId().isEmpty()) {
            a.put(GenAi.RESPONSE_MODEL, response.modelId());
        }
        Attributes common = a.build();
        t.duration.record(seconds, common);
        if (!u.equals(Usage.ZERO)) {
            t.tokenUsage.record(u.totalInputTokens(), common.toBuilder().put(GenAi.TOKEN_TYPE, "input").build());
            t.tokenUsage.record(u.outputTokens(), common.toBuilder().put(GenAi.TOKEN_TYPE, "output").build());
        }
    }

    private void describe(Span span, ModelResponse response) {
        if (!response.id().isEmpty()) {
            span.setAttribute(GenAi.RESPONSE_ID, response.id());
        }
        if (!response.modelId().isEmpty()) {
            span.setAttribute(GenAi.RESPONSE_MODEL, response.modelId());
        }
        span.setAttribute(GenAi.RESPONSE_FINISH_REASONS, List.of(ContentJson.finishReason(response.finishReason())));
        Usage u = response.usage();
        span.setAttribute(GenAi.USAGE_INPUT_TOKENS, u.totalInputTokens()); // the conventions count cached input in
        span.setAttribute(GenAi.USAGE_OUTPUT_TOKENS, u.outputTokens());
        if (u.cacheReadTokens() > 0) {
            span.setAttribute(GenAi.USAGE_CACHE_READ_INPUT_TOKENS, u.cacheReadTokens());
        }
        if (u.cacheWriteTokens() > 0) {
            span.setAttribute(GenAi.USAGE_CACHE_CREATION_INPUT_TOKENS, u.cacheWriteTokens());
        }
        if (t.captureContent) {
            span.setAttribute(GenAi.OUTPUT_MESSAGES, t.content.outputMessages(response));
        }
    }

    private void failed(Span span, String provider, String model, Throwable e, long t0) {
        String type = Telemetry.errorType(e);
        span.recordException(e);
        Telemetry.fail(span, type, e.getMessage());
        if (e instanceof ModelException m && m.statusCode() > 0) {
            span.setAttribute(GenAi.HTTP_STATUS, (long) m.statusCode());
        }
        if (t.metrics) {
            t.duration.record((System.nanoTime() - t0) / 1e9,
                    Telemetry.metricAttributes(GenAi.CHAT, provider, model).put(GenAi.ERROR_TYPE, type).build());
        }
    }

    /**
     * The conventions' provider name from a model's name ({@code anthropic:claude-sonnet-4-5},
     * {@code openai:gpt-4o}, {@code openai-responses:o3}): the part before the colon, OpenAI's two
     * APIs both {@code openai}; a name without one is used whole.
     */
    static String provider(String modelName) {
        int colon = modelName.indexOf(':');
        String prefix = colon < 0 ? modelName : modelName.substring(0, colon);
        if (prefix.startsWith("openai")) {
            return "openai";
        }
        return prefix.isEmpty() ? "_OTHER" : prefix;
    }

    /** The model id in a model's name ({@code claude-sonnet-4-5} of {@code anthropic:claude-sonnet-4-5}); empty without a colon. */
    static String modelOf(String modelName) {
        int colon = modelName.indexOf(':');
        return colon < 0 ? "" : modelName.substring(colon + 1);
    }
}
