// SPDX-License-Identifier: Apache-2.0
package org.openagention.core.providers.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.openagention.core.model.AuthenticationException;
import org.openagention.core.model.CircuitOpenException;
import org.openagention.core.model.ContextWindowExceededException;
import org.openagention.core.model.InvalidRequestException;
import org.openagention.core.model.ModelException;
import org.openagention.core.model.NotFoundException;
import org.openagention.core.model.OverloadedException;
import org.openagention.core.model.PermissionDeniedException;
import org.openagention.core.model.ProviderTimeoutException;
import org.openagention.core.model.RateLimitedException;
import org.openagention.core.model.ServerException;
import org.openagention.core.model.UnreadableResponseException;
import org.openagention.core.RetryPolicy;
import org.openagention.core.providers.CircuitBreaker;
import org.openagention.core.providers.LoopbackServer;
import org.openagention.core.providers.LoopbackServer.Reply;
import org.openagention.core.providers.HttpOptions;
import org.openagention.core.testing.FakeClock;
import org.openagention.core.testing.FakeSleeper;

class HttpTransportTest {
    private static final String KEY = "sk-test-0123456789abcdefSECRET";
    private static final byte[] BODY = "{\"q\":1}".getBytes(StandardCharsets.UTF_8);
    private static final String[] HEADERS = {"authorization", "Bearer " + KEY};

    private final LoopbackServer server = new LoopbackServer();
    private final FakeClock clock = new FakeClock();
    private final FakeSleeper sleeper = new FakeSleeper(clock);

    @AfterEach
    void stop() {
        server.close();
    }

    private HttpOptions.Builder options() {
        return HttpOptions.builder().clock(clock).sleeper(sleeper)
                .retryPolicy(RetryPolicy.builder().maxAttempts(3).jitter(0).build());
    }

    private HttpTransport transport(HttpOptions.Builder options) {
        return HttpTransport.builder("testprov").http(options.build()).secrets(KEY).build();
    }

    private JsonNode post(HttpTransport t) {
        return t.postJson(server.uri("/chat"), HEADERS, BODY, tree -> tree);
    }

    @Test
    void postsJsonWithHeadersAndReturnsTheParsedBody() {
        server.enqueue(Reply.json("{\"ok\":true}"));
        assertThat(post(transport(options())).get("ok").asBoolean()).isTrue();
        LoopbackServer.Received r = server.received().get(0);
        assertThat(r.body()).isEqualTo("{\"q\":1}");
        assertThat(r.header("authorization")).isEqualTo("Bearer " + KEY);
        assertThat(r.header("content-type")).isEqualTo("application/json");
    }

    @Test
    void waitsTheRetryAfterSecondsOfA429ThenSucceeds() {
        server.enqueue(Reply.json(429, "{\"error\":{\"message\":\"slow down\",\"type\":\"rate_limit_error\"}}")
                .header("retry-after", "7"));
        server.enqueue(Reply.json("{\"ok\":true}"));
        assertThat(post(transport(options())).get("ok").asBoolean()).isTrue();
        assertThat(sleeper.sleeps()).containsExactly(Duration.ofSeconds(7));
        assertThat(server.requestCount()).isEqualTo(2);
    }

    @Test
    void prefersRetryAfterMsOverRetryAfter() {
        server.enqueue(Reply.json(429, "{}").header("retry-after-ms", "1250").header("retry-after", "9"));
        server.enqueue(Reply.json("{}"));
        post(transport(options()));
        assertThat(sleeper.sleeps()).containsExactly(Duration.ofMillis(1250));
    }

    @Test
    void readsRetryAfterAsAnHttpDate() {
        server.enqueue(Reply.json(503, "{}").header("retry-after", "Thu, 01 Jan 2026 00:00:30 GMT"));
        server.enqueue(Reply.json("{}"));
        post(transport(options()));
        assertThat(sleeper.sleeps()).containsExactly(Duration.ofSeconds(30));
    }

    @Test
    void backsOffExponentiallyWithJitterUpToTheCap() {
        for (int i = 0; i < 4; i++) {
            server.enqueue(Reply.json(500, "{\"error\":{\"message\":\"boom\"}}"));
        }
        server.enqueue(Reply.json("{}"));
        HttpTransport t = transport(options().retryPolicy(RetryPolicy.builder().maxAttempts(5).jitter(0)
                .initialBackoff(Duration.ofMillis(400)).maxBackoff(Duration.ofMillis(1000)).build()));
        post(t);
        assertThat(sleeper.sleeps()).containsExactly(Duration.ofMillis(400), Duration.ofMillis(800),
                Duration.ofMillis(1000), Duration.ofMillis(1000));
    }

    @Test
    void surfacesTheLastErrorWhenAttemptsRunOut() {
        for (int i = 0; i < 3; i++) {
            server.enqueue(Reply.json(502, "{\"error\":{\"message\":\"bad gateway\"}}").header("x-request-id", "req_" + i));
        }
        ServerException e = catchThrowableOfType(() -> post(transport(options())), ServerException.class);
        assertThat(e.statusCode()).isEqualTo(502);
        assertThat(e.requestId()).contains("req_2");
        assertThat(e.isRetryable()).isTrue();
        assertThat(e.getMessage()).contains("testprov returned HTTP 502").contains("bad gateway").contains("req_2");
        assertThat(server.requestCount()).isEqualTo(3);
    }

    @Test
    void doesNotWaitOutARetryAfterLongerThanThePolicyAllows() {
        server.enqueue(Reply.json(429, "{\"error\":{\"message\":\"quota\"}}").header("retry-after", "3600"));
        RateLimitedException e = catchThrowableOfType(() -> post(transport(options())), RateLimitedException.class);
        assertThat(e.retryAfter()).contains(Duration.ofHours(1));
        assertThat(sleeper.sleeps()).isEmpty();
        assertThat(server.requestCount()).isEqualTo(1);
    }

    @Test
    void obeysXShouldRetryFalseOnARetryableStatus() {
        server.enqueue(Reply.json(500, "{}").header("x-should-retry", "false"));
        assertThatThrownBy(() -> post(transport(options()))).isInstanceOf(ServerException.class);
        assertThat(server.requestCount()).isEqualTo(1);
    }

    @Test
    void obeysXShouldRetryTrueOnAnotherwiseFinalStatus() {
        server.enqueue(Reply.json(400, "{}").header("x-should-retry", "true"));
        server.enqueue(Reply.json("{\"second\":1}"));
        assertThat(post(transport(options())).has("second")).isTrue();
    }

    @Test
    void mapsEachErrorStatusToItsTypedException() {
        assertError(401, "{\"error\":{\"message\":\"bad key\",\"type\":\"invalid_request_error\",\"code\":\"invalid_api_key\"}}",
                AuthenticationException.class);
        assertError(403, "{\"error\":{\"message\":\"no access\"}}", PermissionDeniedException.class);
        assertError(404, "{\"error\":{\"message\":\"The model `gpt-9` does not exist\"}}", NotFoundException.class);
        assertError(400, "{\"error\":{\"message\":\"bad field\"}}", InvalidRequestException.class);
        assertError(422, "{\"detail\":\"unprocessable\"}", InvalidRequestException.class);
        assertError(400, "{\"error\":{\"message\":\"This model's maximum context length is 128000 tokens.\","
                + "\"code\":\"context_length_exceeded\"}}", ContextWindowExceededException.class);
        assertError(400, "{\"type\":\"error\",\"error\":{\"type\":\"invalid_request_error\","
                + "\"message\":\"prompt is too long: 210000 tokens > 200000 maximum\"}}", ContextWindowExceededException.class);
        assertError(529, "{\"type\":\"error\",\"error\":{\"type\":\"overloaded_error\",\"message\":\"Overloaded\"}}",
                OverloadedException.class);
    }

    private void assertError(int status, String body, Class<? extends ModelException> type) {
        server.enqueue(Reply.json(status, body).header("request-id", "req_" + status));
        HttpTransport t = transport(options().retryPolicy(RetryPolicy.none()));
        ModelException e = catchThrowableOfType(() -> post(t), ModelException.class);
        assertThat(e).as("HTTP %d %s", status, body).isInstanceOf(type);
        assertThat(e.statusCode()).isEqualTo(status);
        assertThat(e.requestId()).contains("req_" + status);
    }

    @Test
    void reportsMalformedJsonAsUnreadableWithoutRetrying() {
        server.enqueue(Reply.json("{\"choices\": [").header("x-request-id", "req_bad"));
        UnreadableResponseException e = catchThrowableOfType(() -> post(transport(options())),
                UnreadableResponseException.class);
        assertThat(e.getMessage()).contains("not valid JSON").contains("req_bad");
        assertThat(e.requestId()).contains("req_bad");
        assertThat(server.requestCount()).isEqualTo(1);
    }

    @Test
    void reportsAReaderFailureAsUnreadable() {
        server.enqueue(Reply.json("{}"));
        HttpTransport t = transport(options());
        assertThatThrownBy(() -> t.postJson(server.uri("/chat"), HEADERS, BODY, tree -> {
            throw new MalformedResponseException("no choices in the response");
        })).isInstanceOf(UnreadableResponseException.class).hasMessageContaining("no choices in the response");
    }

    @Test
    void retriesConnectionFailuresThenReportsThem() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        HttpTransport t = transport(options());
        ModelException e = catchThrowableOfType(() -> t.postJson(URI.create("http://127.0.0.1:" + port + "/v1/x"),
                HEADERS, BODY, tree -> tree), ModelException.class);
        assertThat(e.isRetryable()).isTrue();
        assertThat(e.getMessage()).contains("could not reach testprov").contains("after 3 attempts");
        assertThat(sleeper.sleeps()).hasSize(2);
    }

    @Test
    void timesOutWaitingForAResponse() {
        CountDownLatch never = new CountDownLatch(1);
        server.enqueue(Reply.json("{}").holdUntil(never));
        HttpTransport t = transport(options().retryPolicy(RetryPolicy.none()).requestTimeout(Duration.ofMillis(300)));
        try {
            assertThatThrownBy(() -> post(t)).isInstanceOf(ProviderTimeoutException.class)
                    .hasMessageContaining("the request timeout fired after 300 ms");
        } finally {
            never.countDown();
        }
    }

    @Test
    void neverPutsTheKeyInAnErrorMessageEvenWhenTheServerEchoesIt() {
        server.enqueue(Reply.json(401, "{\"error\":{\"message\":\"Incorrect API key provided: " + KEY
                + " or sk-test-01234*****CRET\"}}"));
        AuthenticationException e = catchThrowableOfType(() -> post(transport(options())), AuthenticationException.class);
        assertThat(e.getMessage()).doesNotContain(KEY).doesNotContain("sk-test-01234").contains("[REDACTED]");
    }

    @Test
    void openCircuitFailsFastUntilTheCooldownThenLetsATrialThrough() {
        CircuitBreaker breaker = CircuitBreaker.builder().failureThreshold(2).cooldown(Duration.ofSeconds(30))
                .clock(clock).build();
        HttpTransport t = transport(options().retryPolicy(RetryPolicy.none()).circuitBreaker(breaker));
        String endpoint = server.uri("/chat").toString();
        server.enqueue(Reply.json(503, "{}")).enqueue(Reply.json(503, "{}"));
        assertThatThrownBy(() -> post(t)).isInstanceOf(ServerException.class);
        assertThatThrownBy(() -> post(t)).isInstanceOf(ServerException.class);
        assertThat(breaker.state(endpoint)).isEqualTo(CircuitBreaker.State.OPEN);

        CircuitOpenException open = catchThrowableOfType(() -> post(t), CircuitOpenException.class);
        assertThat(open.retryIn()).isEqualTo(Duration.ofSeconds(30));
        assertThat(server.requestCount()).isEqualTo(2);

        clock.advance(Duration.ofSeconds(31));
        assertThat(breaker.state(endpoint)).isEqualTo(CircuitBreaker.State.HALF_OPEN);
        server.enqueue(Reply.json("{}"));
        post(t);
        assertThat(breaker.state(endpoint)).isEqualTo(CircuitBreaker.State.CLOSED);
        assertThat(server.requestCount()).isEqualTo(3);
    }

    @Test
    void clientErrorsDoNotOpenTheCircuit() {
        CircuitBreaker breaker = CircuitBreaker.builder().failureThreshold(1).clock(clock).build();
        HttpTransport t = transport(options().retryPolicy(RetryPolicy.none()).circuitBreaker(breaker));
        server.enqueue(Reply.json(400, "{}"));
        assertThatThrownBy(() -> post(t)).isInstanceOf(InvalidRequestException.class);
        assertThat(breaker.state(server.uri("/chat").toString())).isEqualTo(CircuitBreaker.State.CLOSED);
    }

    // ---- server-sent events

    private List<String> stream(HttpTransport t) {
        List<String> events = new ArrayList<>();
        t.postSse(server.uri("/chat"), HEADERS, BODY, new SseListener() {
            @Override
            public void onEvent(String event, String data) {
                events.add(event + "|" + data);
            }

            @Override
            public void onComplete(boolean sawDone) {
                events.add("complete:" + sawDone);
            }
        });
        return events;
    }

    @Test
    void streamsEventsAndStopsAtDone() {
        server.enqueue(Reply.sse("data: {\"a\":1}\n\nevent: x\ndata: {\"b\":2}\n\ndata: [DONE]\n\n"));
        assertThat(stream(transport(options()))).containsExactly("message|{\"a\":1}", "x|{\"b\":2}", "complete:true");
        assertThat(server.received().get(0).header("accept")).isEqualTo("text/event-stream");
    }

    @Test
    void retriesAStreamThatFailsBeforeItsFirstEvent() {
        server.enqueue(Reply.json(500, "{}"));
        server.enqueue(Reply.sse("data: {\"a\":1}\n\n"));
        assertThat(stream(transport(options()))).containsExactly("message|{\"a\":1}", "complete:false");
        assertThat(server.requestCount()).isEqualTo(2);
    }

    @Test
    void neverRetriesAStreamCutAfterAnEventWasDelivered() {
        String body = "data: {\"a\":1}\n\ndata: {\"b\":2}\n\n";
        server.enqueue(Reply.sse(body).header("x-request-id", "req_cut").cutAfter(body.indexOf("data: {\"b\"") + 4));
        server.enqueue(Reply.sse(body));
        List<String> seen = new ArrayList<>();
        HttpTransport t = transport(options().idleTimeout(Duration.ofSeconds(20)));
        UnreadableResponseException e = catchThrowableOfType(() -> t.postSse(server.uri("/chat"), HEADERS, BODY,
                (event, data) -> seen.add(data)), UnreadableResponseException.class);
        assertThat(e.getMessage()).contains("cut after 1 events");
        assertThat(e.requestId()).contains("req_cut");
        assertThat(seen).containsExactly("{\"a\":1}");
        assertThat(server.requestCount()).isEqualTo(1);
    }

    @Test
    void retriesAnOverloadedErrorEventThatCameBeforeAnyContent() {
        server.enqueue(Reply.sse("event: error\ndata: {\"type\":\"error\",\"error\":{\"type\":\"overloaded_error\","
                + "\"message\":\"Overloaded\"}}\n\n"));
        server.enqueue(Reply.sse("data: ok\n\n"));
        assertThat(stream(transport(options()))).containsExactly("message|ok", "complete:false");
        assertThat(sleeper.sleeps()).hasSize(1);
    }

    @Test
    void surfacesAnErrorEventAfterContentWithoutRetrying() {
        server.enqueue(Reply.sse("data: {\"a\":1}\n\ndata: {\"error\":{\"message\":\"server had an error\","
                + "\"type\":\"server_error\"}}\n\n"));
        assertThatThrownBy(() -> stream(transport(options()))).isInstanceOf(ServerException.class)
                .hasMessageContaining("server had an error");
        assertThat(server.requestCount()).isEqualTo(1);
    }

    @Test
    void reportsAnIncompleteStreamThroughTheListener() {
        server.enqueue(Reply.sse("data: {\"a\":1}\n\n").header("x-request-id", "req_short"));
        HttpTransport t = transport(options());
        UnreadableResponseException e = catchThrowableOfType(() -> t.postSse(server.uri("/chat"), HEADERS, BODY,
                new SseListener() {
                    @Override
                    public void onEvent(String event, String data) {}

                    @Override
                    public void onComplete(boolean sawDone) {
                        if (!sawDone) {
                            throw new MalformedResponseException("the stream ended before [DONE]");
                        }
                    }
                }), UnreadableResponseException.class);
        assertThat(e.getMessage()).contains("ended before [DONE]").contains("req_short");
    }
}
