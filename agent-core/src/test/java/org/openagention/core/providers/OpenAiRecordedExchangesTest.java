// SPDX-License-Identifier: Apache-2.0
package org.openagention.core.providers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openagention.core.RetryPolicy;
import org.openagention.core.internal.Json;
import org.openagention.core.message.AssistantMessage;
import org.openagention.core.message.Content;
import org.openagention.core.message.Message;
import org.openagention.core.message.ToolResultMessage;
import org.openagention.core.model.FinishReason;
import org.openagention.core.model.ModelRequest;
import org.openagention.core.model.ModelResponse;
import org.openagention.core.model.StreamEvent;
import org.openagention.core.model.Usage;
import org.openagention.core.providers.LoopbackServer.Reply;
import org.openagention.core.tool.ToolCall;
import org.openagention.core.tool.ToolResult;
import org.openagention.core.tool.ToolSpec;

/**
 * Runs the parsers over real OpenAI exchanges recorded by other projects (see SOURCES.md in the
 * shared test data), served verbatim by the loopback server. Skipped when the shared folder is
 * not next to the repository.
 */
class OpenAiRecordedExchangesTest {
    /** Maven runs tests in the module directory; the repository's parent holds {@code shared}. */
    private static final Path DATA = Path.of("..", "..", "shared", "testdata", "providers");

    private final LoopbackServer server = new LoopbackServer();
    private OpenAiModel model;

    @BeforeEach
    void requireSharedData() {
        assumeTrue(Files.isDirectory(DATA.resolve("openai-chat")),
                "shared recorded exchanges not found at " + DATA.toAbsolutePath().normalize() + "; skipping");
        model = OpenAiModel.builder().apiKey("sk-recorded-000000").baseUrl(server.baseUrl()).model("gpt-4o-mini")
                .http(h -> h.retryPolicy(RetryPolicy.none())).build();
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private static String read(String relative) {
        return LoopbackServer.file(DATA.resolve(relative));
    }

    private static ModelRequest anyRequest() {
        return ModelRequest.builder().addMessage(Message.user("hi")).build();
    }

    @Test
    void everyRecordedBlockingResponseParses() throws Exception {
        List<Path> files;
        try (Stream<Path> s = Files.list(DATA.resolve("openai-chat"))) {
            files = s.filter(p -> p.toString().endsWith(".response.json")).sorted().toList();
        }
        assertThat(files).isNotEmpty();
        for (Path f : files) {
            server.enqueue(Reply.json(LoopbackServer.file(f)));
            ModelResponse r = model.complete(anyRequest());
            boolean turn1 = f.getFileName().toString().contains("turn1");
            assertThat(r.finishReason()).as(f.toString()).isEqualTo(turn1 ? FinishReason.TOOL_USE : FinishReason.END_TURN);
            assertThat(turn1 ? r.hasToolCalls() : !r.text().isEmpty()).as(f.toString()).isTrue();
            assertThat(r.usage().totalTokens()).as(f.toString()).isPositive();
        }
    }

    @Test
    void readsTheRecordedParallelToolCallsAndTheirUsage() {
        server.enqueue(Reply.json(read("openai-chat/parallel-tool-calls.turn1.response.json")));
        ModelResponse r = model.complete(anyRequest());
        assertThat(r.toolCalls()).containsExactly(
                new ToolCall("call_o5VOIpOSlES8PT2Q4zkZilhv", "get_weather", "{\"location\": \"New York City\"}"),
                new ToolCall("call_10UVNyROFOS9zyVhxmKRggfr", "get_weather", "{\"location\": \"London\"}"));
        assertThat(r.usage()).isEqualTo(new Usage(67, 46));
        assertThat(r.text()).isEmpty();
    }

    @Test
    void buildsTheSameRequestBodiesAsTheRecordedClient() throws Exception {
        ToolSpec weather = new ToolSpec("get_weather", "", Json.write(Json.parse(read(
                "openai-chat/parallel-tool-calls.turn1.request.json")).at("/tools/0/function/parameters")));
        ModelRequest turn1 = ModelRequest.builder().model("gpt-4o-mini")
                .system("You are a helpful assistant providing weather updates.")
                .addMessage(Message.user("What is the weather in New York City and London?"))
                .addTool(weather).build();
        server.enqueue(Reply.json(read("openai-chat/parallel-tool-calls.turn1.response.json")));
        ModelResponse first = model.complete(turn1);
        assertSameJson(server.received().get(0).body(), "openai-chat/parallel-tool-calls.turn1.request.json");

        List<Content.ToolOutput> outputs = new ArrayList<>();
        String[] answers = {"25 degrees and sunny", "15 degrees and raining"};
        for (int i = 0; i < 2; i++) {
            ToolCall c = first.toolCalls().get(i);
            outputs.add(new Content.ToolOutput(c.id(), c.name(), ToolResult.success(answers[i])));
        }
        ModelRequest turn2 = turn1.toBuilder().tools(List.of())
                .addMessage(first.toMessage()).addMessage(new ToolResultMessage(outputs)).build();
        server.enqueue(Reply.json(read("openai-chat/parallel-tool-calls.turn2-final.response.json")));
        ModelResponse second = model.complete(turn2);
        assertSameJson(server.received().get(1).body(), "openai-chat/parallel-tool-calls.turn2-final.request.json");
        assertThat(second.text()).startsWith("The weather in New York City is currently 25 degrees");
        assertThat(first.toMessage()).isInstanceOf(AssistantMessage.class);
    }

    private static void assertSameJson(String sent, String recorded) throws Exception {
        JsonNode expected = Json.parse(read(recorded));
        assertThat(Json.parse(sent)).as("sent %s", sent).isEqualTo(expected);
    }

    @Test
    void assemblesTheRecordedStreamWithUsageChunk() {
        server.enqueue(Reply.sse(read("openai-chat-stream/include-usage-tool-call.turn1.response.sse")));
        List<StreamEvent> events = new ArrayList<>();
        ModelResponse r = model.stream(anyRequest(), events::add);
        ToolCall call = new ToolCall("call_ZR5UUuTt3pf61kjwAJIYdVMj", "get_capital", "{\"country\":\"UK\"}");
        assertThat(r.toolCalls()).containsExactly(call);
        assertThat(r.usage()).isEqualTo(new Usage(53, 15));
        assertThat(r.finishReason()).isEqualTo(FinishReason.TOOL_USE);
        assertThat(events.get(0)).isEqualTo(new StreamEvent.ToolCallStarted(0, call.id(), "get_capital"));
        assertThat(events.get(events.size() - 1)).isEqualTo(new StreamEvent.ToolCallFinished(0, call));

        server.enqueue(Reply.sse(read("openai-chat-stream/include-usage-tool-call.turn2-final.response.sse")));
        ModelResponse answer = model.stream(anyRequest(), e -> {});
        assertThat(answer.text()).startsWith("The capital");
        assertThat(answer.finishReason()).isEqualTo(FinishReason.END_TURN);
        assertThat(answer.usage().totalTokens()).isPositive();
    }

    @Test
    void assemblesTheRecordedParallelStreamWithoutUsage() {
        server.enqueue(Reply.sse(read("openai-chat-stream/parallel-tool-calls.turn1.response.sse")));
        ModelResponse r = model.stream(anyRequest(), e -> {});
        assertThat(r.toolCalls()).extracting(ToolCall::argumentsJson)
                .containsExactly("{\"location\": \"New York City\"}", "{\"location\": \"London\"}");
        assertThat(r.toolCalls()).extracting(ToolCall::id)
                .containsExactly("call_RqTAhsyrIFY4GqbN7mE0q0m8", "call_qwK9qR9CaijTcjyvtUfeSDPg");
        assertThat(r.usage()).isEqualTo(Usage.ZERO);

        server.enqueue(Reply.sse(read("openai-chat-stream/parallel-tool-calls.turn2-final.response.sse")));
        StringBuilder streamed = new StringBuilder();
        ModelResponse answer = model.stream(anyRequest(), e -> {
            if (e instanceof StreamEvent.TextDelta t) {
                streamed.append(t.text());
            }
        });
        assertThat(answer.text()).isNotEmpty().isEqualTo(streamed.toString());
    }
}
