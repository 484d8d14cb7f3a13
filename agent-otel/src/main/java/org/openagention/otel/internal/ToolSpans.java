// SPDX-License-Identifier: Apache-2.0
package org.openagention.otel.internal;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanBuilder;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import org.openagention.core.tool.ToolCall;
import org.openagention.core.tool.ToolInterceptor;
import org.openagention.core.tool.ToolResult;

/**
 * An {@code execute_tool {name}} span (kind INTERNAL) around each tool call, child of its run's
 * {@code invoke_agent} span whichever thread the call runs on (read-only calls run in parallel on
 * other threads, virtual ones on JDK 21+), and current while the tool runs, so that what the tool
 * itself traces nests under it. A result that is an error marks the span failed with the error's
 * kind ({@code error.type} = {@code tool_failed}, {@code denied}, ...).
 */
public final class ToolSpans implements ToolInterceptor {
    private final Telemetry t;

    public ToolSpans(Telemetry t) {
        this.t = t;
    }

    @Override
    public ToolResult intercept(Chain chain) throws Exception {
        if (!t.traces) {
            return chain.proceed(chain.call());
        }
        ToolCall call = chain.call();
        RunSpan run = t.run(chain.context().runId());
        Context parent = run != null ? run.context : Context.current();
        if (run != null) {
            run.spanned(call.id());
        }
        Span span = start(parent, chain.context().runId(), chain.context().turn(), call, null)
                .setAttribute(GenAi.TOOL_DESCRIPTION, chain.tool().spec().description()).startSpan();
        try (Scope ignored = parent.with(span).makeCurrent()) {
            ToolResult result = chain.proceed(call);
            finished(span, result);
            return result;
        } catch (Exception | Error e) {
            span.recordException(e);
            Telemetry.fail(span, Telemetry.errorType(e), e.getMessage());
            throw e;
        } finally {
            span.end();
        }
    }

    /** A span after the fact, for a call the interceptors never saw (an unknown tool, bad arguments, a refusal before it). */
    void afterTheFact(RunSpan run, String runId, int turn, ToolCall call, ToolResult result, Duration elapsed) {
        Instant end = Instant.now();
        Span span = start(run.context, runId, turn, call, end.minus(elapsed)).startSpan();
        finished(span, result);
        span.end(end);
    }

    private SpanBuilder start(Context parent, String runId, int turn, ToolCall call, Instant at) {
        SpanBuilder b = t.tracer.spanBuilder(GenAi.EXECUTE_TOOL + " " + call.name()).setParent(parent)
                .setSpanKind(SpanKind.INTERNAL).setAttribute(GenAi.OPERATION_NAME, GenAi.EXECUTE_TOOL)
                .setAttribute(GenAi.TOOL_NAME, call.name()).setAttribute(GenAi.TOOL_CALL_ID, call.id())
                .setAttribute(GenAi.TOOL_TYPE, "function").setAttribute(GenAi.RUN_ID, runId)
                .setAttribute(GenAi.TURN, (long) turn);
        if (at != null) {
            b.setStartTimestamp(at);
        }
        if (t.captureContent) {
            b.setAttribute(GenAi.TOOL_CALL_ARGUMENTS, t.content.text(call.argumentsJson()));
        }
        return b;
    }

    private void finished(Span span, ToolResult result) {
        if (!span.isRecording()) {
            return;
        }
        if (t.captureContent) {
            span.setAttribute(GenAi.TOOL_CALL_RESULT, t.content.text(result.text()));
        }
        if (result instanceof ToolResult.Error e) {
            // the message is what the model is told, which may quote content: only the kind goes on by default
            Telemetry.fail(span, e.kind().name().toLowerCase(Locale.ROOT),
                    t.captureContent ? t.content.text(e.text()) : "the tool call failed: " + e.kind());
        }
    }
}
