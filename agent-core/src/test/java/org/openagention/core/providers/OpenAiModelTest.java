// SPDX-License-Identifier: Apache-2.0
package org.openagention.core.providers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.openagention.core.ConfigurationException;
import org.openagention.core.internal.Json;
import org.openagention.core.message.AssistantMessage;
import org.openagention.core.message.Content;
import org.openagention.core.message.Message;
import org.openagention.core.message.ToolResultMessage;
import org.openagention.core.message.UserMessage;
import org.openagention.core.model.FinishReason;
import org.openagention.core.model.ModelRequest;
import org.openagention.core.model.ModelResponse;
import org.openagention.core.model.OutputSchema;
import org.openagention.core.model.ToolChoice;
import org.openagention.core.model.UnreadableResponseException;
import org.openagention.core.model.Usage;
import org.openagention.core.providers.LoopbackServer.Reply;
import org.openagention.core.testing.FakeSleeper;
import org.openagention.core.tool.ToolCall;
import org.openagention.core.tool.ToolResult;
import org.openagention.core.tool.ToolSpec;

class OpenAiModelTest {
    static final String KEY = "sk-fake-key-for-tests-1234567890";
    private final LoopbackServer server = new LoopbackServer();

    @AfterEach
    void stop() {
        server.close();
    }

    OpenAiModel.Builder model(String id) {
        return OpenAiModel.builder().apiKey(KEY).baseUrl(server.baseUrl()).model(id)
                .http(h -> h.sleeper(new FakeSleeper()));
    }

    static ModelRequest textRequest() {
        return ModelRequest.builder().system("You are terse.").addMessage(Message.user("What is the capital of France?"))
                .maxOutputTokens(100).temperature(0.2).build();
    }

    static void assertGolden(String sentBody, String goldenResource) throws Exception {
        JsonNode sent = Json.parse(sentBody);
        JsonNode golden = Json.parse(LoopbackServer.resource(goldenResource));
        assertThat(sent).as("request body sent:\n%s", sentBody).isEqualTo(golden);
    }

    @Test
    void completesTextAndCountsCachedTokensApartFromInput() throws Exception {
        server.enqueueJsonResource("openai/text.response.json");
        ModelResponse r = model("gpt-4o-mini").build().complete(textRequest());

        assertThat(r.text()).isEqualTo("Paris is the capital of France.");
        assertThat(r.finishReason()).isEqualTo(FinishReason.END_TURN);
        assertThat(r.id()).isEqualTo("chatcmpl-T1ext");
        assertThat(r.modelId()).isEqualTo("gpt-4o-mini-2024-07-18");
        assertThat(r.usage()).isEqualTo(new Usage(176, 8, 1024, 0));

        LoopbackServer.Received sent = server.received().get(0);
        assertThat(sent.path()).isEqualTo("/v1/chat/completions");
        assertThat(sent.header("authorization")).isEqualTo("Bearer " + KEY);
        assertGolden(sent.body(), "openai/requests/text.request.json");
    }

    @Test
    void readsASingleToolCallWithNullContent() {
        server.enqueueJsonResource("openai/single-tool.response.json");
        ModelResponse r = model("gpt-4o-mini").build().complete(textRequest());
        assertThat(r.content()).containsExactly(new Content.ToolUse("call_read1", "read_file", "{\"path\":\"README.md\"}"));
        assertThat(r.finishReason()).isEqualTo(FinishReason.TOOL_USE);
        assertThat(r.usage()).isEqualTo(new Usage(90, 17));
    }

    @Test
    void readsParallelToolCallsInOrderAfterTheirText() {
        server.enqueueJsonResource("openai/parallel-tools.response.json");
        ModelResponse r = model("gpt-4o-mini").build().complete(textRequest());
        assertThat(r.text()).isEqualTo("Looking both up.");
        assertThat(r.toolCalls()).containsExactly(new ToolCall("call_w1", "get_weather", "{\"city\": \"Oslo\"}"),
                new ToolCall("call_w2", "get_weather", "{\"city\": \"Lima\"}"));
    }

    @Test
    void sendsTranscriptToolsAndResultsInTheChatCompletionsShape() throws Exception {
        server.enqueueJsonResource("openai/text.response.json");
        ModelRequest request = ModelRequest.builder()
                .model("gpt-4.1-mini")
                .system("You help with files.")
                .addMessage(new UserMessage(List.of(new Content.Text("What is in this screenshot and the README?"),
                        new Content.Image("image/png", "iVBORw0KGgo="))))
                .addMessage(new AssistantMessage(List.of(
                        new Content.Thinking("the user wants two things", "sig", false),
                        new Content.Text("Reading both."),
                        new Content.ToolUse("call_a", "read_file", "{\"path\":\"README.md\"}"),
                        new Content.Unknown("anthropic", "server_tool_use", "{\"type\":\"server_tool_use\"}"),
                        new Content.ToolUse("call_b", "read_file", "{\"path\":\"missing.md\"}"))))
                .addMessage(new ToolResultMessage(List.of(
                        new Content.ToolOutput("call_a", "read_file", ToolResult.success("# Demo")),
                        new Content.ToolOutput("call_b", "read_file",
                                new ToolResult.Error(ToolResult.ErrorKind.TOOL_FAILED, "file not found: missing.md")))))
                .addMessage(new AssistantMessage(List.of(new Content.ToolUse("call_c", "list_dir", "{}"))))
                .addMessage(new ToolResultMessage(List.of(
                        new Content.ToolOutput("call_c", "list_dir", ToolResult.success("README.md")))))
                .addTool(new ToolSpec("read_file", "Reads a file.",
                        "{\"type\":\"object\",\"properties\":{\"path\":{\"type\":\"string\"}},\"required\":[\"path\"]}"))
                .addTool(new ToolSpec("list_dir", "", "{\"type\":\"object\",\"properties\":{}}"))
                .toolChoice(ToolChoice.named("read_file"))
                .stopSequences(List.of("END"))
                .build();
        model("gpt-4o-mini").build().complete(request);
        assertGolden(server.received().get(0).body(), "openai/requests/transcript-with-tools.request.json");
    }

    @Test
    void asksForAJsonSchemaResponseFormatWhenTheRequestHasAnOutputSchema() throws Exception {
        server.enqueueJsonResource("openai/structured.response.json");
        ModelRequest request = ModelRequest.builder().addMessage(Message.user("File a ticket for the login bug."))
                .outputSchema(new OutputSchema("ticket", "{\"type\":\"object\",\"properties\":{\"title\":{\"type\":\"string\"},"
                        + "\"priority\":{\"type\":\"integer\"}},\"required\":[\"title\",\"priority\"],"
                        + "\"additionalProperties\":false}"))
                .build();
        ModelResponse r = model("gpt-4o").strictJsonSchema(true).build().complete(request);
        assertThat(Json.parse(r.text()).get("title").asText()).isEqualTo("Fix login");
        assertGolden(server.received().get(0).body(), "openai/requests/structured.request.json");
    }

    @Test
    void mapsToolChoiceAndLeavesAutoToTheDefault() throws Exception {
        ToolSpec tool = new ToolSpec("t", "", "{\"type\":\"object\"}");
        for (ToolChoice choice : List.of(ToolChoice.AUTO, ToolChoice.REQUIRED, ToolChoice.NONE)) {
            server.enqueueJsonResource("openai/text.response.json");
            model("m").build().complete(ModelRequest.builder().addMessage(Message.user("x")).addTool(tool)
                    .toolChoice(choice).build());
        }
        List<LoopbackServer.Received> sent = server.received();
        assertThat(Json.parse(sent.get(0).body()).has("tool_choice")).isFalse();
        assertThat(Json.parse(sent.get(1).body()).get("tool_choice").asText()).isEqualTo("required");
        assertThat(Json.parse(sent.get(2).body()).get("tool_choice").asText()).isEqualTo("none");
    }

    @Test
    void toleratesAnOpenAiCompatibleServerThatSendsObjectArgumentsAndNoIdsOrUsage() {
        server.enqueueJsonResource("openai/compatible-object-args.response.json");
        OpenAiModel local = OpenAiModel.builder().baseUrl(server.baseUrl()).model("qwen2.5-coder:7b").build();
        ModelResponse r = local.complete(textRequest());

        assertThat(r.usage()).isEqualTo(Usage.ZERO);
        assertThat(r.finishReason()).isEqualTo(FinishReason.TOOL_USE);
        assertThat(r.id()).isEmpty();
        assertThat(r.toolCalls()).extracting(ToolCall::name, ToolCall::argumentsJson)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("get_weather", "{\"city\":\"Oslo\"}"),
                        org.assertj.core.groups.Tuple.tuple("list_dir", "{}"));
        assertThat(r.toolCalls()).extracting(ToolCall::id).doesNotHaveDuplicates().allMatch(id -> id.startsWith("call_"));
        assertThat(server.received().get(0).header("authorization")).isNull();

        server.enqueueJsonResource("openai/compatible-object-args.response.json");
        assertThat(local.complete(textRequest()).toolCalls()).isEqualTo(r.toolCalls());
    }

    @Test
    void mapsFinishReasons() {
        assertThat(finishOf("length")).isEqualTo(FinishReason.MAX_TOKENS);
        assertThat(finishOf("content_filter")).isEqualTo(FinishReason.CONTENT_FILTER);
        assertThat(finishOf("something_new")).isEqualTo(FinishReason.OTHER);
        assertThat(finishOf("stop")).isEqualTo(FinishReason.END_TURN);
    }

    private FinishReason finishOf(String reason) {
        server.enqueue(Reply.json("{\"id\":\"x\",\"model\":\"m\",\"choices\":[{\"index\":0,\"message\":{\"role\":\"assistant\","
                + "\"content\":\"partial\"},\"finish_reason\":\"" + reason + "\"}]}"));
        return model("m").build().complete(textRequest()).finishReason();
    }

    @Test
    void readsAReasoningFieldAsThinkingAndARefusalAsText() {
        server.enqueue(Reply.json("{\"id\":\"x\",\"model\":\"deepseek-r1\",\"choices\":[{\"index\":0,\"message\":{"
                + "\"role\":\"assistant\",\"reasoning_content\":\"think first\",\"content\":\"done\"},\"finish_reason\":\"stop\"}]}"));
        server.enqueue(Reply.json("{\"id\":\"y\",\"model\":\"m\",\"choices\":[{\"index\":0,\"message\":{"
                + "\"role\":\"assistant\",\"content\":null,\"refusal\":\"I can't help with that.\"},\"finish_reason\":\"stop\"}]}"));
        OpenAiModel m = model("m").build();
        assertThat(m.complete(textRequest()).content()).containsExactly(new Content.Thinking("think first"),
                new Content.Text("done"));
        ModelResponse refused = m.complete(textRequest());
        assertThat(refused.text()).isEqualTo("I can't help with that.");
        assertThat(refused.finishReason()).isEqualTo(FinishReason.REFUSAL);
    }

    @Test
    void reportsAResponseWithoutChoicesAsUnreadable() {
        server.enqueue(Reply.json("{\"id\":\"x\",\"object\":\"chat.completion\",\"choices\":[]}").header("x-request-id", "req_9"));
        assertThatThrownBy(() -> model("m").build().complete(textRequest()))
                .isInstanceOf(UnreadableResponseException.class).hasMessageContaining("without choices")
                .hasMessageContaining("req_9");
    }

    @Test
    void reportsMalformedJsonAsUnreadable() {
        server.enqueue(Reply.json("{\"id\":\"x\",\"choices\":[{\"message\":"));
        assertThatThrownBy(() -> model("m").build().complete(textRequest()))
                .isInstanceOf(UnreadableResponseException.class).hasMessageContaining("not valid JSON");
        assertThat(server.requestCount()).isEqualTo(1);
    }

    @Test
    void sendsOrganizationProjectAndExtraHeaders() {
        server.enqueueJsonResource("openai/text.response.json");
        model("m").organization("org-1").project("proj_2").addHeader("x-gateway-route", "blue").build()
                .complete(textRequest());
        LoopbackServer.Received sent = server.received().get(0);
        assertThat(sent.header("openai-organization")).isEqualTo("org-1");
        assertThat(sent.header("openai-project")).isEqualTo("proj_2");
        assertThat(sent.header("x-gateway-route")).isEqualTo("blue");
    }

    @Test
    void refusesIncompleteOrInvalidConfigurationWithAClearMessage() {
        assertThatThrownBy(() -> OpenAiModel.builder().apiKey(KEY).build())
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("needs a model id");
        assertThatThrownBy(() -> OpenAiModel.builder().model("gpt-4o").build())
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("needs an API key");
        assertThatThrownBy(() -> OpenAiModel.builder().model("m").baseUrl("ftp://host/v1").build())
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("http:// or https://");
        assertThatThrownBy(() -> OpenAiModel.builder().model("m").baseUrl("http://localhost:1").addHeader("host", "x").build())
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("header");
    }

    @Test
    void namesItselfWithoutItsKey() {
        OpenAiModel m = model("gpt-4o-mini").build();
        assertThat(m.name()).isEqualTo("openai:gpt-4o-mini");
        assertThat(m.toString()).contains("gpt-4o-mini").doesNotContain(KEY);
    }
}
