// SPDX-License-Identifier: Apache-2.0
package org.openagention.otel.internal;

import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.context.Context;
import java.util.Locale;
import org.openagention.core.AgentEvent;
import org.openagention.core.AgentListener;
import org.openagention.core.RunResult;
import org.openagention.core.StopReason;

/**
 * The {@code invoke_agent {agent}} span of each run (kind INTERNAL), opened on {@code RunStarted}
 * as a child of the context current on the thread that starts the run (a request's span, or an
 * orchestrated attempt's), and ended on {@code RunFinished} with the run's usage, stop reason and,
 * for a run that did not complete, {@code error.type}: the exception's class for a failed model
 * call, else the stop reason ({@code max_turns}, {@code timeout}, ...). Also spans the tool calls
 * the tool interceptors never saw, and notes approvals and compactions as span events.
 */
public final class AgentSpans implements AgentListener {
    private final Telemetry t;
    private final ToolSpans tools;

    public AgentSpans(Telemetry t, ToolSpans tools) {
        this.t = t;
        this.tools = tools;
    }

    @Override
    public void onEvent(AgentEvent event) {
        if (!t.traces) {
            return;
        }
        if (event instanceof AgentEvent.RunStarted e) {
            started(e);
            return;
        }
        RunSpan run = t.run(event.runId());
        if (run == null) {
            return; // started before this listener was there, or already finished
        }
        if (event instanceof AgentEvent.ErrorOccurred e) {
            if (e.error() != null) {
                run.error = e.error();
                run.span.recordException(e.error());
            }
        } else if (event instanceof AgentEvent.ToolCallFinished e) {
            if (!e.replayed() && !run.wasSpanned(e.call().id())) {
                tools.afterTheFact(run, e.runId(), e.turn(), e.call(), e.result(), e.elapsed());
            }
        } else if (event instanceof AgentEvent.ApprovalDecided e) {
            Span current = Span.current();
            (current.getSpanContext().isValid() ? current : run.span).addEvent("openagention.approval", Attributes.builder()
                    .put(GenAi.TOOL_CALL_ID, e.call().id()).put("openagention.approval.approved", e.approved())
                    .put("openagention.approval.decided_by", e.decidedBy()).build());
        } else if (event instanceof AgentEvent.ContextCompacted e) {
            run.span.addEvent("openagention.compaction", Attributes.builder()
                    .put("openagention.compaction.messages_before", e.messagesBefore())
                    .put("openagention.compaction.messages_after", e.messagesAfter()).build());
        } else if (event instanceof AgentEvent.RunFinished e) {
            finished(e);
        }
    }

    private void started(AgentEvent.RunStarted e) {
        Context parent = Context.current();
        Span span = t.tracer.spanBuilder(GenAi.INVOKE_AGENT + " " + e.agentName()).setParent(parent)
                .setSpanKind(SpanKind.INTERNAL).setAttribute(GenAi.OPERATION_NAME, GenAi.INVOKE_AGENT)
                .setAttribute(GenAi.AGENT_NAME, e.agentName()).setAttribute(GenAi.CONVERSATION_ID, e.runId())
                .setAttribute(GenAi.RUN_ID, e.runId()).setAttribute(GenAi.RESUMED, e.resumed()).startSpan();
        if (t.captureContent) {
            span.setAttribute(GenAi.INPUT_MESSAGES, "[{\"role\":\"user\",\"parts\":["
                    + "{\"type\":\"text\",\"content\":" + quoted(t.content.text(e.input())) + "}]}]");
        }
        t.opened(e.runId(), new RunSpan(span, parent.with(span)));
    }

    private void finished(AgentEvent.RunFinished e) {
        RunSpan run = t.closed(e.runId());
        RunResult r = e.result();
        Span span = run.span;
        if (!span.isRecording()) {
            span.end();
            return;
        }
        span.setAttribute(GenAi.STOP_REASON, r.stopReason().name().toLowerCase(Locale.ROOT));
        span.setAttribute(GenAi.TURNS, (long) r.turns());
        span.setAttribute(GenAi.USAGE_INPUT_TOKENS, r.usage().totalInputTokens());
        span.setAttribute(GenAi.USAGE_OUTPUT_TOKENS, r.usage().outputTokens());
        if (r.usage().cacheReadTokens() > 0) {
            span.setAttribute(GenAi.USAGE_CACHE_READ_INPUT_TOKENS, r.usage().cacheReadTokens());
        }
        span.setAttribute(GenAi.COST_USD, r.costUsd());
        if (!r.isSuccess()) {
            Throwable error = run.error;
            String type = r.stopReason() == StopReason.MODEL_ERROR && error != null ? Telemetry.errorType(error)
                    : r.stopReason().name().toLowerCase(Locale.ROOT);
            Telemetry.fail(span, type, r.detail());
        }
        span.end();
    }

    private static String quoted(String s) {
        StringBuilder sb = new StringBuilder();
        ContentJson.string(sb, s);
        return sb.toString();
    }
}
