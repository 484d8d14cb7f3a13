// SPDX-License-Identifier: Apache-2.0
package org.openagention.core.providers;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.openagention.core.Agent;
import org.openagention.core.AgentEvent;
import org.openagention.core.RunOptions;
import org.openagention.core.RunResult;
import org.openagention.core.StopReason;
import org.openagention.core.internal.Json;
import org.openagention.core.model.StreamEvent;
import org.openagention.core.providers.LoopbackServer.Reply;
import org.openagention.core.testing.RecordingListener;
import org.openagention.core.tool.Tool;
import org.openagention.core.tool.ToolResult;

/** An agent with one tool runs three turns against a loopback server speaking Chat Completions. */
class OpenAiAgentEndToEndTest {
    record Lookup(String city) {}

    private final LoopbackServer server = new LoopbackServer();

    @AfterEach
    void stop() {
        server.close();
    }

    static String toolCallJson(String id, String city) {
        return "{\"id\":\"chatcmpl-" + id + "\",\"model\":\"gpt-4o-mini\",\"choices\":[{\"index\":0,\"message\":{"
                + "\"role\":\"assistant\",\"content\":null,\"tool_calls\":[{\"id\":\"call_" + id + "\",\"type\":\"function\","
                + "\"function\":{\"name\":\"lookup\",\"arguments\":\"{\\\"city\\\":\\\"" + city + "\\\"}\"}}]},"
                + "\"finish_reason\":\"tool_calls\"}],\"usage\":{\"prompt_tokens\":50,\"completion_tokens\":10}}";
    }

    static String toolCallSse(String id, String city) {
        String head = "{\"id\":\"chatcmpl-" + id + "\",\"model\":\"gpt-4o-mini\",\"choices\":[{\"index\":0,\"delta\":";
        return "data: " + head + "{\"role\":\"assistant\",\"tool_calls\":[{\"index\":0,\"id\":\"call_" + id
                + "\",\"type\":\"function\",\"function\":{\"name\":\"lookup\",\"arguments\":\"\"}}]},\"finish_reason\":null}]}\n\n"
                + "data: " + head + "{\"tool_calls\":[{\"index\":0,\"function\":{\"arguments\":\"{\\\"city\\\":\"}}]},\"finish_reason\":null}]}\n\n"
                + "data: " + head + "{\"tool_calls\":[{\"index\":0,\"function\":{\"arguments\":\"\\\"" + city + "\\\"}\"}}]},\"finish_reason\":null}]}\n\n"
                + "data: " + head + "{},\"finish_reason\":\"tool_calls\"}]}\n\n"
                + "data: {\"id\":\"chatcmpl-" + id + "\",\"choices\":[],\"usage\":{\"prompt_tokens\":50,\"completion_tokens\":10}}\n\n"
                + "data: [DONE]\n\n";
    }

    static String answerJson(String text) {
        return "{\"id\":\"chatcmpl-final\",\"model\":\"gpt-4o-mini\",\"choices\":[{\"index\":0,\"message\":{"
                + "\"role\":\"assistant\",\"content\":\"" + text + "\"},\"finish_reason\":\"stop\"}],"
                + "\"usage\":{\"prompt_tokens\":80,\"completion_tokens\":12}}";
    }

    static String answerSse(String text) {
        String head = "{\"id\":\"chatcmpl-final\",\"model\":\"gpt-4o-mini\",\"choices\":[{\"index\":0,\"delta\":";
        int half = text.length() / 2;
        return "data: " + head + "{\"role\":\"assistant\",\"content\":\"" + text.substring(0, half) + "\"},\"finish_reason\":null}]}\n\n"
                + "data: " + head + "{\"content\":\"" + text.substring(half) + "\"},\"finish_reason\":\"stop\"}]}\n\n"
                + "data: {\"id\":\"chatcmpl-final\",\"choices\":[],\"usage\":{\"prompt_tokens\":80,\"completion_tokens\":12}}\n\n"
                + "data: [DONE]\n\n";
    }

    @ParameterizedTest(name = "streaming={0}")
    @ValueSource(booleans = {false, true})
    void agentRunsThreeTurnsWithAToolOverTheWire(boolean streaming) throws Exception {
        String answer = "Oslo is colder than Lima.";
        if (streaming) {
            server.enqueue(Reply.sse(toolCallSse("1", "Oslo"))).enqueue(Reply.sse(toolCallSse("2", "Lima")))
                    .enqueue(Reply.sse(answerSse(answer)));
        } else {
            server.enqueue(Reply.json(toolCallJson("1", "Oslo"))).enqueue(Reply.json(toolCallJson("2", "Lima")))
                    .enqueue(Reply.json(answerJson(answer)));
        }
        Tool lookup = Tool.readOnly("lookup", "Looks up the temperature of a city.", Lookup.class,
                (args, ctx) -> ToolResult.success(args.city().equals("Oslo") ? "-3 C" : "19 C"));
        RecordingListener events = new RecordingListener();
        Agent agent = Agent.builder()
                .model(OpenAiModel.builder().apiKey("sk-e2e-0000000000").baseUrl(server.baseUrl()).model("gpt-4o-mini").build())
                .instructions("Answer with the tool's help.")
                .addTool(lookup)
                .addListener(events)
                .build();

        RunResult result = agent.run("Which is colder, Oslo or Lima?", RunOptions.builder().streaming(streaming).build());

        assertThat(result.stopReason()).isEqualTo(StopReason.COMPLETED);
        assertThat(result.finalText()).isEqualTo(answer);
        assertThat(server.requestCount()).isEqualTo(3);
        List<LoopbackServer.Received> sent = server.received();
        JsonNode third = Json.parse(sent.get(2).body());
        JsonNode messages = third.get("messages");
        assertThat(messages).hasSize(6); // system, user, assistant+call, tool, assistant+call, tool
        assertThat(messages.get(3).get("tool_call_id").asText()).isEqualTo("call_1");
        assertThat(messages.get(3).get("content").asText()).isEqualTo("-3 C");
        assertThat(messages.get(5).get("content").asText()).isEqualTo("19 C");
        assertThat(third.get("tools").get(0).at("/function/name").asText()).isEqualTo("lookup");
        assertThat(third.has("stream")).isEqualTo(streaming);
        assertThat(events.events(AgentEvent.ToolCallFinished.class)).hasSize(2);
        List<AgentEvent.ModelStreamed> streamed = events.events(AgentEvent.ModelStreamed.class);
        if (streaming) {
            assertThat(streamed).extracting(AgentEvent.ModelStreamed::event)
                    .contains(new StreamEvent.TextDelta("Oslo is cold"));
        } else {
            assertThat(streamed).isEmpty();
        }
    }
}
