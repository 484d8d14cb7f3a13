// SPDX-License-Identifier: Apache-2.0
package org.openagention.core.providers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;
import org.openagention.core.model.FinishReason;
import org.openagention.core.model.ModelResponse;
import org.openagention.core.model.StreamEvent;
import org.openagention.core.model.StreamListener;
import org.openagention.core.model.UnreadableResponseException;
import org.openagention.core.model.Usage;
import org.openagention.core.providers.LoopbackServer.Reply;
import org.openagention.core.testing.FakeSleeper;
import org.openagention.core.tool.ToolCall;

class OpenAiModelStreamTest {
    private final LoopbackServer server = new LoopbackServer();

    @AfterEach
    void stop() {
        server.close();
    }

    private OpenAiModel model() {
        return OpenAiModel.builder().apiKey(OpenAiModelTest.KEY).baseUrl(server.baseUrl()).model("gpt-4o-mini")
                .http(h -> h.sleeper(new FakeSleeper())).build();
    }

    @ParameterizedTest
    @ValueSource(strings = {"text", "parallel-tools", "compatible-object-args"})
    void streamReturnsExactlyWhatCompleteReturnsForTheSameExchange(String exchange) {
        server.enqueueJsonResource("openai/" + exchange + ".response.json");
        server.enqueueSseResource("openai/" + exchange + ".response.sse");
        OpenAiModel model = model();
        ModelResponse blocking = model.complete(OpenAiModelTest.textRequest());
        ModelResponse streamed = model.stream(OpenAiModelTest.textRequest(), StreamListener.NONE);
        assertThat(streamed).isEqualTo(blocking);
    }

    @Test
    void sendsTheStreamingFlagsAndReportsTextAsItArrives() throws Exception {
        server.enqueueSseResource("openai/text.response.sse");
        List<StreamEvent> events = new ArrayList<>();
        ModelResponse r = model().stream(OpenAiModelTest.textRequest(), events::add);

        assertThat(events).containsExactly(new StreamEvent.TextDelta("Paris is"),
                new StreamEvent.TextDelta(" the capital"), new StreamEvent.TextDelta(" of France."));
        assertThat(r.usage()).isEqualTo(new Usage(176, 8, 1024, 0));
        OpenAiModelTest.assertGolden(server.received().get(0).body(), "openai/requests/text-stream.request.json");
        assertThat(server.received().get(0).header("accept")).isEqualTo("text/event-stream");
    }

    @Test
    void assemblesInterleavedToolCallFragmentsByIndex() {
        server.enqueueSseResource("openai/parallel-tools.response.sse");
        List<StreamEvent> events = new ArrayList<>();
        ModelResponse r = model().stream(OpenAiModelTest.textRequest(), events::add);

        ToolCall oslo = new ToolCall("call_w1", "get_weather", "{\"city\": \"Oslo\"}");
        ToolCall lima = new ToolCall("call_w2", "get_weather", "{\"city\": \"Lima\"}");
        assertThat(r.toolCalls()).containsExactly(oslo, lima);
        assertThat(r.finishReason()).isEqualTo(FinishReason.TOOL_USE);
        assertThat(events).containsExactly(
                new StreamEvent.TextDelta("Looking "),
                new StreamEvent.TextDelta("both up."),
                new StreamEvent.ToolCallStarted(0, "call_w1", "get_weather"),
                new StreamEvent.ToolCallDelta(0, "{\"city\""),
                new StreamEvent.ToolCallStarted(1, "call_w2", "get_weather"),
                new StreamEvent.ToolCallDelta(1, "{\"ci"),
                new StreamEvent.ToolCallDelta(0, ": \"Oslo\"}"),
                new StreamEvent.ToolCallDelta(1, "ty\": \"Lima\"}"),
                new StreamEvent.ToolCallFinished(0, oslo),
                new StreamEvent.ToolCallFinished(1, lima));
    }

    @Test
    void aStreamCutInTheMiddleIsUnreadableAndIsNotRetried() {
        String body = LoopbackServer.resource("openai/cut.response.sse");
        server.enqueue(Reply.sse(body).header("x-request-id", "req_cut").cutAfter(body.indexOf("\" is\"") + 3));
        server.enqueueSseResource("openai/cut.response.sse");
        List<StreamEvent> events = new ArrayList<>();

        UnreadableResponseException e = catchThrowableOfType(
                () -> model().stream(OpenAiModelTest.textRequest(), events::add), UnreadableResponseException.class);

        assertThat(e.getMessage()).contains("cut after 1 events");
        assertThat(e.requestId()).contains("req_cut");
        assertThat(events).containsExactly(new StreamEvent.TextDelta("The answer"));
        assertThat(server.requestCount()).isEqualTo(1);
    }

    @Test
    void aStreamThatEndsWithoutFinishOrDoneIsUnreadable() {
        server.enqueue(Reply.sse("data: {\"id\":\"c\",\"choices\":[{\"index\":0,\"delta\":{\"content\":\"half\"}}]}\n\n"));
        assertThatThrownBy(() -> model().stream(OpenAiModelTest.textRequest(), StreamListener.NONE))
                .isInstanceOf(UnreadableResponseException.class).hasMessageContaining("ended before its last chunk");
    }

    @Test
    void aChunkThatIsNotJsonIsUnreadable() {
        server.enqueue(Reply.sse("data: {\"id\":\"c\",\"choices\":[{\"index\":0,\"delta\":{\"content\":\"half\"}}]}\n\n"
                + "data: {\"id\":\"c\",\"choices\":[{\n\ndata: [DONE]\n\n"));
        assertThatThrownBy(() -> model().stream(OpenAiModelTest.textRequest(), StreamListener.NONE))
                .isInstanceOf(UnreadableResponseException.class).hasMessageContaining("not valid JSON");
    }

    @Test
    void generatesTheSameIdsForCallsWithoutIdsAsTheBlockingCall() {
        server.enqueueSseResource("openai/compatible-object-args.response.sse");
        List<StreamEvent> events = new ArrayList<>();
        ModelResponse r = model().stream(OpenAiModelTest.textRequest(), events::add);
        String firstId = r.toolCalls().get(0).id();
        assertThat(events).contains(new StreamEvent.ToolCallStarted(0, firstId, "get_weather"),
                new StreamEvent.ToolCallDelta(0, "{\"city\":\"Oslo\"}"));
        assertThat(r.toolCalls().get(1).argumentsJson()).isEqualTo("{}");
    }
}
