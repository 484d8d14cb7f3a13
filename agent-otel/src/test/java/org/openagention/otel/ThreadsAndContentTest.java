// SPDX-License-Identifier: Apache-2.0
package org.openagention.otel;

import static io.opentelemetry.api.common.AttributeKey.stringKey;
import static org.assertj.core.api.Assertions.assertThat;
import static org.openagention.otel.Traces.attr;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.sdk.trace.data.SpanData;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.openagention.core.Agent;
import org.openagention.core.testing.FakeModel;
import org.openagention.core.tool.Tool;
import org.openagention.core.tool.ToolResult;

/** Spans nest right across the loop's threads; content is recorded only when asked, and redacted. */
class ThreadsAndContentTest {
    record Text(String text) {}

    private final Traces traces = new Traces();

    @AfterEach
    void close() {
        traces.close();
    }

    @Test
    void parallelReadOnlyCallsEachRunInsideTheirOwnSpanUnderTheRun() {
        int calls = 3;
        CountDownLatch allStarted = new CountDownLatch(calls);
        Map<String, String> spanSeenByCall = new ConcurrentHashMap<>();
        Map<String, String> threadOfCall = new ConcurrentHashMap<>();
        Tool look = Tool.readOnly("look", "Looks at something", Text.class, (args, ctx) -> {
            allStarted.countDown();
            // every call waits for the others: they can only all get here if they run at once
            if (!allStarted.await(10, TimeUnit.SECONDS)) {
                return ToolResult.error("the calls did not run in parallel");
            }
            spanSeenByCall.put(args.text(), Span.current().getSpanContext().getSpanId());
            threadOfCall.put(args.text(), Thread.currentThread().getName() + "/" + Thread.currentThread().getId());
            return ToolResult.success("seen " + args.text());
        });
        FakeModel model = new FakeModel().enqueueToolCalls("look", "{\"text\":\"a\"}", "look", "{\"text\":\"b\"}",
                "look", "{\"text\":\"c\"}").enqueueText("done");

        String caller = Thread.currentThread().getName() + "/" + Thread.currentThread().getId();
        OpenTelemetryAgents.instrument(Agent.builder(), traces.sdk).name("reader").model(model).addTool(look).build()
                .run("look at a, b and c");

        SpanData run = traces.span("invoke_agent reader");
        assertThat(traces.spans("execute_tool look")).hasSize(calls).allSatisfy(tool -> {
            assertThat(tool.getParentSpanId()).isEqualTo(run.getSpanId());
            assertThat(tool.getStatus().getStatusCode()).isNotEqualTo(io.opentelemetry.api.trace.StatusCode.ERROR);
        });
        // inside each call, the current span is that call's own span
        for (SpanData tool : traces.spans("execute_tool look")) {
            String callId = attr(tool, stringKey("gen_ai.tool.call.id"));
            String arg = callId.equals("call_1") ? "a" : callId.equals("call_2") ? "b" : "c";
            assertThat(spanSeenByCall.get(arg)).isEqualTo(tool.getSpanId());
        }
        assertThat(threadOfCall.values()).doesNotContain(caller).doesNotHaveDuplicates();
    }

    @Test
    void contentIsRecordedWhenAskedWithKeysAndSecretsRedacted() {
        Tool echo = Tool.of("echo", "Echoes", Text.class, (args, ctx) -> ToolResult.success("echo: " + args.text()));
        String key = "sk-ant-api03-abcdefghijklmnopqrstuvwxyz0123";
        FakeModel model = new FakeModel("openai:gpt-4o").enqueueToolCall("echo", "{\"text\":\"token hunter2-secret\"}")
                .enqueueText("the key was " + key);
        OpenTelemetryAgents tracing = OpenTelemetryAgents.builder(traces.sdk).captureContent(true)
                .addSecret("hunter2-secret").build();
        tracing.instrument(Agent.builder()).name("echoer").instructions("Be terse. Key " + key).model(model)
                .addTool(echo).build().run("my key is " + key + " and my password hunter2-secret");

        SpanData first = traces.spans("chat gpt-4o").get(0);
        SpanData second = traces.spans("chat gpt-4o").get(1);
        assertThat(attr(first, stringKey("gen_ai.system_instructions")))
                .isEqualTo("[{\"type\":\"text\",\"content\":\"Be terse. Key [REDACTED]\"}]");
        assertThat(attr(first, stringKey("gen_ai.input.messages"))).isEqualTo("[{\"role\":\"user\",\"parts\":"
                + "[{\"type\":\"text\",\"content\":\"my key is [REDACTED] and my password [REDACTED]\"}]}]");
        assertThat(attr(first, stringKey("gen_ai.output.messages"))).contains("\"type\":\"tool_call\"")
                .contains("\"name\":\"echo\"").contains("\"finish_reason\":\"tool_call\"");
        assertThat(attr(second, stringKey("gen_ai.input.messages"))).contains("\"role\":\"tool\"")
                .contains("\"type\":\"tool_call_response\"").contains("echo: token [REDACTED]");
        assertThat(attr(second, stringKey("gen_ai.output.messages")))
                .isEqualTo("[{\"role\":\"assistant\",\"parts\":[{\"type\":\"text\",\"content\":\"the key was [REDACTED]\"}],"
                        + "\"finish_reason\":\"stop\"}]");
        SpanData tool = traces.span("execute_tool echo");
        assertThat(attr(tool, stringKey("gen_ai.tool.call.arguments"))).isEqualTo("{\"text\":\"token [REDACTED]\"}");
        assertThat(attr(tool, stringKey("gen_ai.tool.call.result"))).isEqualTo("echo: token [REDACTED]");
        assertThat(traces.finished()).allSatisfy(s -> assertThat(s.getAttributes().toString())
                .doesNotContain("hunter2-secret").doesNotContain(key));
    }
}
