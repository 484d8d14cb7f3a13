// SPDX-License-Identifier: Apache-2.0
package org.openagention.core.providers;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.openagention.core.internal.Json;
import org.openagention.core.message.Content;
import org.openagention.core.message.Message;
import org.openagention.core.message.ToolResultMessage;
import org.openagention.core.model.FinishReason;
import org.openagention.core.model.ModelRequest;
import org.openagention.core.model.ModelResponse;
import org.openagention.core.model.Usage;
import org.openagention.core.tool.ToolResult;
import org.openagention.core.tool.ToolSpec;

/** Our Anthropic mapping against real recorded exchanges (see ../shared/testdata/providers/SOURCES.md). */
class AnthropicRecordedTest {
    static final AnthropicRequests.Options PLAIN = new AnthropicRequests.Options("unused", 4096, 0, false, true);

    @Test
    void parallelToolUseParsesFourCallsAndRebuildsTheRecordedTurnTwoRequest() {
        Path dir = Fixtures.recorded("anthropic-messages");
        JsonNode turn1Request = Json.parseTrusted(Fixtures.read(dir.resolve("parallel-tool-use.turn1.request.json")));
        ModelResponse turn1 = AnthropicResponses.parse(
                Json.parseTrusted(Fixtures.read(dir.resolve("parallel-tool-use.turn1.response.json"))));

        assertThat(turn1.finishReason()).isEqualTo(FinishReason.TOOL_USE);
        assertThat(turn1.usage()).isEqualTo(new Usage(423, 202, 0, 0));
        assertThat(turn1.modelId()).isEqualTo("claude-haiku-4-5-20251001");
        assertThat(turn1.toolCalls()).extracting(c -> c.name()).containsOnly("retrieve_entity_info").hasSize(4);
        assertThat(turn1.toolCalls()).extracting(c -> c.argumentsJson()).containsExactly("{\"name\":\"Alice\"}",
                "{\"name\":\"Bob\"}", "{\"name\":\"Charlie\"}", "{\"name\":\"Daisy\"}");

        String[] facts = {"alice is bob's wife", "bob is alice's husband", "charlie is alice's son",
                "daisy is bob's daughter and charlie's younger sister"};
        List<Content.ToolOutput> outputs = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            outputs.add(new Content.ToolOutput(turn1.toolCalls().get(i).id(), "retrieve_entity_info",
                    ToolResult.success(facts[i])));
        }
        ModelRequest turn2 = requestLike(turn1Request).addMessage(turn1.toMessage())
                .addMessage(new ToolResultMessage(outputs)).build();

        assertThat(AnthropicRequests.body(turn2, PLAIN, false)).isEqualTo(
                Json.parseTrusted(Fixtures.read(dir.resolve("parallel-tool-use.turn2-final.request.json"))));

        ModelResponse fin = AnthropicResponses.parse(
                Json.parseTrusted(Fixtures.read(dir.resolve("parallel-tool-use.turn2-final.response.json"))));
        assertThat(fin.finishReason()).isEqualTo(FinishReason.END_TURN);
        assertThat(fin.text()).contains("Daisy is the youngest");
        assertThat(fin.usage()).isEqualTo(new Usage(771, 77, 0, 0));
    }

    @Test
    void toolWithEmptyInputParsesToEmptyObject() {
        Path dir = Fixtures.recorded("anthropic-messages");
        ModelResponse r = AnthropicResponses.parse(Json.parseTrusted(Fixtures.read(dir.resolve("tool-no-args.response.json"))));

        assertThat(r.toolCalls()).singleElement().satisfies(c -> {
            assertThat(c.name()).isEqualTo("updateIssueList");
            assertThat(c.argumentsJson()).isEqualTo("{}");
        });
        assertThat(r.text()).startsWith("<thinking>");
        assertThat(r.usage()).isEqualTo(new Usage(602, 93, 0, 0));
    }

    /** A request builder holding what the recorded request held before its transcript. */
    static ModelRequest.Builder requestLike(JsonNode recorded) {
        ModelRequest.Builder b = ModelRequest.builder().model(recorded.get("model").asText())
                .maxOutputTokens(recorded.get("max_tokens").asInt()).system(Json.text(recorded, "system", ""));
        for (JsonNode tool : recorded.path("tools")) {
            if (tool.has("input_schema")) {
                b.addTool(new ToolSpec(tool.get("name").asText(), tool.get("description").asText(),
                        Json.write(tool.get("input_schema"))));
            }
        }
        JsonNode first = recorded.get("messages").get(0);
        return b.addMessage(Message.user(first.get("content").get(0).get("text").asText()));
    }

    /** The request with tool_result contents as a list of text blocks, the other form the API takes. */
    static JsonNode withToolResultBlocks(JsonNode body) {
        ObjectNode copy = body.deepCopy();
        for (JsonNode message : copy.get("messages")) {
            for (JsonNode block : message.get("content")) {
                if (block.path("content").isTextual()) {
                    ArrayNode blocks = Json.array();
                    blocks.addObject().put("text", block.get("content").asText()).put("type", "text");
                    ((ObjectNode) block).set("content", blocks);
                }
            }
        }
        return copy;
    }
}
