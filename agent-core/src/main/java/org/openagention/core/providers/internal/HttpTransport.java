// SPDX-License-Identifier: Apache-2.0
package org.openagention.core.providers.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import org.openagention.core.RetryPolicy;
import org.openagention.core.internal.Json;
import org.openagention.core.model.ModelException;
import org.openagention.core.model.ProviderTimeoutException;
import org.openagention.core.model.UnreadableResponseException;
import org.openagention.core.providers.CircuitBreaker;
import org.openagention.core.providers.HttpOptions;

/**
 * The HTTP transport every built-in provider shares: POST a JSON body, and read back either one
 * JSON document ({@link #postJson}) or a server-sent-event stream ({@link #postSse}).
 *
 * <p>Around each call it applies the {@link RetryPolicy} (408, 409, 429, 5xx, 529 and I/O errors;
 * {@code retry-after-ms} / {@code Retry-After}; {@code x-should-retry}), the per-endpoint
 * {@link CircuitBreaker}, and the timeouts of its {@link HttpOptions}: connect, idle (the longest
 * silence: before the headers of a stream, and between body bytes) and request (the whole call,
 * retries included), a fired one surfacing as {@link ProviderTimeoutException}. A stream that has
 * delivered an event to its listener is never retried: a later failure surfaces. Failures become the typed exceptions of
 * {@code org.openagention.core.model}, carrying the provider's request id; every message and log
 * line passes through a {@link Redactor} that knows the API key.
 *
 * <p>Immutable and thread-safe. Internal: providers build one in their constructor and keep it.
 */
public final class HttpTransport {
    private static final Map<Duration, HttpClient> SHARED_CLIENTS = new ConcurrentHashMap<>();
    private static final int MAX_ERROR_BODY = 64 * 1024;

    private final String provider;
    private final HttpClient client;
    private final HttpOptions http;
    private final Duration connectTimeout;
    private final Retries retries;
    private final Redactor redactor;

    private HttpTransport(Builder b) {
        this.provider = b.provider;
        this.http = b.http;
        this.client = b.http.httpClient().orElseGet(() -> sharedClient(b.http.connectTimeout()));
        this.connectTimeout = client.connectTimeout().orElse(b.http.connectTimeout());
        this.redactor = b.redactor;
        this.retries = new Retries(b.provider, b.http.retryPolicy(), b.http.circuitBreaker(), b.http.clock(),
                b.http.sleeper(), b.redactor);
    }

    /** A transport for {@code provider} (a short name used in messages, such as {@code openai}). */
    public static Builder builder(String provider) {
        return new Builder(provider);
    }

    /** One HTTP client per connect timeout, shared by every transport that did not bring its own. */
    private static HttpClient sharedClient(Duration connectTimeout) {
        return SHARED_CLIENTS.computeIfAbsent(connectTimeout, t -> HttpClient.newBuilder()
                .connectTimeout(t)
                .followRedirects(HttpClient.Redirect.NEVER)
                .build());
    }

    public Redactor redactor() {
        return redactor;
    }

    /**
     * POSTs {@code body} (JSON) and returns what {@code reader} makes of the JSON response.
     *
     * @param headers extra headers as name/value pairs (authentication, versions); built once by
     *     the provider and reused
     * @param reader reads the parsed body; it may throw {@link MalformedResponseException} (or any
     *     runtime exception), which surfaces as {@link UnreadableResponseException}
     * @throws ModelException (a typed subclass) when the call fails for good
     */
    public <T> T postJson(URI uri, String[] headers, byte[] body, Function<JsonNode, T> reader) {
        HttpRequest request = request(uri, headers, body, null);
        String endpoint = uri.toString();
        CallTimer timer = timer();
        for (int attempt = 1; ; attempt++) {
            HttpResponse<InputStream> response = send(request, timer, false, endpoint, attempt);
            if (response == null) {
                continue; // an I/O failure that is being retried
            }
            String requestId = requestId(response.headers());
            int status = response.statusCode();
            if (status < 200 || status >= 300) {
                retries.afterErrorResponse(status, response.headers(), readBounded(response.body()), requestId,
                        endpoint, attempt, timer);
                continue;
            }
            byte[] bytes;
            try (InputStream in = response.body()) {
                bytes = in.readAllBytes();
            } catch (IOException e) {
                retries.afterIoFailure(e, endpoint, attempt, "while reading the response", timer);
                continue;
            }
            JsonNode tree;
            try {
                tree = Json.MAPPER.readTree(bytes);
            } catch (IOException e) {
                retries.answered(endpoint);
                String why = e instanceof JsonProcessingException j ? j.getOriginalMessage() : e.getMessage();
                throw unreadable("a response that is not valid JSON: " + why, status, requestId, e);
            }
            retries.answered(endpoint);
            if (tree == null || tree.isMissingNode()) {
                throw unreadable("an empty response body", status, requestId, null);
            }
            try {
                return reader.apply(tree);
            } catch (ModelException e) {
                throw e;
            } catch (RuntimeException e) {
                throw unreadable("a response it could not read: " + e.getMessage(), status, requestId, e);
            }
        }
    }

    /**
     * POSTs {@code body} (JSON) and hands each server-sent event of the response to
     * {@code listener}, then calls {@link SseListener#onComplete}. Retries only while no event has
     * been delivered; after that a failure surfaces ({@link UnreadableResponseException} for a cut
     * stream). An {@code error} event (or a {@code data} object with an {@code error} field) becomes
     * the typed exception it describes.
     *
     * @throws ModelException (a typed subclass) when the call fails for good
     */
    public void postSse(URI uri, String[] headers, byte[] body, SseListener listener) {
        HttpRequest request = request(uri, headers, body, "text/event-stream");
        String endpoint = uri.toString();
        CallTimer timer = timer();
        for (int attempt = 1; ; attempt++) {
            HttpResponse<InputStream> response = send(request, timer, true, endpoint, attempt);
            if (response == null) {
                continue;
            }
            String requestId = requestId(response.headers());
            int status = response.statusCode();
            if (status < 200 || status >= 300) {
                retries.afterErrorResponse(status, response.headers(), readBounded(response.body()), requestId,
                        endpoint, attempt, timer);
                continue;
            }
            retries.answered(endpoint);
            StreamSink sink = new StreamSink(listener, provider, requestId, attempt, retries, redactor);
            boolean sawDone;
            try (InputStream in = response.body()) {
                sawDone = new SseParser(in).parse(sink);
                if (sawDone) {
                    drain(in);
                }
            } catch (StreamSink.RetryStream r) {
                retries.pause(r.error, r.delay, attempt, endpoint, timer);
                continue;
            } catch (ModelException e) {
                throw e;
            } catch (IOException e) {
                if (sink.delivered() == 0) {
                    retries.afterIoFailure(e, endpoint, attempt, "before the stream sent any event", timer);
                    continue;
                }
                retries.endpointFailed(endpoint);
                if (e instanceof CallTimer.TimedOut t) {
                    throw retries.timedOut(t, endpoint, "after the stream sent " + sink.delivered() + " events"
                            + (requestId == null ? "" : " [request id " + requestId + "]"), e);
                }
                throw unreadable("a stream that was cut after " + sink.delivered() + " events ("
                        + Retries.describe(e) + ")", status, requestId, e);
            } catch (RuntimeException e) {
                throw unreadable("a stream event it could not read: " + e.getMessage(), status, requestId, e);
            }
            try {
                listener.onComplete(sawDone);
                return;
            } catch (ModelException e) {
                throw e;
            } catch (RuntimeException e) {
                throw unreadable("an incomplete stream: " + e.getMessage(), status, requestId, e);
            }
        }
    }

    /**
     * The provider's header pairs with a request's own headers ({@code ModelRequest.headers()}),
     * each of those replacing a provider header of the same name; {@code base} itself when there
     * are none (the common case costs nothing).
     */
    public static String[] withHeaders(String[] base, Map<String, String> extra) {
        if (extra.isEmpty()) {
            return base;
        }
        List<String> out = new ArrayList<>(base.length + 2 * extra.size());
        for (int i = 0; i + 1 < base.length; i += 2) {
            String name = base[i];
            if (extra.keySet().stream().noneMatch(name::equalsIgnoreCase)) {
                out.add(name);
                out.add(base[i + 1]);
            }
        }
        extra.forEach((name, value) -> {
            out.add(name);
            out.add(value);
        });
        return out.toArray(new String[0]);
    }

    private HttpRequest request(URI uri, String[] headers, byte[] body, String accept) {
        HttpRequest.Builder b = HttpRequest.newBuilder(uri)
                .header("content-type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        if (accept != null) {
            b.header("accept", accept); // a JSON call goes without: every header costs the JDK client ~400 bytes
        }
        if (headers.length > 0) {
            b.headers(headers);
        }
        if ("http".equalsIgnoreCase(uri.getScheme())) {
            b.version(HttpClient.Version.HTTP_1_1); // no h2c upgrade dance with plain-HTTP local servers
        }
        return b.build();
    }

    private CallTimer timer() {
        return new CallTimer(connectTimeout, http.idleTimeout(), http.requestTimeout());
    }

    /**
     * Sends one attempt on the calling thread, waiting for the response headers as long as the
     * timer allows; returns null when it failed with an I/O error (a timeout included) that is
     * being retried. (Blocking {@code send} rather than {@code sendAsync}: on JDK 17 the public
     * async path hands every completion to another thread, a new one per response on small
     * machines.)
     */
    private HttpResponse<InputStream> send(HttpRequest request, CallTimer timer, boolean streamed, String endpoint,
            int attempt) {
        retries.checkTime(endpoint, attempt, timer);
        retries.acquire(endpoint);
        CallTimer.Limit limit = timer.headers(streamed);
        HttpRequest timed = HttpRequest.newBuilder(request, (name, value) -> true).timeout(atLeastAMillisecond(limit.duration())).build();
        try {
            return client.send(timed, BodyStream.handler(timer));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ModelException("interrupted while calling " + provider, e);
        } catch (HttpTimeoutException e) {
            IOException failure = e instanceof HttpConnectTimeoutException ? e : limit.expired();
            retries.afterIoFailure(failure, endpoint, attempt, streamed ? "before the stream sent any event" : "", timer);
            return null;
        } catch (IOException e) {
            retries.afterIoFailure(e, endpoint, attempt, "", timer);
            return null;
        }
    }

    private static Duration atLeastAMillisecond(Duration d) {
        return d.toMillis() < 1 ? Duration.ofMillis(1) : d;
    }

    private UnreadableResponseException unreadable(String what, int status, String requestId, Throwable cause) {
        String msg = provider + " sent " + what + (requestId == null ? "" : " [request id " + requestId + "]");
        return new UnreadableResponseException(redactor.redact(msg), status, requestId, cause);
    }

    /**
     * Reads what is left of a body (a trailing newline, usually) so that closing it returns the
     * connection to the pool instead of cancelling the exchange and dropping the connection.
     */
    private static void drain(InputStream in) throws IOException {
        byte[] skip = new byte[256];
        long total = 0;
        int n;
        while ((n = in.read(skip, 0, skip.length)) >= 0) {
            total += n;
            if (total > MAX_ERROR_BODY) {
                return; // trailing garbage: give up on reuse, closing cancels the exchange
            }
        }
    }

    private static String requestId(HttpHeaders headers) {
        return headers.firstValue("x-request-id").or(() -> headers.firstValue("request-id")).orElse(null);
    }

    private static String readBounded(InputStream in) {
        try (in) {
            byte[] bytes = in.readNBytes(MAX_ERROR_BODY);
            return new String(bytes, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "";
        }
    }

    /** Configures an {@link HttpTransport}. Not thread-safe. */
    public static final class Builder {
        private final String provider;
        private HttpOptions http = HttpOptions.defaults();
        private Redactor redactor = Redactor.of();

        private Builder(String provider) {
            this.provider = Objects.requireNonNull(provider, "provider");
        }

        /** Timeouts, retries, circuit breaker, clock, sleeper and client; {@link HttpOptions#defaults()} by default. */
        public Builder http(HttpOptions http) {
            this.http = Objects.requireNonNull(http, "http");
            return this;
        }

        /** The secrets (API keys) that must never appear in a message or log line. */
        public Builder secrets(String... secrets) {
            this.redactor = Redactor.of(secrets);
            return this;
        }

        public HttpTransport build() {
            return new HttpTransport(this);
        }
    }
}
