// SPDX-License-Identifier: Apache-2.0
package org.openagention.mcp;

import java.net.URI;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * OAuth 2.1 authorization for HTTP MCP servers, as the MCP authorization specification describes.
 * On a 401 the client discovers the server's protected-resource metadata (RFC 9728, from the
 * {@code WWW-Authenticate} header's {@code resource_metadata} or the well-known URLs), then its
 * authorization server's metadata (RFC 8414 or OpenID Connect discovery); registers itself
 * dynamically (RFC 7591) unless a client id is configured or the server accepts a client-id
 * metadata document URL; runs the authorization-code flow with PKCE ({@code S256}) and the
 * {@code resource} indicator (RFC 8707), handing the browser step to {@link Browser}; and sends
 * the access token. Tokens are refreshed when they expire, and on a 403 {@code insufficient_scope}
 * it authorizes again with the scopes asked for (a bounded number of times). Client and tokens
 * are kept in the {@link McpTokenStore}. Immutable.
 *
 * <pre>{@code
 * McpOAuth oauth = McpOAuth.builder()
 *         .browser((url, redirect) -> openBrowserAndWaitForRedirect(url, redirect))
 *         .tokenStore(McpTokenStore.files(Path.of(System.getProperty("user.home"), ".openagention", "mcp-tokens")))
 *         .build();
 * McpClient.connect(McpServerConfig.http("tracker", URI.create("https://mcp.example.com/mcp")),
 *         McpOptions.builder().oauth(oauth).build());
 * }</pre>
 */
public final class McpOAuth {
    /**
     * The browser step, handed to the embedding application: let the user sign in and consent at
     * {@code authorizationUrl}, then return the URI the authorization server redirected to
     * ({@code redirectUri} with {@code code} and {@code state}). A CLI opens a browser (or prints the
     * URL) and listens on the loopback redirect URI. Throw to abandon the authorization.
     */
    @FunctionalInterface
    public interface Browser {
        URI authorize(URI authorizationUrl, URI redirectUri) throws Exception;
    }

    private final Browser browser;
    private final McpTokenStore tokenStore;
    private final URI redirectUri;
    private final String clientName;
    private final String clientId;
    private final String clientSecret;
    private final URI clientMetadataUrl;
    private final boolean clientCredentials;
    private final String privateKeyPem;
    private final String signingAlgorithm;
    private final CrossAppAccess crossAppAccess;

    /**
     * Enterprise-managed authorization (cross-app access, SEP-990): the user's identity token from
     * the enterprise identity provider is exchanged there (RFC 8693) for an identity assertion
     * grant for the MCP server's authorization server, which is then presented with the JWT bearer
     * grant (RFC 7523). No browser.
     *
     * @param idpTokenEndpoint the identity provider's token endpoint
     * @param idpClientId this client's id at the identity provider
     * @param idToken supplies the user's current ID token from the identity provider
     */
    public record CrossAppAccess(URI idpTokenEndpoint, String idpClientId, Supplier<String> idToken) {
        public CrossAppAccess {
            Objects.requireNonNull(idpTokenEndpoint, "idpTokenEndpoint");
            Objects.requireNonNull(idpClientId, "idpClientId");
            Objects.requireNonNull(idToken, "idToken");
        }
    }

    private McpOAuth(Builder b) {
        if (b.browser == null && !b.clientCredentials) {
            throw new IllegalStateException("McpOAuth needs the browser step (browser(...)), or client credentials for a"
                    + " client that acts on its own behalf");
        }
        this.browser = b.browser;
        this.clientCredentials = b.clientCredentials;
        this.privateKeyPem = b.privateKeyPem;
        this.signingAlgorithm = b.signingAlgorithm;
        this.crossAppAccess = b.crossAppAccess;
        this.tokenStore = b.tokenStore;
        this.redirectUri = b.redirectUri;
        this.clientName = b.clientName;
        this.clientId = b.clientId;
        this.clientSecret = b.clientSecret;
        this.clientMetadataUrl = b.clientMetadataUrl;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The browser step; empty for a client-credentials client. */
    public Optional<Browser> browser() {
        return Optional.ofNullable(browser);
    }

    /** Whether the client authorizes as itself (the {@code client_credentials} grant), with no user and no browser. */
    public boolean clientCredentials() {
        return clientCredentials;
    }

    /** The PKCS #8 PEM private key signing client assertions ({@code private_key_jwt}), if one is set. */
    public Optional<String> privateKeyPem() {
        return Optional.ofNullable(privateKeyPem);
    }

    /** The enterprise-managed authorization, if configured. */
    public Optional<CrossAppAccess> crossAppAccess() {
        return Optional.ofNullable(crossAppAccess);
    }

    /** The client assertions' signing algorithm ({@code ES256} or {@code RS256}). */
    public String signingAlgorithm() {
        return signingAlgorithm;
    }

    public McpTokenStore tokenStore() {
        return tokenStore;
    }

    /** The redirect URI registered and sent (default {@code http://127.0.0.1:33418/callback}). */
    public URI redirectUri() {
        return redirectUri;
    }

    public String clientName() {
        return clientName;
    }

    /** A pre-registered client id; empty: register dynamically. */
    public Optional<String> clientId() {
        return Optional.ofNullable(clientId);
    }

    /** The pre-registered client's secret, if it is a confidential client. */
    public Optional<String> clientSecret() {
        return Optional.ofNullable(clientSecret);
    }

    /** A client-id metadata document URL, used as the client id where the server supports it. */
    public Optional<URI> clientMetadataUrl() {
        return Optional.ofNullable(clientMetadataUrl);
    }

    /** Builds {@link McpOAuth}. Not thread-safe. */
    public static final class Builder {
        private Browser browser;
        private McpTokenStore tokenStore = McpTokenStore.inMemory();
        private URI redirectUri = URI.create("http://127.0.0.1:33418/callback");
        private String clientName = "OpenAgention";
        private String clientId;
        private String clientSecret;
        private URI clientMetadataUrl;
        private boolean clientCredentials;
        private String privateKeyPem;
        private String signingAlgorithm = "ES256";
        private CrossAppAccess crossAppAccess;

        private Builder() {}

        /**
         * Authorizes through the enterprise identity provider ({@link CrossAppAccess}); the client
         * authenticates at the MCP server's authorization server with {@code clientId} and
         * {@code clientSecret} (HTTP Basic).
         */
        public Builder crossAppAccess(String clientId, String clientSecret, CrossAppAccess access) {
            this.clientId = Objects.requireNonNull(clientId, "clientId");
            this.clientSecret = Objects.requireNonNull(clientSecret, "clientSecret");
            this.crossAppAccess = Objects.requireNonNull(access, "access");
            this.clientCredentials = true;
            return this;
        }

        /**
         * Authorizes as the client itself, with no user: the {@code client_credentials} grant and
         * the secret sent as HTTP Basic ({@code client_secret_basic}). An OAuth extension
         * (SEP-1046) for servers that serve machines.
         */
        public Builder clientCredentials(String clientId, String clientSecret) {
            this.clientId = Objects.requireNonNull(clientId, "clientId");
            this.clientSecret = Objects.requireNonNull(clientSecret, "clientSecret");
            this.clientCredentials = true;
            return this;
        }

        /**
         * As {@link #clientCredentials(String, String)}, proving the client's identity with a JWT
         * signed by {@code privateKeyPem} (PKCS #8 PEM; {@code private_key_jwt}, RFC 7523) using
         * {@code algorithm} ({@code ES256} or {@code RS256}).
         */
        public Builder clientCredentialsWithKey(String clientId, String privateKeyPem, String algorithm) {
            this.clientId = Objects.requireNonNull(clientId, "clientId");
            this.privateKeyPem = Objects.requireNonNull(privateKeyPem, "privateKeyPem");
            if (!algorithm.equals("ES256") && !algorithm.equals("RS256")) {
                throw new IllegalArgumentException("client assertions are signed with ES256 or RS256, not " + algorithm);
            }
            this.signingAlgorithm = algorithm;
            this.clientSecret = null;
            this.clientCredentials = true;
            return this;
        }

        public Builder browser(Browser browser) {
            this.browser = Objects.requireNonNull(browser, "browser");
            return this;
        }

        /** Where clients and tokens are kept (default: in memory). */
        public Builder tokenStore(McpTokenStore store) {
            this.tokenStore = Objects.requireNonNull(store, "store");
            return this;
        }

        public Builder redirectUri(URI uri) {
            this.redirectUri = Objects.requireNonNull(uri, "uri");
            return this;
        }

        /** The {@code client_name} sent in dynamic registration. */
        public Builder clientName(String name) {
            this.clientName = Objects.requireNonNull(name, "name");
            return this;
        }

        /** Uses a client registered beforehand (no dynamic registration); the secret may be null. */
        public Builder preRegisteredClient(String clientId, String clientSecret) {
            this.clientId = Objects.requireNonNull(clientId, "clientId");
            this.clientSecret = clientSecret;
            return this;
        }

        /** A URL of this client's metadata document (SEP-991), used as the client id where supported. */
        public Builder clientMetadataUrl(URI url) {
            this.clientMetadataUrl = Objects.requireNonNull(url, "url");
            return this;
        }

        public McpOAuth build() {
            return new McpOAuth(this);
        }
    }
}
