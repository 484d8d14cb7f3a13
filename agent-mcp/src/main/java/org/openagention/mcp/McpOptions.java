// SPDX-License-Identifier: Apache-2.0
package org.openagention.mcp;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Objects;

/**
 * How this library talks to MCP servers: time limits and how it introduces itself.
 *
 * <p>Immutable and thread-safe; the builder is not thread-safe.
 *
 * <pre>{@code
 * McpOptions options = McpOptions.builder().callTimeout(Duration.ofSeconds(20)).build();
 * }</pre>
 */
public final class McpOptions {
    private final Duration callTimeout;
    private final Duration connectTimeout;
    private final String clientName;
    private final String clientVersion;
    private final McpElicitationHandler elicitation;
    private final McpSamplingHandler sampling;
    private final List<Path> roots;
    private final McpOAuth oauth;

    private McpOptions(Builder b) {
        this.elicitation = b.elicitation;
        this.sampling = b.sampling;
        this.roots = List.copyOf(b.roots);
        this.oauth = b.oauth;
        this.callTimeout = b.callTimeout;
        this.connectTimeout = b.connectTimeout;
        this.clientName = b.clientName;
        this.clientVersion = b.clientVersion;
    }

    /** Calls time out after 60 s; connecting (launch or HTTP handshake plus initialize) after 30 s. */
    public static McpOptions defaults() {
        return builder().build();
    }

    public static Builder builder() {
        return new Builder();
    }

    public Builder toBuilder() {
        return new Builder().callTimeout(callTimeout).connectTimeout(connectTimeout)
                .clientName(clientName).clientVersion(clientVersion).roots(roots)
                .elicitation(elicitation).sampling(sampling).oauth(oauth);
    }

    /** Who answers servers' elicitation requests; empty: elicitation is not offered. */
    public Optional<McpElicitationHandler> elicitation() {
        return Optional.ofNullable(elicitation);
    }

    /** Who answers servers' sampling requests; empty: sampling is not offered. */
    public Optional<McpSamplingHandler> sampling() {
        return Optional.ofNullable(sampling);
    }

    /** The directories offered to servers as roots ({@code roots/list}); empty: roots are not offered. */
    public List<Path> roots() {
        return roots;
    }

    /** How to authorize with HTTP servers that ask for OAuth; empty: a 401 is an error. */
    public Optional<McpOAuth> oauth() {
        return Optional.ofNullable(oauth);
    }

    /** How long one {@code tools/call} (or {@code tools/list}) may take before it is reported as timed out. */
    public Duration callTimeout() {
        return callTimeout;
    }

    /** How long connecting to a server and the {@code initialize} handshake may take. */
    public Duration connectTimeout() {
        return connectTimeout;
    }

    /** The client name sent in {@code initialize}. */
    public String clientName() {
        return clientName;
    }

    /** The client version sent in {@code initialize}. */
    public String clientVersion() {
        return clientVersion;
    }

    /** Builds {@link McpOptions}; every setting has a default. Not thread-safe. */
    public static final class Builder {
        private Duration callTimeout = Duration.ofSeconds(60);
        private Duration connectTimeout = Duration.ofSeconds(30);
        private String clientName = "openagention";
        private String clientVersion = "0.1.0";
        private McpElicitationHandler elicitation;
        private McpSamplingHandler sampling;
        private List<Path> roots = List.of();
        private McpOAuth oauth;

        private Builder() {}

        /** Offers elicitation, answered by {@code handler} (null: not offered). */
        public Builder elicitation(McpElicitationHandler handler) {
            this.elicitation = handler;
            return this;
        }

        /** Offers sampling, answered by {@code handler} (null: not offered). See {@link McpSampling}. */
        public Builder sampling(McpSamplingHandler handler) {
            this.sampling = handler;
            return this;
        }

        /** Offers these directories (the workspace, typically) as roots. */
        public Builder roots(List<Path> directories) {
            this.roots = directories.stream().map(d -> d.toAbsolutePath().normalize()).toList();
            return this;
        }

        /** Authorizes with OAuth 2.1 when an HTTP server answers 401 (null: no OAuth). */
        public Builder oauth(McpOAuth oauth) {
            this.oauth = oauth;
            return this;
        }

        public Builder callTimeout(Duration timeout) {
            this.callTimeout = positive(timeout, "callTimeout");
            return this;
        }

        public Builder connectTimeout(Duration timeout) {
            this.connectTimeout = positive(timeout, "connectTimeout");
            return this;
        }

        public Builder clientName(String name) {
            this.clientName = Objects.requireNonNull(name, "name");
            return this;
        }

        public Builder clientVersion(String version) {
            this.clientVersion = Objects.requireNonNull(version, "version");
            return this;
        }

        public McpOptions build() {
            return new McpOptions(this);
        }

        private static Duration positive(Duration d, String what) {
            Objects.requireNonNull(d, what);
            if (d.isZero() || d.isNegative()) {
                throw new IllegalArgumentException(what + " must be positive, was " + d);
            }
            return d;
        }
    }
}
