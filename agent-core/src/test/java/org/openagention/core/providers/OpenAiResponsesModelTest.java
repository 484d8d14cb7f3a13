// SPDX-License-Identifier: Apache-2.0
package org.openagention.core.providers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.openagention.core.ConfigurationException;
import org.openagention.core.RetryPolicy;
import org.openagention.core.internal.Json;
import org.openagention.core.message.Content;
import org.openagention.core.message.Message;
import org.openagention.core.message.ToolResultMessage;
import org.openagention.core.model.AuthenticationException;
import org.openagention.core.model.ContextWindowExceededException;
import org.openagention.core.model.FinishReason;
import org.openagention.core.model.ModelRequest;
import org.openagention.core.model.ModelResponse;
import org.openagention.core.model.OutputSchema;
import org.openagention.core.model.ServerException;
import org.openagention.core.model.StreamEvent;
import org.openagention.core.model.UnreadableResponseException;
import org.openagention.core.model.Usage;
import org.openagention.core.testing.FakeSleeper;
import org.openagention.core.tool.ToolResult;
import org.openagention.core.tool.ToolSpec;

class OpenAiResponsesModelTest {
    static final String KEY = "sk-proj-test-0123456789abcdef";
    final LoopbackServer server = new LoopbackServer();
    final FakeSleeper sleeper = new FakeSleeper();

    @AfterEach
    void stop() {
        server.close();
    }

    OpenAiResponsesModel model() {
        return OpenAiResponsesModel.builder().apiKey(KEY).baseUrl(server.baseUrl()).model("gpt-4.1")
                .http(h -> h.sleeper(sleeper).idleTimeout(Duration.ofSeconds(30))).build();
    }

    static ModelRequest hello() {
        return ModelRequest.builder().system("You are terse.").addMessage(Message.user("Hi")).build();
    }

    static ModelRequest withTools() {
        return hello().toBuilder().addTool(new ToolSpec("read_file", "Reads a file",
                "{\"type\":\"object\",\"properties\":{\"path\":{\"type\":\"string\"}}}")).build();
    }

    static JsonNode json(LoopbackServer.Received r) {
        return Json.parseTrusted(r.body());
    }

    static String mixed() {
        return Fixtures.resource("openai-responses/mixed.response.json");
    }

    @Test
    void completeSendsBearerAndGoldenBodyAndCountsCachedTokensApart() {
        server.enqueue(LoopbackServer.Reply.json(Fixtures.resource("openai-responses/text.response.json")));

        ModelResponse r = model().complete(hello());

        assertThat(r.text()).isEqualTo("Hello! How can I help?");
        assertThat(r.finishReason()).isEqualTo(FinishReason.END_TURN);
        assertThat(r.usage()).isEqualTo(new Usage(44, 9, 256, 0));
        LoopbackServer.Received sent = server.received().get(0);
        assertThat(sent.path()).isEqualTo("/v1/responses");
        assertThat(sent.header("authorization")).isEqualTo("Bearer " + KEY);
        assertThat(json(sent)).isEqualTo(Fixtures.json("openai-responses/request-hello.json"));
    }

    @Test
    void reasoningMessageAndParallelCallsAreReadInOrder() {
        server.enqueue(LoopbackServer.Reply.json(mixed()));

        ModelResponse r = model().complete(withTools());

        assertThat(r.content()).extracting(c -> c.getClass().getSimpleName())
                .containsExactly("Unknown", "Text", "ToolUse", "ToolUse");
        assertThat(((Content.Unknown) r.content().get(0)).rawJson()).contains("gAAAAB-final-blob");
        assertThat(r.toolCalls()).extracting(c -> c.id() + " " + c.name() + " " + c.argumentsJson())
                .containsExactly("call_A read_file {\"path\":\"a.txt\"}", "call_B list_dir {}");
        assertThat(r.finishReason()).isEqualTo(FinishReason.TOOL_USE);
    }

    @Test
    void reasoningItemsAndCallsGoBackOnTheNextTurn() {
        server.enqueue(LoopbackServer.Reply.json(mixed()))
                .enqueue(LoopbackServer.Reply.json(Fixtures.resource("openai-responses/text.response.json")));
        OpenAiResponsesModel model = model();
        ModelResponse first = model.complete(withTools());

        model.complete(withTools().toBuilder().addMessage(first.toMessage())
                .addMessage(new ToolResultMessage(List.of(
                        new Content.ToolOutput("call_A", "read_file", ToolResult.success("alpha")),
                        new Content.ToolOutput("call_B", "list_dir", ToolResult.error("not allowed")))))
                .build());

        JsonNode input = json(server.received().get(1)).get("input");
        assertThat(input).hasSize(7);
        assertThat(input.get(1)).isEqualTo(Json.parseTrusted(mixed()).get("output").get(0));
        assertThat(input.get(2).toString()).isEqualTo("{\"role\":\"assistant\",\"content\":\"Reading both.\"}");
        assertThat(input.get(3).get("call_id").asText()).isEqualTo("call_A");
        assertThat(input.get(6).toString())
                .isEqualTo("{\"type\":\"function_call_output\",\"call_id\":\"call_B\",\"output\":\"not allowed\"}");
    }

    @Test
    void structuredOutputSendsTextFormat() {
        server.enqueue(LoopbackServer.Reply.json(Fixtures.resource("openai-responses/text.response.json")
                .replace("Hello! How can I help?", "{\\\"score\\\":4}")));

        ModelResponse r = model().complete(hello().toBuilder().outputSchema(new OutputSchema("rating",
                "{\"type\":\"object\",\"properties\":{\"score\":{\"type\":\"integer\"}}}")).build());

        assertThat(r.text()).isEqualTo("{\"score\":4}");
        JsonNode format = json(server.received().get(0)).at("/text/format");
        assertThat(format.get("type").asText()).isEqualTo("json_schema");
        assertThat(format.get("name").asText()).isEqualTo("rating");
    }

    @Test
    void incompleteResponseMapsToMaxTokens() {
        server.enqueue(LoopbackServer.Reply.json(Fixtures.resource("openai-responses/text.response.json")
                .replace("\"status\":\"completed\",\"error\":null,\"incomplete_details\":null",
                        "\"status\":\"incomplete\",\"error\":null,\"incomplete_details\":{\"reason\":\"max_output_tokens\"}")));

        assertThat(model().complete(hello()).finishReason()).isEqualTo(FinishReason.MAX_TOKENS);
    }

    @Test
    void errorsAreTypedAndRetriedWhereThatHelps() {
        server.enqueue(LoopbackServer.Reply.json(401, "{\"error\":{\"message\":\"Incorrect API key provided: "
                + KEY + "\",\"type\":\"invalid_request_error\",\"code\":\"invalid_api_key\"}}"));
        assertThatThrownBy(() -> model().complete(hello())).isInstanceOf(AuthenticationException.class)
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain(KEY));

        server.enqueue(LoopbackServer.Reply.json(400, "{\"error\":{\"message\":\"Your input exceeds the context "
                + "window of this model.\",\"type\":\"invalid_request_error\",\"code\":\"context_length_exceeded\"}}"));
        assertThatThrownBy(() -> model().complete(hello())).isInstanceOf(ContextWindowExceededException.class);

        server.enqueue(LoopbackServer.Reply.json(429, "{\"error\":{\"message\":\"Rate limit reached\","
                + "\"type\":\"requests\",\"code\":\"rate_limit_exceeded\"}}").header("retry-after", "2"))
                .enqueue(LoopbackServer.Reply.json(500, "{\"error\":{\"message\":\"boom\",\"type\":\"server_error\"}}"))
                .enqueue(LoopbackServer.Reply.json(Fixtures.resource("openai-responses/text.response.json")));
        OpenAiResponsesModel patient = OpenAiResponsesModel.builder().apiKey(KEY).baseUrl(server.baseUrl())
                .model("gpt-4.1").http(h -> h.sleeper(sleeper).retryPolicy(RetryPolicy.builder().maxAttempts(3).build()))
                .build();
        assertThat(patient.complete(hello()).text()).isEqualTo("Hello! How can I help?");
        assertThat(sleeper.sleeps()).startsWith(Duration.ofSeconds(2)).hasSize(2);
        assertThat(server.received()).hasSize(5);
    }

    @Test
    void failedStatusInABlockingResponseIsTyped() {
        server.enqueue(LoopbackServer.Reply.json("{\"id\":\"resp_f\",\"status\":\"failed\",\"output\":[],"
                + "\"error\":{\"code\":\"server_error\",\"message\":\"The model failed.\"}}"));

        assertThatThrownBy(() -> model().complete(hello())).isInstanceOf(ServerException.class)
                .hasMessageContaining("The model failed.");
    }

    @Test
    void malformedJsonIsUnreadable() {
        server.enqueue(LoopbackServer.Reply.json("{\"id\":\"resp_1\",\"output\":["));

        assertThatThrownBy(() -> model().complete(hello())).isInstanceOf(UnreadableResponseException.class);
    }

    @Test
    void streamAssemblesExactlyWhatCompleteReturnsAndReportsEachPiece() {
        server.enqueue(LoopbackServer.Reply.json(mixed()))
                .enqueue(LoopbackServer.Reply.sse(Fixtures.resource("openai-responses/mixed.response.sse")));
        OpenAiResponsesModel model = model();
        ModelResponse blocking = model.complete(withTools());
        List<StreamEvent> events = new ArrayList<>();

        ModelResponse streamed = model.stream(withTools(), events::add);

        assertThat(streamed).isEqualTo(blocking);
        assertThat(json(server.received().get(1)).get("stream").asBoolean()).isTrue();
        assertThat(events).containsExactly(
                new StreamEvent.ThinkingDelta("Read both files."),
                new StreamEvent.TextDelta("Reading "),
                new StreamEvent.TextDelta("both."),
                new StreamEvent.ToolCallStarted(0, "call_A", "read_file"),
                new StreamEvent.ToolCallDelta(0, "{\"path\":"),
                new StreamEvent.ToolCallDelta(0, "\"a.txt\"}"),
                new StreamEvent.ToolCallFinished(0, blocking.toolCalls().get(0)),
                new StreamEvent.ToolCallStarted(1, "call_B", "list_dir"),
                new StreamEvent.ToolCallFinished(1, blocking.toolCalls().get(1)));
    }

    @Test
    void streamCutInTheMiddleFailsWithoutRetry() {
        String sse = Fixtures.resource("openai-responses/mixed.response.sse");
        server.enqueue(LoopbackServer.Reply.sse(sse).cutAfter(sse.indexOf("event: response.output_item.added\ndata: "
                + "{\"type\":\"response.output_item.added\",\"sequence_number\":11")))
                .enqueue(LoopbackServer.Reply.sse(sse));
        List<StreamEvent> events = new ArrayList<>();

        assertThatThrownBy(() -> model().stream(withTools(), events::add))
                .isInstanceOf(UnreadableResponseException.class);
        assertThat(events).contains(new StreamEvent.TextDelta("both."));
        assertThat(server.received()).hasSize(1);
    }

    @Test
    void streamWithoutCompletedEventIsUnreadable() {
        String sse = Fixtures.resource("openai-responses/mixed.response.sse");
        server.enqueue(LoopbackServer.Reply.sse(sse.substring(0, sse.indexOf("event: response.completed"))));

        assertThatThrownBy(() -> model().stream(withTools(), e -> { }))
                .isInstanceOf(UnreadableResponseException.class).hasMessageContaining("response.completed");
    }

    @Test
    void failedAndErrorEventsBecomeTypedExceptions() {
        server.enqueue(LoopbackServer.Reply.sse("event: response.created\ndata: {\"type\":\"response.created\","
                + "\"response\":{\"id\":\"resp_1\",\"status\":\"in_progress\"}}\n\n"
                + "event: response.failed\ndata: {\"type\":\"response.failed\",\"response\":{\"id\":\"resp_1\","
                + "\"status\":\"failed\",\"error\":{\"code\":\"server_error\",\"message\":\"The model failed.\"}}}\n\n"));
        assertThatThrownBy(() -> model().stream(hello(), e -> { })).isInstanceOf(ServerException.class)
                .hasMessageContaining("The model failed.");

        server.enqueue(LoopbackServer.Reply.sse("event: response.created\ndata: {\"type\":\"response.created\","
                + "\"response\":{\"id\":\"resp_2\",\"status\":\"in_progress\"}}\n\n"
                + "event: error\ndata: {\"type\":\"error\",\"code\":\"context_length_exceeded\","
                + "\"message\":\"Your input exceeds the context window.\",\"param\":null}\n\n"));
        assertThatThrownBy(() -> model().stream(hello(), e -> { })).isInstanceOf(ContextWindowExceededException.class);
    }

    @Test
    void malformedStreamEventIsUnreadable() {
        server.enqueue(LoopbackServer.Reply.sse("event: response.created\ndata: {\"type\":\n\n"));

        assertThatThrownBy(() -> model().stream(hello(), e -> { })).isInstanceOf(UnreadableResponseException.class)
                .hasMessageContaining("not valid JSON");
    }

    @Test
    void builderNamesWhatIsMissing() {
        assertThatThrownBy(() -> OpenAiResponsesModel.builder().model("m").build())
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("API key");
        assertThatThrownBy(() -> OpenAiResponsesModel.builder().apiKey(KEY).build())
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("model");
        assertThatThrownBy(() -> OpenAiResponsesModel.builder().apiKey(KEY).model("m").baseUrl("not a url").build())
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("base URL");
    }
}
