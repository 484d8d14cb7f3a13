// SPDX-License-Identifier: Apache-2.0
package org.openagention.core.providers;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.openagention.core.message.AssistantMessage;
import org.openagention.core.message.Content;
import org.openagention.core.message.Message;
import org.openagention.core.message.ToolResultMessage;
import org.openagention.core.message.UserMessage;
import org.openagention.core.model.ModelRequest;
import org.openagention.core.model.OutputSchema;
import org.openagention.core.model.ToolChoice;
import org.openagention.core.tool.ToolResult;
import org.openagention.core.tool.ToolSpec;

class ResponsesRequestsTest {
    static final ResponsesRequests.Options OPTIONS = new ResponsesRequests.Options("gpt-5", 800, "low", false);

    @Test
    void transcriptBodyMatchesGolden() {
        ModelRequest request = ModelRequest.builder().system("You are terse.")
                .addMessage(Message.user("What is in a.txt and b.txt?"))
                .addMessage(new AssistantMessage(List.of(
                        new Content.Unknown("openai-responses", "reasoning",
                                "{\"type\":\"reasoning\",\"id\":\"rs_1\",\"summary\":[],\"encrypted_content\":\"gAAA-opaque\"}"),
                        new Content.Thinking("from another provider", "sig", false),
                        new Content.Text("Reading both."),
                        new Content.ToolUse("call_1", "read_file", "{\"path\":\"a.txt\"}"),
                        new Content.ToolUse("call_2", "read_file", "{\"path\":\"b.txt\"}"))))
                .addMessage(new ToolResultMessage(List.of(
                        new Content.ToolOutput("call_1", "read_file", ToolResult.success("alpha")),
                        new Content.ToolOutput("call_2", "read_file", ToolResult.error("no such file: b.txt")))))
                .addMessage(Message.assistant("b.txt is missing; a.txt says alpha."))
                .addMessage(new UserMessage(List.of(new Content.Text("And this picture?"),
                        new Content.Image("image/png", "iVBORw0KGgo="))))
                .addTool(new ToolSpec("read_file", "Reads a file",
                        "{\"type\":\"object\",\"properties\":{\"path\":{\"type\":\"string\"}},\"required\":[\"path\"]}"))
                .outputSchema(new OutputSchema("answer", "{\"type\":\"object\",\"properties\":{\"answer\":{\"type\":\"string\"}}}"))
                .build();

        JsonNode body = ResponsesRequests.body(request, OPTIONS, true);

        assertThat(body).isEqualTo(Fixtures.json("openai-responses/request-transcript.json"));
    }

    @Test
    void aRunsRequestsCarryOnePromptCacheKeyWhenAskedFor() {
        ModelRequest r = ModelRequest.builder().addMessage(Message.user("hi")).putMetadata("run_id", "run-7").build();
        ResponsesRequests.Options keyed = new ResponsesRequests.Options("gpt-5", 0, "", null, true);
        assertThat(ResponsesRequests.body(r, keyed, false).get("prompt_cache_key").asText()).matches("oa-[0-9a-f]{32}");
        assertThat(ResponsesRequests.body(r, OPTIONS, false).has("prompt_cache_key")).isFalse();
    }

    @Test
    void toolChoiceMapsToResponsesNames() {
        ModelRequest.Builder b = ModelRequest.builder().addMessage(Message.user("hi"))
                .addTool(new ToolSpec("ls", "Lists", "{\"type\":\"object\"}"));
        ResponsesRequests.Options plain = new ResponsesRequests.Options("gpt-4o", 0, "", null);

        assertThat(ResponsesRequests.body(b.toolChoice(ToolChoice.REQUIRED).build(), plain, false)
                .get("tool_choice").asText()).isEqualTo("required");
        assertThat(ResponsesRequests.body(b.toolChoice(ToolChoice.named("ls")).build(), plain, false)
                .get("tool_choice").toString()).isEqualTo("{\"type\":\"function\",\"name\":\"ls\"}");
        JsonNode body = ResponsesRequests.body(b.toolChoice(ToolChoice.AUTO).build(), plain, false);
        assertThat(body.has("store")).isFalse();
        assertThat(body.has("reasoning")).isFalse();
        assertThat(body.has("max_output_tokens")).isFalse();
    }
}
