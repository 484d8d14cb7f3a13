// SPDX-License-Identifier: Apache-2.0
package org.openagention.core.providers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.openagention.core.RetryPolicy;
import org.openagention.core.model.ModelException;
import org.openagention.core.model.ModelResponse;
import org.openagention.core.providers.LoopbackServer.Reply;
import org.openagention.core.testing.FakeSleeper;

class OpenAiModelErrorsTest {
    private final LoopbackServer server = new LoopbackServer();
    private final FakeSleeper sleeper = new FakeSleeper();

    @AfterEach
    void stop() {
        server.close();
    }

    private OpenAiModel model(RetryPolicy retry) {
        return OpenAiModel.builder().apiKey(OpenAiModelTest.KEY).baseUrl(server.baseUrl()).model("gpt-4o-mini")
                .http(h -> h.retryPolicy(retry).sleeper(sleeper)).build();
    }

    @ParameterizedTest(name = "HTTP {0} from {1}")
    @CsvSource({
        "401, 401.json, org.openagention.core.model.AuthenticationException, false",
        "403, 403.json, org.openagention.core.model.PermissionDeniedException, false",
        "404, 404.json, org.openagention.core.model.NotFoundException, false",
        "400, 400.json, org.openagention.core.model.InvalidRequestException, false",
        "422, 422.json, org.openagention.core.model.InvalidRequestException, false",
        "400, 400-context.json, org.openagention.core.model.ContextWindowExceededException, false",
        "429, 429.json, org.openagention.core.model.RateLimitedException, true",
        "500, 500.json, org.openagention.core.model.ServerException, true",
        "503, 503.json, org.openagention.core.model.ServerException, true",
    })
    void mapsEachErrorStatusToItsTypedExceptionWithTheRequestId(int status, String fixture, String type,
            boolean retryable) throws Exception {
        server.enqueue(Reply.json(status, LoopbackServer.resource("openai/errors/" + fixture))
                .header("x-request-id", "req_" + status));
        ModelException e = catchThrowableOfType(() -> model(RetryPolicy.none()).complete(OpenAiModelTest.textRequest()),
                ModelException.class);
        assertThat(e).isInstanceOf(Class.forName(type));
        assertThat(e.statusCode()).isEqualTo(status);
        assertThat(e.requestId()).contains("req_" + status);
        assertThat(e.isRetryable()).isEqualTo(retryable);
        assertThat(e.getMessage()).startsWith("openai returned HTTP " + status).contains("req_" + status);
    }

    @Test
    void waitsWhatRetryAfterSaysOnA429ThenAnswers() {
        server.enqueue(Reply.json(429, LoopbackServer.resource("openai/errors/429.json")).header("retry-after", "20"));
        server.enqueueJsonResource("openai/text.response.json");
        ModelResponse r = model(RetryPolicy.defaults()).complete(OpenAiModelTest.textRequest());
        assertThat(r.text()).isEqualTo("Paris is the capital of France.");
        assertThat(sleeper.sleeps()).containsExactly(Duration.ofSeconds(20));
        assertThat(server.received()).extracting(LoopbackServer.Received::body).containsOnly(server.received().get(0).body());
    }

    @Test
    void retriesAServerErrorWithBackoffThenAnswers() {
        server.enqueue(Reply.json(500, LoopbackServer.resource("openai/errors/500.json")));
        server.enqueue(Reply.json(502, "<html>bad gateway</html>"));
        server.enqueueJsonResource("openai/text.response.json");
        RetryPolicy retry = RetryPolicy.builder().maxAttempts(3).initialBackoff(Duration.ofMillis(100)).jitter(0).build();
        ModelResponse r = model(retry).complete(OpenAiModelTest.textRequest());
        assertThat(r.text()).isEqualTo("Paris is the capital of France.");
        assertThat(sleeper.sleeps()).containsExactly(Duration.ofMillis(100), Duration.ofMillis(200));
    }

    @Test
    void aStreamThatFailsBeforeItsFirstChunkIsRetried() {
        server.enqueue(Reply.json(503, LoopbackServer.resource("openai/errors/503.json")).header("retry-after", "1"));
        server.enqueueSseResource("openai/text.response.sse");
        ModelResponse r = model(RetryPolicy.defaults()).stream(OpenAiModelTest.textRequest(), e -> {});
        assertThat(r.text()).isEqualTo("Paris is the capital of France.");
        assertThat(sleeper.sleeps()).containsExactly(Duration.ofSeconds(1));
    }
}
