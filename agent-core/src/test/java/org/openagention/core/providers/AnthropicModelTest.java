// SPDX-License-Identifier: Apache-2.0
package org.openagention.core.providers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import com.fasterxml.jackson.databind.JsonNode;
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
import org.openagention.core.model.ModelException;
import org.openagention.core.model.ModelRequest;
import org.openagention.core.model.ModelResponse;
import org.openagention.core.model.OutputSchema;
import org.openagention.core.model.OverloadedException;
import org.openagention.core.model.RateLimitedException;
import org.openagention.core.model.StreamEvent;
import org.openagention.core.model.UnreadableResponseException;
import org.openagention.core.model.Usage;
import org.openagention.core.testing.FakeSleeper;
import org.openagention.core.tool.ToolResult;
import org.openagention.core.tool.ToolSpec;

class AnthropicModelTest {
    static final String KEY = "sk-ant-test-0123456789abcdef";
    final LoopbackServer server = new LoopbackServer();
    final FakeSleeper sleeper = new FakeSleeper();

    @AfterEach
    void stop() {
        server.close();
    }

    /** The server's base URL without the {@code /v1} that {@link AnthropicModel} adds itself. */
    String anthropicBase() {
        return server.baseUrl().substring(0, server.baseUrl().length() - "/v1".length());
    }

    static JsonNode json(LoopbackServer.Received r) {
        return Json.parseTrusted(r.body());
    }

    AnthropicModel model() {
        return AnthropicModel.builder().apiKey(KEY).baseUrl(anthropicBase()).model("claude-sonnet-4-5")
                .maxTokens(1024).http(h -> h.sleeper(sleeper).idleTimeout(Duration.ofSeconds(30))).build();
    }

    static ModelRequest hello() {
        return ModelRequest.builder().system("You are terse.").addMessage(Message.user("Hi")).build();
    }

    static ModelRequest withTools() {
        return hello().toBuilder().addTool(new ToolSpec("read_file", "Reads a file",
                "{\"type\":\"object\",\"properties\":{\"path\":{\"type\":\"string\"}}}")).build();
    }

    @Test
    void completeSendsHeadersAndGoldenBodyAndReadsText() {
        server.enqueue(LoopbackServer.Reply.json(Fixtures.resource("anthropic/text.response.json")));

        ModelResponse r = model().complete(hello());

        assertThat(r.text()).isEqualTo("Hello! How can I help?");
        assertThat(r.finishReason()).isEqualTo(FinishReason.END_TURN);
        assertThat(r.id()).isEqualTo("msg_text_1");
        assertThat(r.usage()).isEqualTo(new Usage(12, 8, 0, 0));
        LoopbackServer.Received sent = server.received().get(0);
        assertThat(sent.path()).isEqualTo("/v1/messages");
        assertThat(sent.header("x-api-key")).isEqualTo(KEY);
        assertThat(sent.header("anthropic-version")).isEqualTo("2023-06-01");
        assertThat(json(sent)).isEqualTo(Fixtures.json("anthropic/request-hello.json"));
    }

    @Test
    void singleToolCallWithCacheWriteUsage() {
        server.enqueue(LoopbackServer.Reply.json(Fixtures.resource("anthropic/tool-use.response.json")));

        ModelResponse r = model().complete(withTools());

        assertThat(r.finishReason()).isEqualTo(FinishReason.TOOL_USE);
        assertThat(r.toolCalls()).singleElement().satisfies(c -> {
            assertThat(c.id()).isEqualTo("toolu_01A");
            assertThat(c.name()).isEqualTo("read_file");
            assertThat(c.argumentsJson()).isEqualTo("{\"path\":\"README.md\"}");
        });
        assertThat(r.usage()).isEqualTo(new Usage(410, 42, 0, 1200));
    }

    @Test
    void parallelToolCallsThinkingAndUnknownBlocksAreKeptInOrder() {
        server.enqueue(LoopbackServer.Reply.json(Fixtures.resource("anthropic/mixed.response.json")));

        ModelResponse r = model().complete(withTools());

        assertThat(r.content()).hasSize(7);
        assertThat(r.content().get(0)).isEqualTo(new Content.Thinking("Two files, read both at once.",
                "EqQBCkYIBxgCKkBsig==", false));
        assertThat(r.content().get(1)).isEqualTo(new Content.Thinking("EmwKAhgBEgy3va3pzix/LafPsn4aDFIT", "", true));
        assertThat(r.content().get(3)).isInstanceOfSatisfying(Content.Unknown.class,
                u -> assertThat(u.type()).isEqualTo("server_tool_use"));
        assertThat(r.content().get(4)).isInstanceOfSatisfying(Content.Unknown.class,
                u -> assertThat(u.rawJson()).contains("https://example.org/utrecht"));
        assertThat(r.toolCalls()).extracting(c -> c.name() + c.argumentsJson())
                .containsExactly("read_file{\"path\":\"a.txt\"}", "list_dir{}");
        assertThat(r.usage()).isEqualTo(new Usage(35, 133, 2048, 0));
    }

    @Test
    void thinkingAndUnknownBlocksGoBackUnchangedOnTheNextTurn() {
        server.enqueue(LoopbackServer.Reply.json(Fixtures.resource("anthropic/mixed.response.json")))
                .enqueue(LoopbackServer.Reply.json(Fixtures.resource("anthropic/text.response.json")));
        AnthropicModel model = model();
        ModelResponse first = model.complete(withTools());

        model.complete(withTools().toBuilder().addMessage(first.toMessage())
                .addMessage(new ToolResultMessage(List.of(
                        new Content.ToolOutput("toolu_01A", "read_file", ToolResult.success("alpha")),
                        new Content.ToolOutput("toolu_01B", "list_dir", ToolResult.error("not allowed")))))
                .build());

        assertThat(json(server.received().get(1))).isEqualTo(Fixtures.json("anthropic/request-turn2.json"));
    }

    @Test
    void structuredOutputSendsOutputConfig() {
        server.enqueue(LoopbackServer.Reply.json(Fixtures.resource("anthropic/text.response.json")
                .replace("Hello! How can I help?", "{\\\"score\\\": 4}")));

        ModelResponse r = model().complete(hello().toBuilder().outputSchema(new OutputSchema("rating",
                "{\"type\":\"object\",\"properties\":{\"score\":{\"type\":\"integer\"}}}")).build());

        assertThat(r.text()).isEqualTo("{\"score\": 4}");
        assertThat(json(server.received().get(0)).at("/output_config/format/schema/properties/score/type").asText())
                .isEqualTo("integer");
    }

    @Test
    void unauthorizedIsNotRetriedAndNeverShowsTheKey() {
        server.enqueue(LoopbackServer.Reply.json(401, "{\"type\":\"error\",\"error\":{\"type\":"
                + "\"authentication_error\",\"message\":\"invalid x-api-key " + KEY + "\"}}")
                .header("request-id", "req_loopback_1"));

        assertThatThrownBy(() -> model().complete(hello())).isInstanceOf(AuthenticationException.class)
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain(KEY).contains("authentication_error"))
                .satisfies(e -> assertThat(((ModelException) e).requestId()).contains("req_loopback_1"));
        assertThat(server.received()).hasSize(1);
    }

    @Test
    void promptTooLongIsContextWindowExceeded() {
        server.enqueue(LoopbackServer.Reply.json(400, "{\"type\":\"error\",\"error\":{\"type\":"
                + "\"invalid_request_error\",\"message\":\"prompt is too long: 208310 tokens > 200000 maximum\"}}"));

        assertThatThrownBy(() -> model().complete(hello())).isInstanceOf(ContextWindowExceededException.class)
                .hasMessageContaining("prompt is too long");
        assertThat(server.received()).hasSize(1);
    }

    @Test
    void rateLimitWaitsWhatRetryAfterSaysThenSucceeds() {
        server.enqueue(LoopbackServer.Reply.json(429, "{\"type\":\"error\",\"error\":{\"type\":"
                + "\"rate_limit_error\",\"message\":\"slow down\"}}").header("retry-after", "7"))
                .enqueue(LoopbackServer.Reply.json(Fixtures.resource("anthropic/text.response.json")));

        ModelResponse r = model().complete(hello());

        assertThat(r.text()).isEqualTo("Hello! How can I help?");
        assertThat(sleeper.sleeps()).containsExactly(Duration.ofSeconds(7));
        assertThat(server.received()).hasSize(2);
    }

    @Test
    void overloadedIsRetriedAndSurfacesTypedWhenItPersists() {
        String overloaded = "{\"type\":\"error\",\"error\":{\"type\":\"overloaded_error\",\"message\":\"Overloaded\"}}";
        server.enqueue(LoopbackServer.Reply.json(529, overloaded))
                .enqueue(LoopbackServer.Reply.json(Fixtures.resource("anthropic/text.response.json")));
        assertThat(model().complete(hello()).text()).isEqualTo("Hello! How can I help?");

        AnthropicModel once = AnthropicModel.builder().apiKey(KEY).baseUrl(anthropicBase()).model("m")
                .http(h -> h.retryPolicy(RetryPolicy.builder().maxAttempts(2).build()).sleeper(sleeper)).build();
        server.enqueue(LoopbackServer.Reply.json(529, overloaded))
                .enqueue(LoopbackServer.Reply.json(529, overloaded));
        assertThatThrownBy(() -> once.complete(hello())).isInstanceOf(OverloadedException.class);
        assertThat(server.received()).hasSize(4);
    }

    @Test
    void malformedJsonIsUnreadableWithTheRequestId() {
        server.enqueue(LoopbackServer.Reply.json("{\"id\":\"msg_1\",\"content\":[{\"type\":")
                .header("request-id", "req_loopback_1"));

        assertThatThrownBy(() -> model().complete(hello())).isInstanceOf(UnreadableResponseException.class)
                .satisfies(e -> assertThat(((ModelException) e).requestId()).contains("req_loopback_1"));
    }

    @Test
    void responseWithoutContentIsUnreadable() {
        server.enqueue(LoopbackServer.Reply.json("{\"id\":\"msg_1\",\"type\":\"message\"}"));

        assertThatThrownBy(() -> model().complete(hello())).isInstanceOf(UnreadableResponseException.class)
                .hasMessageContaining("content");
    }

    @Test
    void streamAssemblesExactlyWhatCompleteReturnsAndReportsEachPiece() {
        server.enqueue(LoopbackServer.Reply.json(Fixtures.resource("anthropic/mixed.response.json")))
                .enqueue(LoopbackServer.Reply.sse(Fixtures.resource("anthropic/mixed.response.sse")));
        AnthropicModel model = model();
        ModelResponse blocking = model.complete(withTools());
        List<StreamEvent> events = new ArrayList<>();

        ModelResponse streamed = model.stream(withTools(), events::add);

        assertThat(streamed).isEqualTo(blocking);
        assertThat(json(server.received().get(1)).get("stream").asBoolean()).isTrue();
        assertThat(events).containsExactly(
                new StreamEvent.ThinkingDelta("Two files, "),
                new StreamEvent.ThinkingDelta("read both at once."),
                new StreamEvent.TextDelta("Searching first, "),
                new StreamEvent.TextDelta("then reading both files."),
                new StreamEvent.ToolCallStarted(0, "toolu_01A", "read_file"),
                new StreamEvent.ToolCallDelta(0, "{\"path\": \"a"),
                new StreamEvent.ToolCallDelta(0, ".txt\"}"),
                new StreamEvent.ToolCallFinished(0, blocking.toolCalls().get(0)),
                new StreamEvent.ToolCallStarted(1, "toolu_01B", "list_dir"),
                new StreamEvent.ToolCallFinished(1, blocking.toolCalls().get(1)));
    }

    @Test
    void streamedTextMatchesComplete() {
        server.enqueue(LoopbackServer.Reply.json(Fixtures.resource("anthropic/text.response.json")))
                .enqueue(LoopbackServer.Reply.sse(Fixtures.resource("anthropic/text.response.sse")));
        AnthropicModel model = model();
        ModelResponse blocking = model.complete(hello());

        assertThat(model.stream(hello(), e -> { })).isEqualTo(blocking);
    }

    @Test
    void streamCutInTheMiddleFailsWithoutRetryAfterContentArrived() {
        String sse = Fixtures.resource("anthropic/mixed.response.sse");
        int cut = sse.indexOf("event: content_block_start\ndata: {\"type\":\"content_block_start\",\"index\":5");
        server.enqueue(LoopbackServer.Reply.sse(sse).cutAfter(cut))
                .enqueue(LoopbackServer.Reply.sse(sse));
        List<StreamEvent> events = new ArrayList<>();

        assertThatThrownBy(() -> model().stream(withTools(), events::add))
                .isInstanceOf(UnreadableResponseException.class);
        assertThat(events).contains(new StreamEvent.TextDelta("then reading both files."));
        assertThat(server.received()).hasSize(1);
    }

    @Test
    void streamThatEndsWithoutMessageStopIsUnreadable() {
        String sse = Fixtures.resource("anthropic/text.response.sse");
        server.enqueue(LoopbackServer.Reply.sse(sse.substring(0, sse.indexOf("event: message_stop"))));

        assertThatThrownBy(() -> model().stream(hello(), e -> { })).isInstanceOf(UnreadableResponseException.class)
                .hasMessageContaining("message_stop");
    }

    @Test
    void errorEventMidStreamBecomesTypedException() {
        String sse = Fixtures.resource("anthropic/text.response.sse");
        String head = sse.substring(0, sse.indexOf("event: content_block_stop"));
        server.enqueue(LoopbackServer.Reply.sse(head + "event: error\ndata: {\"type\":\"error\",\"error\":"
                + "{\"type\":\"overloaded_error\",\"message\":\"Overloaded\"}}\n\n"));

        assertThatThrownBy(() -> model().stream(hello(), e -> { })).isInstanceOf(OverloadedException.class);
        assertThat(server.received()).hasSize(1);
    }

    @Test
    void malformedStreamEventIsUnreadable() {
        server.enqueue(LoopbackServer.Reply.sse("event: message_start\ndata: {\"type\":\"message_start\",\n\n"));

        assertThatThrownBy(() -> model().stream(hello(), e -> { })).isInstanceOf(UnreadableResponseException.class)
                .hasMessageContaining("not valid JSON");
    }

    @Test
    void rateLimitBeforeAnyEventIsRetriedForStreamsToo() {
        server.enqueue(LoopbackServer.Reply.json(429, "{\"type\":\"error\",\"error\":{\"type\":"
                + "\"rate_limit_error\",\"message\":\"slow down\"}}").header("retry-after-ms", "1500"))
                .enqueue(LoopbackServer.Reply.sse(Fixtures.resource("anthropic/text.response.sse")));

        assertThat(model().stream(hello(), e -> { }).text()).isEqualTo("Hello! How can I help?");
        assertThat(sleeper.sleeps()).containsExactly(Duration.ofMillis(1500));
    }

    @Test
    void rateLimitThatPersistsIsTyped() {
        AnthropicModel once = AnthropicModel.builder().apiKey(KEY).baseUrl(anthropicBase()).model("m")
                .http(h -> h.retryPolicy(RetryPolicy.none())).build();
        server.enqueue(LoopbackServer.Reply.json(429, "{\"type\":\"error\",\"error\":{\"type\":"
                + "\"rate_limit_error\",\"message\":\"slow down\"}}").header("retry-after", "3"));

        assertThatThrownBy(() -> once.complete(hello())).isInstanceOf(RateLimitedException.class);
    }

    @Test
    void builderNamesWhatIsMissing() {
        assertThatThrownBy(() -> AnthropicModel.builder().model("m").build())
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("API key");
        assertThatThrownBy(() -> AnthropicModel.builder().apiKey(KEY).build())
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("model");
        assertThatThrownBy(() -> AnthropicModel.builder().apiKey(KEY).model("m").maxTokens(2000).thinkingBudget(4000)
                .build()).isInstanceOf(ConfigurationException.class).hasMessageContaining("below maxTokens");
        assertThatThrownBy(() -> AnthropicModel.builder().thinkingBudget(10))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("1024");
    }
}
