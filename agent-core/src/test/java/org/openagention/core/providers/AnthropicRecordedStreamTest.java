// SPDX-License-Identifier: Apache-2.0
package org.openagention.core.providers;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.openagention.core.internal.Json;
import org.openagention.core.message.Content;
import org.openagention.core.message.ToolResultMessage;
import org.openagention.core.model.FinishReason;
import org.openagention.core.model.ModelRequest;
import org.openagention.core.model.ModelResponse;
import org.openagention.core.model.StreamEvent;
import org.openagention.core.model.Usage;
import org.openagention.core.tool.ToolResult;

/**
 * {@link AnthropicModel#stream} over real recorded SSE bodies (served byte for byte by a loopback
 * server), and the follow-up requests it builds compared with the recorded ones.
 */
class AnthropicRecordedStreamTest {
    final LoopbackServer server = new LoopbackServer();

    @AfterEach
    void stop() {
        server.close();
    }

    AnthropicModel model(int thinkingBudget) {
        String base = server.baseUrl().substring(0, server.baseUrl().length() - "/v1".length());
        return AnthropicModel.builder().apiKey("sk-ant-recorded-test").baseUrl(base).model("unused").maxTokens(4096)
                .thinkingBudget(thinkingBudget).promptCaching(false).build();
    }

    @Test
    void thinkingThenToolUseRoundTripsTheSignedThinkingBlock() {
        Path dir = Fixtures.recorded("anthropic-messages-stream");
        server.enqueue(LoopbackServer.Reply.sse(Fixtures.read(dir.resolve("thinking-tool-use.turn1.response.sse"))))
                .enqueue(LoopbackServer.Reply.sse(Fixtures.read(dir.resolve("thinking-tool-use.turn2-final.response.sse"))));
        AnthropicModel model = model(1024);
        ModelRequest turn1Request = AnthropicRecordedTest.requestLike(json(dir, "thinking-tool-use.turn1.request.json"))
                .build();
        List<StreamEvent> events = new ArrayList<>();

        ModelResponse turn1 = model.stream(turn1Request, events::add);

        assertThat(turn1.content().get(0)).isInstanceOfSatisfying(Content.Thinking.class, th -> {
            assertThat(th.text()).startsWith("The user wants to know the temperature in Utrecht.");
            assertThat(th.signature()).startsWith("EqsDCpQBCBAYAipA").endsWith("HxgB");
        });
        assertThat(turn1.toolCalls()).singleElement().satisfies(c -> {
            assertThat(c.name()).isEqualTo("get_temperature");
            assertThat(c.argumentsJson()).isEqualTo("{\"city\":\"Utrecht\"}");
        });
        assertThat(turn1.finishReason()).isEqualTo(FinishReason.TOOL_USE);
        assertThat(turn1.usage()).isEqualTo(new Usage(597, 101, 0, 0));
        assertThat(events).filteredOn(e -> e instanceof StreamEvent.ToolCallDelta).hasSize(3);
        assertThat(Json.parseTrusted(server.received().get(0).body()))
                .isEqualTo(json(dir, "thinking-tool-use.turn1.request.json"));

        ModelResponse fin = model.stream(turn1Request.toBuilder().addMessage(turn1.toMessage())
                .addMessage(new ToolResultMessage(List.of(new Content.ToolOutput(turn1.toolCalls().get(0).id(),
                        "get_temperature", ToolResult.success("18°C"))))).build(), e -> { });

        assertThat(AnthropicRecordedTest.withToolResultBlocks(Json.parseTrusted(server.received().get(1).body())))
                .isEqualTo(json(dir, "thinking-tool-use.turn2-final.request.json"));
        assertThat(fin.text()).isEqualTo("It is currently 18°C (64°F) in Utrecht. That's a pleasant, mild temperature!");
        assertThat(fin.finishReason()).isEqualTo(FinishReason.END_TURN);
    }

    @Test
    void serverToolBlocksArePreservedAndSentBackAsReceived() {
        Path dir = Fixtures.recorded("anthropic-messages-stream");
        server.enqueue(LoopbackServer.Reply.sse(Fixtures.read(dir.resolve("tool-search-then-tool-use.turn1.response.sse"))))
                .enqueue(LoopbackServer.Reply.sse(
                        Fixtures.read(dir.resolve("tool-search-then-tool-use.turn2-final.response.sse"))));
        AnthropicModel model = model(0);
        ModelRequest turn1Request = AnthropicRecordedTest.requestLike(
                json(dir, "tool-search-then-tool-use.turn1.request.json")).build();

        ModelResponse turn1 = model.stream(turn1Request, e -> { });

        assertThat(turn1.content()).extracting(c -> c.getClass().getSimpleName())
                .containsExactly("Text", "Unknown", "Unknown", "Text", "ToolUse");
        assertThat(((Content.Unknown) turn1.content().get(1)).rawJson())
                .contains("\"query\":\"USD EUR exchange rate currency conversion\"");
        assertThat(((Content.Unknown) turn1.content().get(2)).type()).isEqualTo("tool_search_tool_result");
        assertThat(turn1.toolCalls()).singleElement().satisfies(c -> {
            assertThat(c.name()).isEqualTo("get_exchange_rate");
            assertThat(c.argumentsJson()).isEqualTo("{\"from_currency\":\"USD\",\"to_currency\":\"EUR\"}");
        });
        assertThat(turn1.usage()).isEqualTo(new Usage(1591, 175, 0, 0));

        ModelResponse fin = model.stream(turn1Request.toBuilder().addMessage(turn1.toMessage())
                .addMessage(new ToolResultMessage(List.of(new Content.ToolOutput(turn1.toolCalls().get(0).id(),
                        "get_exchange_rate", ToolResult.success("1 USD = 0.92 EUR"))))).build(), e -> { });

        // The recorded tools include a server tool our ToolSpec does not express; the transcript is what matters.
        assertThat(AnthropicRecordedTest.withToolResultBlocks(Json.parseTrusted(server.received().get(1).body()))
                .get("messages")).isEqualTo(json(dir, "tool-search-then-tool-use.turn2-final.request.json").get("messages"));
        assertThat(fin.text()).startsWith("The current exchange rate is **1 USD = 0.92 EUR**.");
        assertThat(fin.usage()).isEqualTo(new Usage(1007, 59, 0, 0));
    }

    @Test
    void emptyInputJsonDeltaMeansEmptyArguments() {
        Path dir = Fixtures.recorded("anthropic-messages-stream");
        server.enqueue(LoopbackServer.Reply.sse(Fixtures.read(dir.resolve("tool-no-args.response.sse"))));
        List<StreamEvent> events = new ArrayList<>();

        ModelResponse r = model(0).stream(AnthropicModelTest.hello(), events::add);

        assertThat(r.text()).isEqualTo("I'll update the issue list for you.");
        assertThat(r.toolCalls()).singleElement().satisfies(c -> {
            assertThat(c.name()).isEqualTo("updateIssueList");
            assertThat(c.argumentsJson()).isEqualTo("{}");
        });
        assertThat(events).last().isEqualTo(new StreamEvent.ToolCallFinished(0, r.toolCalls().get(0)));
        assertThat(r.usage()).isEqualTo(new Usage(565, 48, 0, 0));
    }

    static JsonNode json(Path dir, String file) {
        return Json.parseTrusted(Fixtures.read(dir.resolve(file)));
    }
}
