// SPDX-License-Identifier: Apache-2.0
package org.openagention.core.providers;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.openagention.core.internal.Json;
import org.openagention.core.message.Content;
import org.openagention.core.message.Message;
import org.openagention.core.message.ToolResultMessage;
import org.openagention.core.model.FinishReason;
import org.openagention.core.model.ModelRequest;
import org.openagention.core.model.ModelResponse;
import org.openagention.core.model.StreamEvent;
import org.openagention.core.model.Usage;
import org.openagention.core.tool.ToolResult;
import org.openagention.core.tool.ToolSpec;

/** {@link OpenAiResponsesModel#stream} over real recorded Responses API SSE bodies. */
class ResponsesRecordedStreamTest {
    final LoopbackServer server = new LoopbackServer();

    @AfterEach
    void stop() {
        server.close();
    }

    OpenAiResponsesModel model() {
        return OpenAiResponsesModel.builder().apiKey("sk-recorded-test").baseUrl(server.baseUrl()).model("gpt-4o").build();
    }

    @Test
    void functionCallWithoutSequenceNumbersAndTheFollowUpInput() {
        Path dir = Fixtures.recorded("openai-responses-stream");
        server.enqueue(LoopbackServer.Reply.sse(Fixtures.read(dir.resolve("function-call.turn1.response.sse"))))
                .enqueue(LoopbackServer.Reply.sse(Fixtures.read(dir.resolve("function-call.turn2-final.response.sse"))));
        JsonNode recorded1 = json(dir, "function-call.turn1.request.json");
        JsonNode tool = recorded1.get("tools").get(0);
        ModelRequest turn1Request = ModelRequest.builder()
                .addMessage(Message.user(recorded1.get("input").get(0).get("content").asText()))
                .addTool(new ToolSpec(tool.get("name").asText(), "", Json.write(tool.get("parameters")))).build();
        List<StreamEvent> events = new ArrayList<>();

        ModelResponse turn1 = model().stream(turn1Request, events::add);

        assertThat(turn1.toolCalls()).singleElement().satisfies(c -> {
            assertThat(c.id()).isEqualTo("call_kL0PCQV7M2WMoVX8V8OtYSAL");
            assertThat(c.name()).isEqualTo("get_capital");
            assertThat(c.argumentsJson()).isEqualTo("{\"country\":\"France\"}");
        });
        assertThat(turn1.finishReason()).isEqualTo(FinishReason.TOOL_USE);
        assertThat(turn1.usage()).isEqualTo(new Usage(255, 16, 0, 0));
        assertThat(turn1.modelId()).isEqualTo("gpt-4o-2024-08-06");
        assertThat(events).filteredOn(e -> e instanceof StreamEvent.ToolCallDelta).hasSize(5);
        JsonNode sent1 = Json.parseTrusted(server.received().get(0).body());
        assertThat(sent1.get("input")).isEqualTo(recorded1.get("input"));
        assertThat(sent1.at("/tools/0/parameters")).isEqualTo(tool.get("parameters"));

        ModelResponse fin = model().stream(turn1Request.toBuilder().addMessage(turn1.toMessage())
                .addMessage(new ToolResultMessage(List.of(new Content.ToolOutput(turn1.toolCalls().get(0).id(),
                        "get_capital", ToolResult.success("Paris"))))).build(), e -> { });

        // The recording paired the output with the item id (see SOURCES.md); we pair with call_id.
        JsonNode sentInput = Json.parseTrusted(server.received().get(1).body()).get("input");
        assertThat(sentInput.get(1).get("call_id").asText()).isEqualTo("call_kL0PCQV7M2WMoVX8V8OtYSAL");
        assertThat(withCallIds(sentInput, "X"))
                .isEqualTo(withCallIds(json(dir, "function-call.turn2-final.request.json").get("input"), "X"));
        assertThat(fin.text()).isEqualTo("The capital of France is Paris.");
        assertThat(fin.finishReason()).isEqualTo(FinishReason.END_TURN);
        assertThat(fin.usage()).isEqualTo(new Usage(278, 9, 0, 0));
    }

    @Test
    void reasoningItemKeepsTheEncryptedContentOfTheCompletedResponse() {
        Path dir = Fixtures.recorded("openai-responses-stream");
        String sse = Fixtures.read(dir.resolve("reasoning-then-function-call-gpt5.response.sse"));
        server.enqueue(LoopbackServer.Reply.sse(sse)).enqueue(LoopbackServer.Reply.sse(sse));
        ModelRequest request = ModelRequest.builder().addMessage(Message.user("Calculate 100 * 200 / 3")).build();

        ModelResponse r = model().stream(request, e -> { });

        assertThat(r.content().get(0)).isInstanceOfSatisfying(Content.Unknown.class, u -> {
            assertThat(u.type()).isEqualTo("reasoning");
            JsonNode completed = completedOutput(sse).get(0);
            assertThat(Json.parseTrusted(u.rawJson())).isEqualTo(completed);
            assertThat(completed.get("encrypted_content").asText()).startsWith("gAAAAAB");
        });
        assertThat(r.toolCalls()).singleElement().satisfies(c -> {
            assertThat(c.name()).isEqualTo("final_result");
            assertThat(c.argumentsJson()).isEqualTo("{\"result\":6666}");
        });
        assertThat(r.usage()).isEqualTo(new Usage(53, 469, 0, 0));

        model().stream(request.toBuilder().addMessage(r.toMessage()).addMessage(new ToolResultMessage(List.of(
                new Content.ToolOutput(r.toolCalls().get(0).id(), "final_result", ToolResult.success("ok"))))).build(),
                e -> { });
        JsonNode input = Json.parseTrusted(server.received().get(1).body()).get("input");
        assertThat(input.get(1)).isEqualTo(completedOutput(sse).get(0));
        assertThat(input.get(2).get("type").asText()).isEqualTo("function_call");
    }

    private static JsonNode completedOutput(String sse) {
        String line = sse.lines().filter(l -> l.startsWith("data: {\"type\":\"response.completed\"")).findFirst()
                .orElseThrow();
        return Json.parseTrusted(line.substring("data: ".length())).at("/response/output");
    }

    private static JsonNode withCallIds(JsonNode input, String id) {
        JsonNode copy = input.deepCopy();
        for (JsonNode item : copy) {
            if (item.has("call_id")) {
                ((ObjectNode) item).put("call_id", id);
            }
        }
        return copy;
    }

    static JsonNode json(Path dir, String file) {
        return Json.parseTrusted(Fixtures.read(dir.resolve(file)));
    }
}
