// SPDX-License-Identifier: Apache-2.0
package org.openagention.core.providers;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.openagention.core.Agent;
import org.openagention.core.AgentEvent;
import org.openagention.core.RunOptions;
import org.openagention.core.RunResult;
import org.openagention.core.StopReason;
import org.openagention.core.internal.Json;
import org.openagention.core.model.Model;
import org.openagention.core.model.StreamEvent;
import org.openagention.core.testing.RecordingListener;
import org.openagention.core.tool.Tool;
import org.openagention.core.tool.ToolResult;

/** An agent with one tool runs three turns against a loopback server speaking each provider's format. */
class ProvidersEndToEndTest {
    record Lookup(String city) {}

    static final Tool WEATHER = Tool.readOnly("weather", "Today's temperature in a city", Lookup.class,
            (args, ctx) -> ToolResult.success(args.city().equals("Utrecht") ? "18°C" : "21°C"));

    static RunResult run(Model model, boolean streaming, RecordingListener listener) {
        return Agent.builder().model(model).instructions("Answer with the tool's help.").addTool(WEATHER)
                .addListener(listener).build()
                .run("Is Utrecht warmer than Lyon?", RunOptions.builder().streaming(streaming).build());
    }

    @ParameterizedTest(name = "streaming={0}")
    @ValueSource(booleans = {false, true})
    void anthropicAgentRunsThreeTurns(boolean streaming) {
        try (LoopbackServer server = new LoopbackServer()) {
            server.enqueue(anthropic(streaming, "msg_1", "tool_use", toolUse("toolu_1", "Utrecht")))
                    .enqueue(anthropic(streaming, "msg_2", "tool_use", toolUse("toolu_2", "Lyon")))
                    .enqueue(anthropic(streaming, "msg_3", "end_turn", "{\"type\":\"text\",\"text\":\"No: Lyon is warmer.\"}"));
            Model model = AnthropicModel.builder().apiKey("sk-ant-e2e-test")
                    .baseUrl(server.baseUrl().substring(0, server.baseUrl().length() - 3)).model("claude-haiku-4-5")
                    .build();
            RecordingListener listener = new RecordingListener();

            RunResult result = run(model, streaming, listener);

            assertThat(result.stopReason()).isEqualTo(StopReason.COMPLETED);
            assertThat(result.finalText()).isEqualTo("No: Lyon is warmer.");
            assertThat(server.received()).hasSize(3);
            JsonNode third = Json.parseTrusted(server.received().get(2).body());
            assertThat(third.get("stream").asBoolean()).isEqualTo(streaming);
            JsonNode messages = third.get("messages");
            assertThat(messages).hasSize(5);
            assertThat(messages.get(2).at("/content/0/content").asText()).isEqualTo("18°C");
            assertThat(messages.get(4).at("/content/0/tool_use_id").asText()).isEqualTo("toolu_2");
            assertThat(messages.get(4).at("/content/0/content").asText()).isEqualTo("21°C");
            assertStreamed(listener, streaming);
        }
    }

    @ParameterizedTest(name = "streaming={0}")
    @ValueSource(booleans = {false, true})
    void openAiResponsesAgentRunsThreeTurns(boolean streaming) {
        try (LoopbackServer server = new LoopbackServer()) {
            server.enqueue(responses(streaming, "resp_1", functionCall("call_1", "Utrecht")))
                    .enqueue(responses(streaming, "resp_2", functionCall("call_2", "Lyon")))
                    .enqueue(responses(streaming, "resp_3", "{\"type\":\"message\",\"id\":\"msg_3\",\"role\":"
                            + "\"assistant\",\"content\":[{\"type\":\"output_text\",\"text\":\"No: Lyon is warmer.\"}]}"));
            Model model = OpenAiResponsesModel.builder().apiKey("sk-e2e-test").baseUrl(server.baseUrl())
                    .model("gpt-4.1-mini").build();
            RecordingListener listener = new RecordingListener();

            RunResult result = run(model, streaming, listener);

            assertThat(result.stopReason()).isEqualTo(StopReason.COMPLETED);
            assertThat(result.finalText()).isEqualTo("No: Lyon is warmer.");
            assertThat(server.received()).hasSize(3);
            JsonNode input = Json.parseTrusted(server.received().get(2).body()).get("input");
            assertThat(input).extracting(i -> i.path("type").asText(i.path("role").asText())).containsExactly(
                    "user", "function_call", "function_call_output", "function_call", "function_call_output");
            assertThat(input.get(4).get("call_id").asText()).isEqualTo("call_2");
            assertThat(input.get(4).get("output").asText()).isEqualTo("21°C");
            assertStreamed(listener, streaming);
        }
    }

    private static void assertStreamed(RecordingListener listener, boolean streaming) {
        List<AgentEvent.ModelStreamed> streamed = listener.events(AgentEvent.ModelStreamed.class);
        if (streaming) {
            assertThat(streamed).extracting(AgentEvent.ModelStreamed::event)
                    .contains(new StreamEvent.TextDelta("No: Lyon is warmer."))
                    .anySatisfy(e -> assertThat(e).isInstanceOf(StreamEvent.ToolCallFinished.class));
        } else {
            assertThat(streamed).isEmpty();
        }
    }

    static String toolUse(String id, String city) {
        return "{\"type\":\"tool_use\",\"id\":\"" + id + "\",\"name\":\"weather\",\"input\":{\"city\":\"" + city + "\"}}";
    }

    /** One Anthropic response with one content block, as a JSON body or as the SSE stream of it. */
    static LoopbackServer.Reply anthropic(boolean streaming, String id, String stop, String block) {
        String usage = "{\"input_tokens\":50,\"cache_creation_input_tokens\":0,\"cache_read_input_tokens\":0,\"output_tokens\":10}";
        if (!streaming) {
            return LoopbackServer.Reply.json("{\"id\":\"" + id + "\",\"type\":\"message\",\"role\":\"assistant\","
                    + "\"model\":\"claude-haiku-4-5\",\"content\":[" + block + "],\"stop_reason\":\"" + stop
                    + "\",\"usage\":" + usage + "}");
        }
        JsonNode b = Json.parseTrusted(block);
        String start = b.get("type").asText().equals("text") ? "{\"type\":\"text\",\"text\":\"\"}"
                : "{\"type\":\"tool_use\",\"id\":\"" + b.get("id").asText() + "\",\"name\":\"weather\",\"input\":{}}";
        String delta = b.get("type").asText().equals("text")
                ? "{\"type\":\"text_delta\",\"text\":" + Json.write(b.get("text")) + "}"
                : "{\"type\":\"input_json_delta\",\"partial_json\":" + Json.write(Json.write(b.get("input"))) + "}";
        return LoopbackServer.Reply.sse(sse("message_start", "{\"type\":\"message_start\",\"message\":{\"id\":\"" + id
                + "\",\"type\":\"message\",\"role\":\"assistant\",\"model\":\"claude-haiku-4-5\",\"content\":[],"
                + "\"stop_reason\":null,\"usage\":" + usage + "}}")
                + sse("content_block_start", "{\"type\":\"content_block_start\",\"index\":0,\"content_block\":" + start + "}")
                + sse("ping", "{\"type\":\"ping\"}")
                + sse("content_block_delta", "{\"type\":\"content_block_delta\",\"index\":0,\"delta\":" + delta + "}")
                + sse("content_block_stop", "{\"type\":\"content_block_stop\",\"index\":0}")
                + sse("message_delta", "{\"type\":\"message_delta\",\"delta\":{\"stop_reason\":\"" + stop
                        + "\"},\"usage\":{\"output_tokens\":10}}")
                + sse("message_stop", "{\"type\":\"message_stop\"}"));
    }

    static String functionCall(String callId, String city) {
        return "{\"type\":\"function_call\",\"id\":\"fc_" + callId + "\",\"call_id\":\"" + callId
                + "\",\"name\":\"weather\",\"arguments\":" + Json.write("{\"city\":\"" + city + "\"}") + "}";
    }

    /** One Responses API response with one output item, as a JSON body or as the SSE stream of it. */
    static LoopbackServer.Reply responses(boolean streaming, String id, String item) {
        String response = "{\"id\":\"" + id + "\",\"object\":\"response\",\"status\":\"completed\",\"model\":"
                + "\"gpt-4.1-mini\",\"output\":[" + item + "],\"usage\":{\"input_tokens\":50,\"input_tokens_details\":"
                + "{\"cached_tokens\":0},\"output_tokens\":10}}";
        if (!streaming) {
            return LoopbackServer.Reply.json(response);
        }
        JsonNode i = Json.parseTrusted(item);
        String middle = i.get("type").asText().equals("message")
                ? sse("response.output_text.delta", "{\"type\":\"response.output_text.delta\",\"output_index\":0,"
                        + "\"delta\":" + Json.write(i.at("/content/0/text")) + "}")
                : sse("response.function_call_arguments.delta", "{\"type\":\"response.function_call_arguments.delta\","
                        + "\"output_index\":0,\"delta\":" + Json.write(i.get("arguments")) + "}");
        return LoopbackServer.Reply.sse(
                sse("response.created", "{\"type\":\"response.created\",\"response\":{\"id\":\"" + id + "\"}}")
                + sse("response.output_item.added", "{\"type\":\"response.output_item.added\",\"output_index\":0,"
                        + "\"item\":" + item + "}")
                + middle
                + sse("response.output_item.done", "{\"type\":\"response.output_item.done\",\"output_index\":0,"
                        + "\"item\":" + item + "}")
                + sse("response.completed", "{\"type\":\"response.completed\",\"response\":" + response + "}"));
    }

    static String sse(String event, String data) {
        return "event: " + event + "\ndata: " + data + "\n\n";
    }
}
