// SPDX-License-Identifier: Apache-2.0
package org.openagention.core.providers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.openagention.core.message.AssistantMessage;
import org.openagention.core.message.Content;
import org.openagention.core.message.Message;
import org.openagention.core.message.ToolResultMessage;
import org.openagention.core.model.ModelRequest;
import org.openagention.core.model.OutputSchema;
import org.openagention.core.model.ToolChoice;
import org.openagention.core.tool.ToolResult;
import org.openagention.core.tool.ToolSpec;

class AnthropicRequestsTest {
    static final AnthropicRequests.Options CACHED = new AnthropicRequests.Options("claude-sonnet-4-5", 1024, 512,
            true, true);

    static ModelRequest transcriptRequest() {
        return ModelRequest.builder().system("You are terse.")
                .addMessage(Message.user("What is in a.txt and b.txt?"))
                .addMessage(new AssistantMessage(List.of(new Content.Thinking("Read both.", "sig-1", false),
                        new Content.Text("Reading both."),
                        new Content.ToolUse("toolu_1", "read_file", "{\"path\":\"a.txt\"}"),
                        new Content.ToolUse("toolu_2", "read_file", "{\"path\": \"b.txt\"}"))))
                .addMessage(new ToolResultMessage(List.of(
                        new Content.ToolOutput("toolu_1", "read_file", ToolResult.success("alpha")),
                        new Content.ToolOutput("toolu_2", "read_file", ToolResult.error("no such file: b.txt")))))
                .addMessage(new AssistantMessage(List.of(new Content.Thinking("opaque-data", "", true),
                        new Content.Unknown("anthropic", "server_tool_use",
                                "{\"type\":\"server_tool_use\",\"id\":\"srvtoolu_1\",\"name\":\"web_search\",\"input\":{\"query\":\"alpha\"}}"),
                        new Content.Unknown("openai-responses", "reasoning", "{\"type\":\"reasoning\"}"),
                        new Content.Text(""),
                        new Content.Text("b.txt is missing; a.txt says alpha."))))
                .addMessage(Message.user("Thanks. Now count the letters."))
                .addTool(new ToolSpec("read_file", "Reads a file",
                        "{\"type\":\"object\",\"properties\":{\"path\":{\"type\":\"string\"}},\"required\":[\"path\"]}"))
                .addTool(new ToolSpec("count", "Counts letters",
                        "{\"type\":\"object\",\"properties\":{\"text\":{\"type\":\"string\"}}}"))
                .build();
    }

    @Test
    void transcriptBodyMatchesGoldenWithCacheBreakpointsOnTheStablePrefix() {
        JsonNode body = AnthropicRequests.body(transcriptRequest(), CACHED, false);

        assertThat(body).isEqualTo(Fixtures.json("anthropic/request-cached-transcript.json"));
        assertThat(body.toString().split("cache_control", -1)).hasSize(5); // four breakpoints, the API's limit
    }

    @Test
    void structuredOutputUsesOutputConfigAndPlainSystemWithoutCaching() {
        ModelRequest request = ModelRequest.builder().model("claude-haiku-4-5").system("Answer in JSON.")
                .addMessage(Message.user("Rate this review."))
                .outputSchema(new OutputSchema("rating", "{\"type\":\"object\",\"properties\":{\"score\":"
                        + "{\"type\":\"integer\"}},\"required\":[\"score\"],\"additionalProperties\":false}"))
                .temperature(0).stopSequences(List.of("END")).build();

        JsonNode body = AnthropicRequests.body(request,
                new AnthropicRequests.Options("claude-sonnet-4-5", 2048, 0, false, true), true);

        assertThat(body).isEqualTo(Fixtures.json("anthropic/request-structured.json"));
    }

    @Test
    void consecutiveUserTurnsMergeWithToolResultsFirst() {
        ModelRequest request = ModelRequest.builder()
                .addMessage(Message.user("go"))
                .addMessage(new AssistantMessage(List.of(new Content.ToolUse("t1", "ls", "{}"))))
                .addMessage(new ToolResultMessage(List.of(new Content.ToolOutput("t1", "ls", ToolResult.success("x")))))
                .addMessage(Message.user("and hurry"))
                .build();

        JsonNode messages = AnthropicRequests.body(request, CACHED, false).get("messages");

        assertThat(messages).hasSize(3);
        assertThat(messages.get(2).get("content").get(0).get("type").asText()).isEqualTo("tool_result");
        assertThat(messages.get(2).get("content").get(1).get("text").asText()).isEqualTo("and hurry");
    }

    @Test
    void toolChoiceMapsToAnthropicNames() {
        ModelRequest.Builder b = ModelRequest.builder().addMessage(Message.user("hi"))
                .addTool(new ToolSpec("ls", "Lists", "{\"type\":\"object\"}"));

        assertThat(AnthropicRequests.body(b.toolChoice(ToolChoice.REQUIRED).build(), CACHED, false)
                .at("/tool_choice/type").asText()).isEqualTo("any");
        assertThat(AnthropicRequests.body(b.toolChoice(ToolChoice.NONE).build(), CACHED, false)
                .at("/tool_choice/type").asText()).isEqualTo("none");
        assertThat(AnthropicRequests.body(b.toolChoice(ToolChoice.named("ls")).build(), CACHED, false)
                .get("tool_choice").toString()).isEqualTo("{\"type\":\"tool\",\"name\":\"ls\"}");
    }

    @Test
    void malformedToolSchemaIsNamedInTheError() {
        ModelRequest request = ModelRequest.builder().addMessage(Message.user("hi"))
                .addTool(new ToolSpec("ls", "Lists", "{not json")).build();

        assertThatThrownBy(() -> AnthropicRequests.body(request, CACHED, false))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("tool 'ls'");
    }
}
