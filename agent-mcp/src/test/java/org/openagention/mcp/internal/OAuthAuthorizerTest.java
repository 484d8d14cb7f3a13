// SPDX-License-Identifier: Apache-2.0
package org.openagention.mcp.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openagention.mcp.McpOAuth;
import org.openagention.mcp.McpTokenStore;

/** The OAuth flow against a loopback resource's metadata and authorization server. */
class OAuthAuthorizerTest {
    private HttpServer server;
    private String base;
    private final List<Map<String, String>> authorizations = new CopyOnWriteArrayList<>();
    private final List<Map<String, String>> tokenRequests = new CopyOnWriteArrayList<>();
    private final AtomicInteger issued = new AtomicInteger();
    private volatile String challenge;
    private volatile long expiresIn = 3600;

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        base = "http://127.0.0.1:" + server.getAddress().getPort();
        server.createContext("/.well-known/oauth-protected-resource/mcp", ex -> json(ex, 200,
                "{\"resource\":\"" + base + "/mcp\",\"authorization_servers\":[\"" + base + "/tenant\"],\"scopes_supported\":[\"read\"]}"));
        server.createContext("/.well-known/oauth-authorization-server/tenant", ex -> json(ex, 200, "{\"issuer\":\"" + base
                + "/tenant\",\"authorization_endpoint\":\"" + base + "/tenant/authorize\",\"token_endpoint\":\"" + base
                + "/tenant/token\",\"registration_endpoint\":\"" + base + "/tenant/register\",\"code_challenge_methods_supported\":[\"S256\"],"
                + "\"token_endpoint_auth_methods_supported\":[\"client_secret_post\"]}"));
        server.createContext("/tenant/register", ex -> {
            assertThat(new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8)).contains("\"redirect_uris\"");
            json(ex, 201, "{\"client_id\":\"c1\",\"client_secret\":\"s1\",\"token_endpoint_auth_method\":\"client_secret_post\"}");
        });
        server.createContext("/tenant/token", ex -> {
            Map<String, String> form = OAuthAuthorizer.parseQuery(new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            tokenRequests.add(form);
            if (form.get("grant_type").equals("authorization_code")) {
                String challenge = authorizations.get(authorizations.size() - 1).get("code_challenge");
                assertThat(s256(form.get("code_verifier"))).isEqualTo(challenge);
            }
            json(ex, 200, "{\"access_token\":\"t" + issued.incrementAndGet() + "\",\"token_type\":\"Bearer\",\"expires_in\":"
                    + expiresIn + ",\"refresh_token\":\"r" + issued.get() + "\"}");
        });
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private static void json(HttpExchange ex, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().set("Content-Type", "application/json");
        ex.sendResponseHeaders(status, bytes.length);
        ex.getResponseBody().write(bytes);
        ex.close();
    }

    private static String s256(String verifier) {
        try {
            return Base64.getUrlEncoder().withoutPadding().encodeToString(
                    MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII)));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private OAuthAuthorizer authorizer(McpTokenStore store) {
        McpOAuth oauth = McpOAuth.builder().tokenStore(store).browser((url, redirect) -> {
            Map<String, String> query = OAuthAuthorizer.parseQuery(url.getRawQuery());
            authorizations.add(query);
            return URI.create(redirect + "?code=abc&state=" + query.get("state"));
        }).build();
        return new OAuthAuthorizer(oauth, URI.create(base + "/mcp"), HttpClient.newHttpClient());
    }

    private static HttpHeaders headers(String wwwAuthenticate) {
        return HttpHeaders.of(Map.of("WWW-Authenticate", List.of(wwwAuthenticate)), (a, b) -> true);
    }

    @Test
    void a401LeadsThroughDiscoveryRegistrationAndPkceToABearerToken() {
        McpTokenStore store = McpTokenStore.inMemory();
        OAuthAuthorizer auth = authorizer(store);
        assertThat(auth.authorization()).isEmpty();

        assertThat(auth.unauthorized(headers("Bearer resource_metadata=\"" + base + "/.well-known/oauth-protected-resource/mcp\""))).isTrue();

        assertThat(auth.authorization()).contains("Bearer t1");
        Map<String, String> request = authorizations.get(0);
        assertThat(request).containsEntry("client_id", "c1").containsEntry("code_challenge_method", "S256")
                .containsEntry("resource", base + "/mcp").containsEntry("scope", "read").containsEntry("response_type", "code");
        assertThat(tokenRequests.get(0)).containsEntry("client_secret", "s1").containsEntry("resource", base + "/mcp");
        assertThat(store.load(base + "/mcp")).hasValueSatisfying(json -> assertThat(json).contains("\"refresh_token\":\"r1\""));
    }

    @Test
    void anExpiredTokenIsRefreshedAndInsufficientScopeStepsUpABoundedNumberOfTimes() {
        expiresIn = 0;
        OAuthAuthorizer auth = authorizer(McpTokenStore.inMemory());
        auth.unauthorized(headers("Bearer scope=\"read\""));
        assertThat(auth.authorization()).contains("Bearer t2");
        assertThat(tokenRequests.get(1)).containsEntry("grant_type", "refresh_token").containsEntry("refresh_token", "r1");

        HttpHeaders needsAdmin = headers("Bearer error=\"insufficient_scope\", scope=\"read admin\"");
        assertThat(auth.forbidden(needsAdmin)).isTrue();
        assertThat(authorizations.get(authorizations.size() - 1)).containsEntry("scope", "read admin");
        assertThat(auth.forbidden(needsAdmin)).isTrue();
        assertThat(auth.forbidden(needsAdmin)).as("no endless step-up loop").isFalse();
        assertThat(auth.forbidden(headers("Bearer error=\"invalid_token\""))).isFalse();
    }

    @Test
    void metadataNamingAnotherResourceIsRefused() {
        server.createContext("/.well-known/oauth-protected-resource/other", ex -> json(ex, 200,
                "{\"resource\":\"https://elsewhere.example.com/mcp\",\"authorization_servers\":[\"" + base + "/tenant\"]}"));
        OAuthAuthorizer auth = authorizer(McpTokenStore.inMemory());
        assertThatThrownBy(() -> auth.unauthorized(headers("Bearer resource_metadata=\"" + base + "/.well-known/oauth-protected-resource/other\"")))
                .hasMessageContaining("names another resource");
    }
}
