// SPDX-License-Identifier: Apache-2.0
package org.openagention.core.providers;

import java.net.URI;
import java.net.http.HttpRequest;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;
import org.openagention.core.ConfigurationException;
import org.openagention.core.providers.internal.HttpTransport;
import org.openagention.core.providers.internal.Redactor;

/**
 * Where and how a built-in provider connects: its API key and base URL, given to the provider's
 * builder, and the shared {@link HttpOptions}; makes the endpoint, the headers and the
 * {@link HttpTransport} from them. Each provider builder holds one. Mutable and not thread-safe,
 * like the builders.
 */
final class Connection {
    private String apiKey;
    private String baseUrl;
    private HttpOptions http = HttpOptions.defaults();

    Connection(String defaultBaseUrl) {
        this.baseUrl = defaultBaseUrl;
    }

    void apiKey(String apiKey) {
        this.apiKey = Objects.requireNonNull(apiKey, "apiKey");
    }

    void baseUrl(String baseUrl) {
        this.baseUrl = Objects.requireNonNull(baseUrl, "baseUrl");
    }

    void http(HttpOptions http) {
        this.http = Objects.requireNonNull(http, "http");
    }

    void http(Consumer<HttpOptions.Builder> change) {
        Objects.requireNonNull(change, "change");
        HttpOptions.Builder b = http.toBuilder();
        change.accept(b);
        this.http = b.build();
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
        return HttpTransport.builder(provider).http(http).secrets(apiKey()).build();
    }
}
