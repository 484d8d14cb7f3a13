package org.openagention.core.providers;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import org.openagention.core.ConfigurationException;
import org.openagention.core.Sleeper;
import org.openagention.core.providers.internal.HttpTransport;
import org.openagention.core.providers.internal.Redactor;

/**
 * The connection settings every built-in provider's builder shares: API key, base URL, retry
 * policy, circuit breaker, timeouts, clock, sleeper and HTTP client, with their defaults and
 * checks, and the making of the endpoint, the headers and the {@link HttpTransport} from them.
 *
 * <p>Each public builder keeps its own methods (users find them on the builder they hold) and
 * delegates to one of these. Mutable and not thread-safe, like the builders.
 */
final class HttpOptions {
    private String apiKey;
    private String baseUrl;
    private RetryPolicy retryPolicy = RetryPolicy.defaults();
    private CircuitBreaker circuitBreaker = CircuitBreaker.disabled();
    private Duration connectTimeout = Duration.ofSeconds(10);
    private Duration readTimeout = Duration.ofMinutes(10);
    private Clock clock = Clock.systemUTC();
    private Sleeper sleeper = Sleeper.SYSTEM;
    private HttpClient httpClient;

    HttpOptions(String defaultBaseUrl) {
        this.baseUrl = defaultBaseUrl;
    }

    void apiKey(String apiKey) {
        this.apiKey = Objects.requireNonNull(apiKey, "apiKey");
    }

    void baseUrl(String baseUrl) {
        this.baseUrl = Objects.requireNonNull(baseUrl, "baseUrl");
    }

    void retryPolicy(RetryPolicy retryPolicy) {
        this.retryPolicy = Objects.requireNonNull(retryPolicy, "retryPolicy");
    }

    void circuitBreaker(CircuitBreaker circuitBreaker) {
        this.circuitBreaker = Objects.requireNonNull(circuitBreaker, "circuitBreaker");
    }

    void connectTimeout(Duration connectTimeout) {
        this.connectTimeout = positive(connectTimeout, "connectTimeout");
    }

    void readTimeout(Duration readTimeout) {
        this.readTimeout = positive(readTimeout, "readTimeout");
    }

    void clock(Clock clock) {
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    void sleeper(Sleeper sleeper) {
        this.sleeper = Objects.requireNonNull(sleeper, "sleeper");
    }

    void httpClient(HttpClient httpClient) {
        this.httpClient = Objects.requireNonNull(httpClient, "httpClient");
    }

    /** The API key, stripped of surrounding blanks; empty when none (or only blanks) was given. */
    String apiKey() {
        return apiKey == null ? "" : apiKey.strip();
    }

    boolean hasApiKey() {
        return !apiKey().isEmpty();
    }

    /** The base URL without a trailing slash. */
    String baseUrl() {
        return baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
    }

    /**
     * The base URL with {@code path} appended, as an endpoint.
     *
     * @throws ConfigurationException when it is not an http(s) URL or carries credentials
     */
    URI endpoint(String path) {
        String base = baseUrl();
        URI uri;
        try {
            uri = URI.create(base + path);
        } catch (IllegalArgumentException e) {
            throw new ConfigurationException("the base URL '" + base + "' is not a valid URL: " + e.getMessage());
        }
        if (!"http".equalsIgnoreCase(uri.getScheme()) && !"https".equalsIgnoreCase(uri.getScheme())) {
            throw new ConfigurationException("the base URL '" + base + "' must start with http:// or https://");
        }
        if (uri.getRawUserInfo() != null) {
            throw new ConfigurationException("the base URL must not carry credentials; pass the key with apiKey(...)");
        }
        if (uri.getHost() == null) {
            throw new ConfigurationException("the base URL '" + base + "' names no host");
        }
        return uri;
    }

    /**
     * Header name/value pairs as the transport takes them, checked once here so that a bad one
     * fails the build, not every call. The message of a refused header never shows the API key.
     *
     * @throws ConfigurationException when a header cannot be sent
     */
    String[] headers(List<String> pairs) {
        String[] out = pairs.toArray(new String[0]);
        if (out.length > 0) {
            try {
                HttpRequest.newBuilder(URI.create("http://localhost/")).headers(out);
            } catch (IllegalArgumentException e) {
                throw new ConfigurationException(Redactor.of(apiKey()).redact("a header cannot be sent: " + e.getMessage()));
            }
        }
        return out;
    }

    /** The transport for {@code provider} (its short name in messages), with these settings. */
    HttpTransport transport(String provider) {
        HttpTransport.Builder t = HttpTransport.builder(provider)
                .connectTimeout(connectTimeout)
                .readTimeout(readTimeout)
                .retryPolicy(retryPolicy)
                .circuitBreaker(circuitBreaker)
                .clock(clock)
                .sleeper(sleeper)
                .secrets(apiKey());
        if (httpClient != null) {
            t.httpClient(httpClient);
        }
        return t.build();
    }

    private static Duration positive(Duration d, String what) {
        Objects.requireNonNull(d, what);
        if (d.isNegative() || d.isZero()) {
            throw new IllegalArgumentException(what + " must be positive: " + d);
        }
        return d;
    }
}
