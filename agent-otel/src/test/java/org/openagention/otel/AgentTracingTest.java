// SPDX-License-Identifier: Apache-2.0
package org.openagention.otel;

import static io.opentelemetry.api.common.AttributeKey.longKey;
import static io.opentelemetry.api.common.AttributeKey.stringArrayKey;
import static io.opentelemetry.api.common.AttributeKey.stringKey;
import static org.assertj.core.api.Assertions.assertThat;
import static org.openagention.otel.Traces.attr;

import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.sdk.metrics.data.HistogramPointData;
import io.opentelemetry.sdk.trace.data.SpanData;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.openagention.core.Agent;
import org.openagention.core.RunOptions;
import org.openagention.core.RunResult;
import org.openagention.core.StopReason;
import org.openagention.core.model.FinishReason;
import org.openagention.core.model.ModelResponse;
import org.openagention.core.model.Usage;
import org.openagention.core.testing.FakeModel;
import org.openagention.core.tool.Tool;
import org.openagention.core.tool.ToolResult;

/** The spans and metrics of agent runs, checked in an in-memory exporter. */
class AgentTracingTest {
    record Text(String text) {}

    private final Traces traces = new Traces();

    @AfterEach
    void close() {
        traces.close();
    }

    private static final Tool UPPER = Tool.of("upper", "Upper-cases text", Text.class,
            (args, ctx) -> ToolResult.success(args.text().toUpperCase()));

    /** A model that asks for the upper tool, then answers; with ids, a response model and cached input. */
    private static FakeModel toolThenAnswer() {
        return new FakeModel("openai:gpt-4o-mini")
                .enqueue(ModelResponse.builder().id("resp-1").modelId("gpt-4o-mini-2024-07-18")
                        .addToolUse("call-1", "upper", "{\"text\":\"hi\"}").finishReason(FinishReason.TOOL_USE)
                        .usage(new Usage(100, 20, 30, 0)).build())
                .enqueue(ModelResponse.builder().id("resp-2").modelId("gpt-4o-mini-2024-07-18").addText("HI")
                        .usage(new Usage(150, 5)).build());
    }

    private Agent agent(FakeModel model) {
        return OpenTelemetryAgents.instrument(Agent.builder(), traces.sdk).name("helper").model(model).addTool(UPPER)
                .modelId("gpt-4o-mini").build();
    }

    @Test
    void aToolRunIsOneTreeOfInvokeAgentChatAndExecuteToolSpans() {
        RunResult result = agent(toolThenAnswer()).run("Upper-case hi");

        assertThat(result.finalText()).isEqualTo("HI");
        SpanData run = traces.span("invoke_agent helper");
        assertThat(run.getParentSpanContext().isValid()).isFalse();
        assertThat(run.getKind()).isEqualTo(SpanKind.INTERNAL);
        assertThat(traces.childrenOf(run)).containsExactly("chat gpt-4o-mini", "chat gpt-4o-mini", "execute_tool upper");
        assertThat(traces.finished()).allSatisfy(s -> assertThat(s.getTraceId()).isEqualTo(run.getTraceId()));
        assertThat(attr(run, stringKey("gen_ai.operation.name"))).isEqualTo("invoke_agent");
        assertThat(attr(run, stringKey("gen_ai.agent.name"))).isEqualTo("helper");
        assertThat(attr(run, stringKey("gen_ai.conversation.id"))).isEqualTo(result.runId());
        assertThat(attr(run, stringKey("openagention.run.id"))).isEqualTo(result.runId());
        assertThat(attr(run, stringKey("openagention.stop_reason"))).isEqualTo("completed");
        assertThat(attr(run, longKey("gen_ai.usage.input_tokens"))).isEqualTo(280L);
        assertThat(attr(run, longKey("gen_ai.usage.output_tokens"))).isEqualTo(25L);
        assertThat(run.getStatus().getStatusCode()).isEqualTo(StatusCode.UNSET);

        SpanData chat = traces.spans("chat gpt-4o-mini").get(0);
        assertThat(chat.getKind()).isEqualTo(SpanKind.CLIENT);
        assertThat(attr(chat, stringKey("gen_ai.operation.name"))).isEqualTo("chat");
        assertThat(attr(chat, stringKey("gen_ai.provider.name"))).isEqualTo("openai");
        assertThat(attr(chat, stringKey("gen_ai.request.model"))).isEqualTo("gpt-4o-mini");
        assertThat(attr(chat, stringKey("gen_ai.response.model"))).isEqualTo("gpt-4o-mini-2024-07-18");
        assertThat(attr(chat, stringKey("gen_ai.response.id"))).isEqualTo("resp-1");
        assertThat(attr(chat, stringArrayKey("gen_ai.response.finish_reasons"))).containsExactly("tool_call");
        assertThat(attr(chat, longKey("gen_ai.usage.input_tokens"))).isEqualTo(130L); // cached input counted in
        assertThat(attr(chat, longKey("gen_ai.usage.cache_read.input_tokens"))).isEqualTo(30L);
        assertThat(attr(chat, longKey("gen_ai.usage.output_tokens"))).isEqualTo(20L);
        assertThat(attr(chat, stringKey("gen_ai.input.messages"))).as("content is off by default").isNull();

        SpanData tool = traces.span("execute_tool upper");
        assertThat(tool.getKind()).isEqualTo(SpanKind.INTERNAL);
        assertThat(attr(tool, stringKey("gen_ai.operation.name"))).isEqualTo("execute_tool");
        assertThat(attr(tool, stringKey("gen_ai.tool.name"))).isEqualTo("upper");
        assertThat(attr(tool, stringKey("gen_ai.tool.call.id"))).isEqualTo("call-1");
        assertThat(attr(tool, stringKey("gen_ai.tool.type"))).isEqualTo("function");
        assertThat(attr(tool, stringKey("gen_ai.tool.call.result"))).isNull();
        assertThat(tool.getStartEpochNanos()).isGreaterThanOrEqualTo(chat.getEndEpochNanos());
    }

    @Test
    void theTokenUsageAndDurationHistogramsFollowTheConventions() {
        agent(toolThenAnswer()).run("Upper-case hi");

        assertThat(traces.metric("gen_ai.client.token.usage").getUnit()).isEqualTo("{token}");
        assertThat(traces.metric("gen_ai.client.operation.duration").getUnit()).isEqualTo("s");
        List<HistogramPointData> tokens = traces.histogram("gen_ai.client.token.usage");
        assertThat(tokens).extracting(p -> p.getAttributes().get(stringKey("gen_ai.token.type")), HistogramPointData::getSum,
                HistogramPointData::getCount)
                .containsExactlyInAnyOrder(org.assertj.core.groups.Tuple.tuple("input", 280.0, 2L),
                        org.assertj.core.groups.Tuple.tuple("output", 25.0, 2L));
        assertThat(tokens).allSatisfy(p -> {
            assertThat(p.getAttributes().get(stringKey("gen_ai.operation.name"))).isEqualTo("chat");
            assertThat(p.getAttributes().get(stringKey("gen_ai.provider.name"))).isEqualTo("openai");
            assertThat(p.getAttributes().get(stringKey("gen_ai.request.model"))).isEqualTo("gpt-4o-mini");
        });
        assertThat(traces.histogram("gen_ai.client.operation.duration")).singleElement()
                .satisfies(p -> assertThat(p.getCount()).isEqualTo(2L));
    }

    @Test
    void aStreamedRunHasTheSameTree() {
        RunResult result = agent(toolThenAnswer()).run("Upper-case hi", RunOptions.builder().streaming(true).build());

        assertThat(result.stopReason()).isEqualTo(StopReason.COMPLETED);
        SpanData run = traces.span("invoke_agent helper");
        assertThat(traces.childrenOf(run)).containsExactly("chat gpt-4o-mini", "chat gpt-4o-mini", "execute_tool upper");
        assertThat(traces.spans("chat gpt-4o-mini")).extracting(s -> attr(s, stringKey("gen_ai.response.id")))
                .containsExactly("resp-1", "resp-2");
    }

    @Test
    void aToolThatFailsAndAnUnknownToolAreErrorSpansWithTheirKind() {
        Tool broken = Tool.of("broken", "Always fails", Text.class,
                (args, ctx) -> ToolResult.error(ToolResult.ErrorKind.TOOL_FAILED, "no such file"));
        FakeModel model = new FakeModel("anthropic:claude-sonnet-4-5").enqueueToolCalls("broken", "{\"text\":\"x\"}",
                "missing", "{}").enqueueText("gave up");
        OpenTelemetryAgents.instrument(Agent.builder(), traces.sdk).name("helper").model(model).addTool(broken).build()
                .run("go");

        SpanData failed = traces.span("execute_tool broken");
        assertThat(failed.getStatus().getStatusCode()).isEqualTo(StatusCode.ERROR);
        assertThat(attr(failed, stringKey("error.type"))).isEqualTo("tool_failed");
        assertThat(failed.getStatus().getDescription()).doesNotContain("no such file"); // content stays off
        SpanData unknown = traces.span("execute_tool missing");
        assertThat(attr(unknown, stringKey("error.type"))).isEqualTo("unknown_tool");
        SpanData run = traces.span("invoke_agent helper");
        assertThat(unknown.getParentSpanId()).isEqualTo(run.getSpanId());
        assertThat(attr(traces.spans("chat claude-sonnet-4-5").get(0), stringKey("gen_ai.provider.name")))
                .isEqualTo("anthropic");
    }

    @Test
    void aRunStoppedByALimitIsAnErrorWithTheStopReason() {
        FakeModel model = FakeModel.answering(r -> ModelResponse.builder().addToolUse("c" + r.messages().size(), "upper",
                "{\"text\":\"" + r.messages().size() + "\"}").finishReason(FinishReason.TOOL_USE).build());
        agent(model).run("loop", RunOptions.builder().limits(org.openagention.core.Limits.builder().maxTurns(2).build())
                .build());

        SpanData run = traces.span("invoke_agent helper");
        assertThat(run.getStatus().getStatusCode()).isEqualTo(StatusCode.ERROR);
        assertThat(attr(run, stringKey("error.type"))).isEqualTo("max_turns");
    }

    @Test
    void theNoopApiCostsNothingAndBreaksNothing() {
        RunResult result = OpenTelemetryAgents.instrument(Agent.builder(), OpenTelemetry.noop()).model(toolThenAnswer())
                .addTool(UPPER).build().run("Upper-case hi");
        assertThat(result.finalText()).isEqualTo("HI");
        assertThat(traces.finished()).isEmpty();
    }
}
