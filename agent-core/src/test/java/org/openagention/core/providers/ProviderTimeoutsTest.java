// SPDX-License-Identifier: Apache-2.0
package org.openagention.core.providers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.openagention.core.RetryPolicy;
import org.openagention.core.message.Message;
import org.openagention.core.model.ModelRequest;
import org.openagention.core.model.ProviderTimeoutException;
import org.openagention.core.model.ProviderTimeoutException.Timeout;
import org.openagention.core.model.StreamEvent;
import org.openagention.core.model.StreamListener;
import org.openagention.core.providers.LoopbackServer.Reply;
import org.openagention.core.testing.FakeSleeper;

/**
 * The three provider timeouts against a loopback server that accepts and never answers, or sends
 * one event and goes silent: each fails with {@link ProviderTimeoutException} naming the timeout
 * that fired and its setting, and a silent server is retried only per the policy and within the
 * request timeout.
 */
class ProviderTimeoutsTest {
    private final LoopbackServer server = new LoopbackServer();
    private final CountDownLatch silence = new CountDownLatch(1);
    private final FakeSleeper sleeper = new FakeSleeper();

    @AfterEach
    void stop() {
        silence.countDown();
        server.close();
    }

    private OpenAiModel openAi(HttpOptions.Builder http) {
        return OpenAiModel.builder().apiKey("sk-test").baseUrl(server.baseUrl()).model("gpt-4o-mini")
                .http(http.sleeper(sleeper).build()).build();
    }

    private static HttpOptions.Builder noRetry() {
        return HttpOptions.builder().retryPolicy(RetryPolicy.none());
    }

    private static ModelRequest hello() {
        return ModelRequest.builder().addMessage(Message.user("Hello")).build();
    }

    @Test
    void aStreamFromAServerThatNeverAnswersFailsWithTheIdleTimeout() {
        server.enqueue(Reply.sse("data: [DONE]\n\n").holdUntil(silence));
        OpenAiModel model = openAi(noRetry().idleTimeout(Duration.ofMillis(200)));

        ProviderTimeoutException e = catchThrowableOfType(() -> model.stream(hello(), StreamListener.NONE),
                ProviderTimeoutException.class);

        assertThat(e.timeout()).isEqualTo(Timeout.IDLE);
        assertThat(e.after()).isEqualTo(Duration.ofMillis(200));
        assertThat(e.isRetryable()).isTrue();
        assertThat(e.getMessage()).startsWith("openai at " + server.baseUrl() + "/chat/completions: ")
                .contains("the idle timeout fired after 200 ms of silence").contains("before the stream sent any event")
                .doesNotContain("sk-test");
    }

    @Test
    void aStreamThatGoesSilentAfterOneEventFailsWithTheIdleTimeoutAndIsNotRetried() {
        String sse = LoopbackServer.resource("anthropic/text.response.sse");
        server.enqueue(Reply.sse(sse).silentAfter(sse.indexOf("event: content_block_start"), silence));
        server.enqueue(Reply.sse(sse)); // what a retry would get
        // A second of silence: long enough that the first event arrives before it on a busy machine.
        AnthropicModel model = AnthropicModel.builder().apiKey("sk-ant-test").baseUrl(server.baseUrl()).model("m")
                .http(h -> h.idleTimeout(Duration.ofSeconds(1)).sleeper(sleeper)).build();
        List<StreamEvent> seen = new ArrayList<>();

        ProviderTimeoutException e = catchThrowableOfType(() -> model.stream(hello(), seen::add),
                ProviderTimeoutException.class);

        assertThat(e.timeout()).isEqualTo(Timeout.IDLE);
        assertThat(e.getMessage()).contains("the idle timeout fired after 1 s of silence")
                .contains("after the stream sent 1 events");
        assertThat(server.requestCount()).isEqualTo(1);
        assertThat(sleeper.sleeps()).isEmpty();
    }

    @Test
    void aCallToAServerThatNeverAnswersFailsWithTheRequestTimeoutNotTheIdleOne() {
        server.enqueue(Reply.json("{}").holdUntil(silence));
        server.enqueue(Reply.json("{}").holdUntil(silence));
        // A non-streamed answer comes only when the model is done: the idle timeout does not bound
        // the wait for it, the request timeout does, and it is not retried.
        OpenAiModel model = openAi(HttpOptions.builder().idleTimeout(Duration.ofMillis(50))
                .requestTimeout(Duration.ofMillis(400)));

        ProviderTimeoutException e = catchThrowableOfType(() -> model.complete(hello()), ProviderTimeoutException.class);

        assertThat(e.timeout()).isEqualTo(Timeout.REQUEST);
        assertThat(e.after()).isEqualTo(Duration.ofMillis(400));
        assertThat(e.isRetryable()).isFalse();
        assertThat(e.getMessage()).contains("the request timeout fired after 400 ms");
        assertThat(server.requestCount()).isEqualTo(1);
    }

    @Test
    void aBodyThatStallsAfterItStartedFailsWithTheIdleTimeout() {
        String json = LoopbackServer.resource("openai/text.response.json");
        server.enqueue(Reply.json(json).silentAfter(10, silence));
        OpenAiModel model = openAi(noRetry().idleTimeout(Duration.ofMillis(200)));

        ProviderTimeoutException e = catchThrowableOfType(() -> model.complete(hello()), ProviderTimeoutException.class);

        assertThat(e.timeout()).isEqualTo(Timeout.IDLE);
        assertThat(e.getMessage()).contains("the idle timeout fired after 200 ms of silence")
                .contains("while reading the response");
    }

    @Test
    void anIdleTimeoutIsRetriedPerThePolicyThenSurfaces() {
        for (int i = 0; i < 3; i++) {
            server.enqueue(Reply.sse("data: [DONE]\n\n").holdUntil(silence));
        }
        OpenAiModel model = openAi(HttpOptions.builder().idleTimeout(Duration.ofMillis(100))
                .retryPolicy(RetryPolicy.builder().maxAttempts(3).jitter(0).build()));

        ProviderTimeoutException e = catchThrowableOfType(() -> model.stream(hello(), StreamListener.NONE),
                ProviderTimeoutException.class);

        assertThat(e.timeout()).isEqualTo(Timeout.IDLE);
        assertThat(e.getMessage()).contains("the idle timeout fired after 100 ms").contains("(after 3 attempts)");
        assertThat(server.requestCount()).isEqualTo(3);
        assertThat(sleeper.sleeps()).containsExactly(Duration.ofMillis(500), Duration.ofSeconds(1));
    }

    @Test
    void aSilentServerIsNotRetriedPastTheRequestTimeout() {
        for (int i = 0; i < 100; i++) {
            server.enqueue(Reply.sse("data: [DONE]\n\n").holdUntil(silence));
        }
        // 100 attempts of 100 ms would take 10 s; the request timeout ends the call after 1 s.
        OpenAiModel model = openAi(HttpOptions.builder().idleTimeout(Duration.ofMillis(100))
                .requestTimeout(Duration.ofSeconds(1))
                .retryPolicy(RetryPolicy.builder().maxAttempts(100).initialBackoff(Duration.ZERO).build()));

        ProviderTimeoutException e = catchThrowableOfType(() -> model.stream(hello(), StreamListener.NONE),
                ProviderTimeoutException.class);

        assertThat(e.timeout()).isEqualTo(Timeout.REQUEST);
        assertThat(e.isRetryable()).isFalse();
        assertThat(e.getMessage()).contains("the request timeout fired after 1 s").contains("attempts");
        assertThat(server.requestCount()).isBetween(2, 99);
    }

    @Test
    void modelsFromTheEnvironmentTakeTheHttpSettings() {
        server.enqueue(Reply.sse("data: [DONE]\n\n").holdUntil(silence));
        var model = Models.fromEnvironment(java.util.Map.of("OPENAI_BASE_URL", server.baseUrl(),
                Models.MODEL_VARIABLE, "openai:m"), noRetry().idleTimeout(Duration.ofMillis(150)).build());

        ProviderTimeoutException e = catchThrowableOfType(() -> model.stream(hello(), StreamListener.NONE),
                ProviderTimeoutException.class);

        assertThat(e.getMessage()).contains("the idle timeout fired after 150 ms");
    }

    @Test
    void httpSettingsLayerOnEachOtherOnABuilder() {
        server.enqueue(Reply.sse("data: [DONE]\n\n").holdUntil(silence));
        OpenAiModel model = OpenAiModel.builder().apiKey("sk-test").baseUrl(server.baseUrl()).model("m")
                .http(noRetry().idleTimeout(Duration.ofSeconds(1)).build())
                .http(h -> h.sleeper(sleeper)) // changes one setting, keeps the others
                .build();

        ProviderTimeoutException e = catchThrowableOfType(() -> model.stream(hello(), StreamListener.NONE),
                ProviderTimeoutException.class);

        assertThat(e.getMessage()).contains("the idle timeout fired after 1 s");
        assertThat(server.requestCount()).isEqualTo(1);
    }

    @Test
    void aServerThatNeverAcceptsFailsWithTheConnectTimeout() throws IOException {
        // A listening socket whose accept queue is full: the kernel drops further connection
        // attempts, so the client's connect never completes.
        try (ServerSocket full = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            List<Socket> fillers = new ArrayList<>();
            try {
                for (int i = 0; i < 8; i++) {
                    Socket s = new Socket();
                    try {
                        s.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), full.getLocalPort()), 100);
                        fillers.add(s);
                    } catch (IOException queueFull) {
                        s.close();
                        break;
                    }
                }
                OpenAiModel model = OpenAiModel.builder().apiKey("sk-test")
                        .baseUrl("http://127.0.0.1:" + full.getLocalPort() + "/v1").model("gpt-4o-mini")
                        .http(noRetry().connectTimeout(Duration.ofMillis(300)).sleeper(sleeper).build()).build();

                ProviderTimeoutException e = catchThrowableOfType(() -> model.complete(hello()),
                        ProviderTimeoutException.class);

                assertThat(e.timeout()).isEqualTo(Timeout.CONNECT);
                assertThat(e.getMessage()).contains("the connect timeout fired after 300 ms");
            } finally {
                for (Socket s : fillers) {
                    s.close();
                }
            }
        }
    }
}
