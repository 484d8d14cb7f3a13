// SPDX-License-Identifier: Apache-2.0
package org.openagention.core.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.openagention.core.message.Message;
import org.openagention.core.model.Model;
import org.openagention.core.model.ModelException;
import org.openagention.core.model.ModelRequest;
import org.openagention.core.model.ModelResponse;
import org.openagention.core.model.OverloadedException;
import org.openagention.core.model.RateLimitedException;
import org.openagention.core.model.ServerException;
import org.openagention.core.model.UnreadableResponseException;
import org.openagention.core.providers.AnthropicModel;
import org.openagention.core.providers.HttpOptions;
import org.openagention.core.providers.OpenAiModel;
import org.openagention.core.RetryPolicy;
import org.openagention.core.tool.ToolCall;
import org.openagention.core.tool.ToolSpec;

/** Each fault of the FaultyProvider against the real providers, in both wire formats, JSON and streamed. */
class FaultyProviderTest {
    private static final RetryPolicy RETRY = RetryPolicy.builder().maxAttempts(3).initialBackoff(Duration.ofMillis(10))
            .jitter(0).build();

    /** The four ways a provider is called: two wire formats, each as one document or as a stream. */
    enum Wire {
        OPENAI_JSON, OPENAI_STREAM, ANTHROPIC_JSON, ANTHROPIC_STREAM;

        boolean anthropic() {
            return this == ANTHROPIC_JSON || this == ANTHROPIC_STREAM;
        }

        boolean stream() {
            return this == OPENAI_STREAM || this == ANTHROPIC_STREAM;
        }
    }

    private final List<FaultyProvider> started = new ArrayList<>();
    private final FakeSleeper sleeper = new FakeSleeper();

    @AfterEach
    void closeProviders() {
        started.forEach(FaultyProvider::close);
    }

    private FaultyProvider start(Wire wire, FaultyProvider.Answer... script) {
        FaultyProvider.Builder b = wire.anthropic() ? FaultyProvider.anthropic() : FaultyProvider.openAi();
        for (FaultyProvider.Answer a : script) {
            b.then(a);
        }
        FaultyProvider provider = b.start();
        started.add(provider);
        return provider;
    }

    private Model model(Wire wire, FaultyProvider provider, RetryPolicy retry) {
        return model(wire, provider, retry, Duration.ofSeconds(10), Duration.ofSeconds(30));
    }

    private Model model(Wire wire, FaultyProvider provider, RetryPolicy retry, Duration idle, Duration request) {
        if (wire.anthropic()) {
            return AnthropicModel.builder().apiKey("sk-ant-test").baseUrl(provider.baseUrl())
                    .model("claude-sonnet-4-5").http(h -> timeouts(h, retry, idle, request)).build();
        }
        return OpenAiModel.builder().apiKey("sk-test").baseUrl(provider.baseUrl()).model("gpt-4o-mini")
                .http(h -> timeouts(h, retry, idle, request)).build();
    }

    private void timeouts(HttpOptions.Builder h, RetryPolicy retry, Duration idle, Duration request) {
        h.retryPolicy(retry).sleeper(sleeper).idleTimeout(idle).requestTimeout(request);
    }

    private static ModelRequest request() {
        return ModelRequest.builder().system("You are terse.").addMessage(Message.user("Read App.java"))
                .addTool(new ToolSpec("read_file", "Reads a file",
                        "{\"type\":\"object\",\"properties\":{\"path\":{\"type\":\"string\"}}}"))
                .maxOutputTokens(100).build();
    }

    private static ModelResponse call(Wire wire, Model model) {
        return wire.stream() ? model.stream(request(), e -> {}) : model.complete(request());
    }

    @ParameterizedTest
    @EnumSource(Wire.class)
    void answersTextAndToolCallsAndRecordsTheRequests(Wire wire) {
        FaultyProvider provider = start(wire, Reply.toolCall("read_file", "{\"path\":\"App.java\"}"), Reply.text("hi"));
        Model model = model(wire, provider, RetryPolicy.none());

        ModelResponse first = call(wire, model);
        assertThat(first.toolCalls()).extracting(ToolCall::name, ToolCall::argumentsJson)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("read_file", "{\"path\":\"App.java\"}"));
        assertThat(call(wire, model).text()).isEqualTo("hi");

        assertThat(provider.requests()).hasSize(2).allSatisfy(r -> {
            assertThat(r.path()).isEqualTo(wire.anthropic() ? "/v1/messages" : "/v1/chat/completions");
            assertThat(r.streaming()).isEqualTo(wire.stream());
            assertThat(r.body()).contains("Read App.java");
            assertThat(r.header("content-type")).contains("application/json");
        });
        assertThat(provider.answers()).containsExactly("tool call read_file", "text (2 chars)");
        assertThat(provider.faultsInjected()).isZero();
    }

    @ParameterizedTest
    @EnumSource(Wire.class)
    void waitsWhatRetryAfterSaysOnA429ThenAnswers(Wire wire) {
        FaultyProvider provider = start(wire, Fault.status(429).retryAfter(Duration.ofSeconds(3)), Reply.text("hi"));
        assertThat(call(wire, model(wire, provider, RETRY)).text()).isEqualTo("hi");
        assertThat(sleeper.sleeps()).containsExactly(Duration.ofSeconds(3));
        assertThat(provider.answers()).containsExactly("status 429 (retry after 3000 ms)", "text (2 chars)");
    }

    @ParameterizedTest
    @EnumSource(Wire.class)
    void a429ThatOutlastsTheRetriesIsARateLimitedExceptionWithItsWait(Wire wire) {
        FaultyProvider provider = start(wire, Fault.status(429).retryAfter(Duration.ofMillis(1500)));
        RateLimitedException e = catchThrowableOfType(() -> call(wire, model(wire, provider, RetryPolicy.none())),
                RateLimitedException.class);
        assertThat(e.statusCode()).isEqualTo(429);
        assertThat(e.retryAfter()).contains(Duration.ofMillis(1500));
        assertThat(e.requestId()).contains("req_faulty_0");
    }

    @ParameterizedTest
    @EnumSource(Wire.class)
    void serverErrorsAreRetriedThenSurfaceAsServerExceptions(Wire wire) {
        FaultyProvider provider = start(wire, Fault.status(500), Fault.status(503), Reply.text("recovered"),
                Fault.status(502), Fault.status(500), Fault.status(503));
        Model model = model(wire, provider, RETRY);
        assertThat(call(wire, model).text()).isEqualTo("recovered");
        ServerException e = catchThrowableOfType(() -> call(wire, model), ServerException.class);
        assertThat(e.statusCode()).isEqualTo(503);
        assertThat(e.isRetryable()).isTrue();
        assertThat(provider.requests()).hasSize(6);
    }

    @ParameterizedTest
    @EnumSource(Wire.class)
    void a529IsAnOverloadedException(Wire wire) {
        FaultyProvider provider = start(wire, Fault.status(529));
        OverloadedException e = catchThrowableOfType(() -> call(wire, model(wire, provider, RetryPolicy.none())),
                OverloadedException.class);
        assertThat(e.statusCode()).isEqualTo(529);
    }

    @ParameterizedTest
    @EnumSource(Wire.class)
    void aResetConnectionIsRetriedAndOneThatPersistsFailsRetryably(Wire wire) {
        FaultyProvider provider = start(wire, Fault.connectionReset(), Reply.text("after reset"),
                Fault.connectionReset());
        Model model = model(wire, provider, RETRY);
        assertThat(call(wire, model).text()).isEqualTo("after reset");
        assertThat(sleeper.sleeps()).hasSize(1);

        ModelException e = catchThrowableOfType(() -> call(wire, model(wire, provider, RetryPolicy.none())),
                ModelException.class);
        assertThat(e.isRetryable()).isTrue();
        assertThat(e.getMessage()).doesNotContain("null");
    }

    @ParameterizedTest
    @EnumSource(Wire.class)
    void aResponseCutMidToolCallIsRetriedBeforeItsFirstEventAndUnreadableAfter(Wire wire) {
        FaultyProvider provider = start(wire, Fault.cutMidToolCall(), Reply.text("whole"));
        Model model = model(wire, provider, RETRY);
        if (wire.stream()) {
            UnreadableResponseException e = catchThrowableOfType(() -> call(wire, model),
                    UnreadableResponseException.class);
            assertThat(e.getMessage()).contains("cut");
            assertThat(provider.requests()).as("a stream that delivered events is never retried").hasSize(1);
        } else {
            assertThat(call(wire, model).text()).isEqualTo("whole");
            assertThat(provider.requests()).hasSize(2);
        }
    }

    @ParameterizedTest
    @EnumSource(Wire.class)
    void aMalformedBodyIsAnUnreadableResponse(Wire wire) {
        FaultyProvider provider = start(wire, Fault.malformedBody());
        UnreadableResponseException e = catchThrowableOfType(() -> call(wire, model(wire, provider, RETRY)),
                UnreadableResponseException.class);
        assertThat(e.getMessage()).containsAnyOf("not valid JSON", "could not read");
        assertThat(provider.requests()).hasSize(1);
    }

    @ParameterizedTest
    @EnumSource(Wire.class)
    void emptyChoicesAreAnUnreadableResponseOrAnEmptyAnswer(Wire wire) {
        FaultyProvider provider = start(wire, Fault.emptyChoices());
        Model model = model(wire, provider, RETRY);
        if (wire != Wire.OPENAI_JSON) {
            // Anthropic may legitimately answer with no content blocks; an OpenAI stream of only a
            // usage chunk and [DONE] is read the same way (unlike a JSON body without choices)
            ModelResponse r = call(wire, model);
            assertThat(r.text()).isEmpty();
            assertThat(r.hasToolCalls()).isFalse();
        } else {
            UnreadableResponseException e = catchThrowableOfType(() -> call(wire, model),
                    UnreadableResponseException.class);
            assertThat(e.getMessage()).isNotBlank().doesNotContain("null");
        }
    }

    @ParameterizedTest
    @EnumSource(Wire.class)
    void aHugeBodyArrivesWhole(Wire wire) {
        int size = 4 * 1024 * 1024;
        FaultyProvider provider = start(wire, Fault.hugeBody(size));
        String text = call(wire, model(wire, provider, RetryPolicy.none())).text();
        assertThat(text).hasSize(size).startsWith("All work and no play");
    }

    @ParameterizedTest
    @EnumSource(Wire.class)
    void silenceEndsInTheClientsTimeoutNotAHang(Wire wire) {
        FaultyProvider provider = start(wire, Fault.silence());
        // One second of silence between stream events is a timeout, and two seconds for a whole call.
        Model model = model(wire, provider, RetryPolicy.none(), Duration.ofSeconds(1), Duration.ofSeconds(2));
        ModelException e = catchThrowableOfType(() -> call(wire, model), ModelException.class);
        assertThat(e).isNotNull();
        assertThat(e.getMessage()).doesNotContain("null");
        assertThat(provider.answers()).containsExactly("silence");
    }

    @ParameterizedTest
    @EnumSource(Wire.class)
    void anExhaustedScriptSaysSoWithoutRetries(Wire wire) {
        FaultyProvider provider = start(wire);
        ModelException e = catchThrowableOfType(() -> call(wire, model(wire, provider, RETRY)), ModelException.class);
        assertThat(e.getMessage()).contains("script has run out");
        assertThat(provider.requests()).hasSize(1);
    }
}
