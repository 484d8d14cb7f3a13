// SPDX-License-Identifier: Apache-2.0
package org.openagention.mcp.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.openagention.mcp.McpOAuth;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * OAuth 2.1 for one HTTP MCP server (see {@link McpOAuth} for what it does). State (the client and
 * the tokens) lives in the token store as JSON, keyed by the server's URL. Thread-safe: flows are
 * serialised.
 */
final class OAuthAuthorizer implements HttpAuthorizer {
    private static final Logger log = LoggerFactory.getLogger(OAuthAuthorizer.class);
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final int MAX_STEP_UPS = 2;

    private final McpOAuth config;
    private final URI server;
    private final HttpClient http;
    private final OAuthDiscovery discovery;
    private final String key;
    private int stepUps;

    OAuthAuthorizer(McpOAuth config, URI server, HttpClient http) {
        this.config = config;
        this.server = server;
        this.http = http;
        this.discovery = new OAuthDiscovery(http);
        this.key = server.toString();
    }

    @Override
    public synchronized Optional<String> authorization() {
        ObjectNode state = state();
        if (!state.hasNonNull("access_token")) {
            return Optional.empty();
        }
        if (expired(state) && state.hasNonNull("refresh_token")) {
            try {
                refresh(state);
            } catch (RuntimeException e) {
                log.info("refreshing the token for {} failed: {}", server, e.getMessage());
                return Optional.empty();
            }
        }
        return Optional.of("Bearer " + state().get("access_token").asText());
    }

    @Override
    public synchronized boolean unauthorized(HttpHeaders response) {
        ObjectNode state = state();
        if (state.hasNonNull("refresh_token") && state.hasNonNull("token_endpoint") && !state.path("refreshed_after_401").asBoolean()) {
            try {
                refresh(state);
                state().put("refreshed_after_401", true);
                return true;
            } catch (RuntimeException e) {
                log.info("refreshing the token for {} failed, authorizing again: {}", server, e.getMessage());
            }
        }
        authorize(OAuthDiscovery.challenge(response), null);
        return true;
    }

    @Override
    public synchronized boolean forbidden(HttpHeaders response) {
        Map<String, String> challenge = OAuthDiscovery.challenge(response);
        if (!"insufficient_scope".equals(challenge.get("error")) || stepUps >= MAX_STEP_UPS) {
            return false;
        }
        stepUps++;
        authorize(challenge, challenge.get("scope"));
        return true;
    }

    /** The authorization-code flow with PKCE, from discovery to stored tokens. */
    private void authorize(Map<String, String> challenge, String stepUpScope) {
        OAuthDiscovery.Resource resource = discovery.resource(server, challenge);
        resource.resource().ifPresent(r -> {
            if (!OAuthDiscovery.covers(r, server)) {
                throw new IllegalStateException("the protected-resource metadata of " + server + " names another resource ("
                        + r + "); refusing to send it a token");
            }
        });
        URI issuer = resource.authorizationServers().isEmpty() ? OAuthDiscovery.origin(server) : resource.authorizationServers().get(0);
        OAuthDiscovery.Server as = discovery.server(issuer);
        if (config.clientCredentials()) {
            clientCredentials(as, resource, challenge, stepUpScope);
            return;
        }
        String scope = stepUpScope != null ? stepUpScope
                : challenge.containsKey("scope") ? challenge.get("scope")
                : !resource.scopesSupported().isEmpty() ? String.join(" ", resource.scopesSupported()) : null;
        if (scope != null && as.scopesSupported().contains("offline_access") && !scope.contains("offline_access")) {
            scope = scope + " offline_access";
        }
        ObjectNode state = state();
        Client client = client(as, state);
        String verifier = random(32);
        String challengeS256 = Base64.getUrlEncoder().withoutPadding().encodeToString(sha256(verifier));
        String stateParam = random(16);
        String resourceParam = resource.resource().map(URI::toString).orElse(canonical(server));
        Map<String, String> query = new LinkedHashMap<>();
        query.put("response_type", "code");
        query.put("client_id", client.id());
        query.put("redirect_uri", config.redirectUri().toString());
        query.put("code_challenge", challengeS256);
        query.put("code_challenge_method", "S256");
        query.put("state", stateParam);
        query.put("resource", resourceParam);
        if (scope != null && !scope.isBlank()) {
            query.put("scope", scope);
        }
        String sep = as.authorizationEndpoint().getRawQuery() == null ? "?" : "&";
        URI url = URI.create(as.authorizationEndpoint() + sep + form(query));
        URI redirected;
        try {
            redirected = config.browser().orElseThrow().authorize(url, config.redirectUri());
        } catch (Exception e) {
            throw new IllegalStateException("the authorization at " + as.authorizationEndpoint() + " was not completed: " + e.getMessage(), e);
        }
        Map<String, String> back = parseQuery(redirected.getRawQuery());
        if (back.containsKey("error")) {
            throw new IllegalStateException("the authorization server refused: " + back.get("error")
                    + Optional.ofNullable(back.get("error_description")).map(d -> " (" + d + ")").orElse(""));
        }
        if (back.containsKey("state") && !stateParam.equals(back.get("state"))) {
            throw new IllegalStateException("the authorization answer's state does not match the request's (possible CSRF)");
        }
        String code = back.get("code");
        if (code == null) {
            throw new IllegalStateException("the authorization answer has no code: " + redirected);
        }
        Map<String, String> body = new LinkedHashMap<>();
        body.put("grant_type", "authorization_code");
        body.put("code", code);
        body.put("redirect_uri", config.redirectUri().toString());
        body.put("code_verifier", verifier);
        body.put("resource", resourceParam);
        JsonNode tokens = token(as.tokenEndpoint(), client, body);
        ObjectNode next = state.deepCopy();
        next.put("client_id", client.id());
        if (client.secret() != null) {
            next.put("client_secret", client.secret());
        }
        next.put("auth_method", client.method());
        next.put("token_endpoint", as.tokenEndpoint().toString());
        next.put("resource", resourceParam);
        store(next, tokens);
    }

    private record Client(String id, String secret, String method) {}

    /**
     * Grants without a user at the keyboard: client credentials (by secret or signed assertion), or
     * the enterprise identity provider's assertion (cross-app access).
     */
    private void clientCredentials(OAuthDiscovery.Server as, OAuthDiscovery.Resource resource, Map<String, String> challenge,
            String stepUpScope) {
        String id = config.clientId().orElseThrow();
        String resourceParam = resource.resource().map(URI::toString).orElse(canonical(server));
        Map<String, String> body = new LinkedHashMap<>();
        body.put("grant_type", "client_credentials");
        String scope = stepUpScope != null ? stepUpScope : challenge.get("scope");
        if (scope != null && !scope.isBlank()) {
            body.put("scope", scope);
        }
        body.put("resource", resourceParam);
        Client client;
        if (config.crossAppAccess().isPresent()) {
            McpOAuth.CrossAppAccess xaa = config.crossAppAccess().get();
            Map<String, String> exchange = new LinkedHashMap<>();
            exchange.put("grant_type", "urn:ietf:params:oauth:grant-type:token-exchange");
            exchange.put("subject_token", xaa.idToken().get());
            exchange.put("subject_token_type", "urn:ietf:params:oauth:token-type:id_token");
            exchange.put("requested_token_type", "urn:ietf:params:oauth:token-type:id-jag");
            exchange.put("audience", as.issuer());
            exchange.put("resource", resourceParam);
            if (scope != null && !scope.isBlank()) {
                exchange.put("scope", scope);
            }
            JsonNode grant = token(xaa.idpTokenEndpoint(), new Client(xaa.idpClientId(), null, "none"), exchange);
            body.put("grant_type", "urn:ietf:params:oauth:grant-type:jwt-bearer");
            body.put("assertion", grant.get("access_token").asText());
            client = new Client(id, config.clientSecret().orElseThrow(), "client_secret_basic");
        } else if (config.privateKeyPem().isPresent()) {
            body.put("client_assertion_type", "urn:ietf:params:oauth:client-assertion-type:jwt-bearer");
            body.put("client_assertion", ClientAssertion.sign(id, as.issuer(), config.privateKeyPem().get(), config.signingAlgorithm()));
            client = new Client(id, null, "private_key_jwt");
        } else {
            client = new Client(id, config.clientSecret().orElseThrow(), "client_secret_basic");
        }
        JsonNode tokens = token(as.tokenEndpoint(), client, body);
        ObjectNode next = McpJson.MAPPER.createObjectNode();
        next.put("client_id", id);
        next.put("token_endpoint", as.tokenEndpoint().toString());
        next.put("resource", resourceParam);
        store(next, tokens);
    }

    /** The configured, stored, metadata-document or newly registered client. */
    private Client client(OAuthDiscovery.Server as, ObjectNode state) {
        if (config.clientId().isPresent()) {
            String secret = config.clientSecret().orElse(null);
            return new Client(config.clientId().get(), secret, secret == null ? "none"
                    : as.authMethods().contains("client_secret_basic") || as.authMethods().isEmpty() ? "client_secret_basic"
                    : "client_secret_post");
        }
        if (as.clientIdMetadataDocuments() && config.clientMetadataUrl().isPresent()) {
            return new Client(config.clientMetadataUrl().get().toString(), null, "none");
        }
        if (state.hasNonNull("client_id") && as.tokenEndpoint().toString().equals(state.path("token_endpoint").asText())) {
            return new Client(state.get("client_id").asText(), state.hasNonNull("client_secret") ? state.get("client_secret").asText() : null,
                    state.path("auth_method").asText("none"));
        }
        URI endpoint = as.registrationEndpoint().orElseThrow(() -> new IllegalStateException("the authorization server "
                + as.issuer() + " offers no dynamic client registration: configure a client id (McpOAuth.preRegisteredClient)"));
        ObjectNode request = McpJson.MAPPER.createObjectNode();
        request.put("client_name", config.clientName());
        request.putArray("redirect_uris").add(config.redirectUri().toString());
        request.putArray("grant_types").add("authorization_code").add("refresh_token");
        request.putArray("response_types").add("code");
        String method = as.authMethods().isEmpty() || as.authMethods().contains("client_secret_basic") ? "client_secret_basic"
                : as.authMethods().contains("client_secret_post") ? "client_secret_post" : "none";
        request.put("token_endpoint_auth_method", method);
        JsonNode registered = post(endpoint, "application/json", request.toString(), null);
        String secret = registered.hasNonNull("client_secret") ? registered.get("client_secret").asText() : null;
        String granted = registered.path("token_endpoint_auth_method").asText(secret == null ? "none" : method);
        return new Client(registered.path("client_id").asText(), secret, secret == null ? "none" : granted);
    }

    private void refresh(ObjectNode state) {
        Map<String, String> body = new LinkedHashMap<>();
        body.put("grant_type", "refresh_token");
        body.put("refresh_token", state.get("refresh_token").asText());
        if (state.hasNonNull("resource")) {
            body.put("resource", state.get("resource").asText());
        }
        Client client = new Client(state.path("client_id").asText(), state.hasNonNull("client_secret") ? state.get("client_secret").asText() : null,
                state.path("auth_method").asText("none"));
        JsonNode tokens = token(URI.create(state.get("token_endpoint").asText()), client, body);
        store(state.deepCopy(), tokens);
    }

    private JsonNode token(URI endpoint, Client client, Map<String, String> body) {
        String basic = null;
        if ("client_secret_basic".equals(client.method()) && client.secret() != null) {
            basic = "Basic " + Base64.getEncoder().encodeToString((URLEncoder.encode(client.id(), StandardCharsets.UTF_8) + ":"
                    + URLEncoder.encode(client.secret(), StandardCharsets.UTF_8)).getBytes(StandardCharsets.UTF_8));
        } else if (!"private_key_jwt".equals(client.method())) {
            body.put("client_id", client.id());
            if ("client_secret_post".equals(client.method()) && client.secret() != null) {
                body.put("client_secret", client.secret());
            }
        }
        JsonNode tokens = post(endpoint, "application/x-www-form-urlencoded", form(body), basic);
        if (!tokens.hasNonNull("access_token")) {
            throw new IllegalStateException("the token endpoint " + endpoint + " answered without an access_token");
        }
        return tokens;
    }

    private void store(ObjectNode state, JsonNode tokens) {
        state.put("access_token", tokens.get("access_token").asText());
        if (tokens.hasNonNull("refresh_token")) {
            state.put("refresh_token", tokens.get("refresh_token").asText());
        }
        if (tokens.hasNonNull("expires_in")) {
            state.put("expires_at", System.currentTimeMillis() + tokens.get("expires_in").asLong() * 1000);
        } else {
            state.remove("expires_at");
        }
        state.remove("refreshed_after_401");
        config.tokenStore().save(key, state.toString());
    }

    private ObjectNode state() {
        return config.tokenStore().load(key).map(json -> {
            try {
                JsonNode node = McpJson.MAPPER.readTree(json);
                return node instanceof ObjectNode o ? o : McpJson.MAPPER.createObjectNode();
            } catch (IOException e) {
                log.warn("the stored OAuth state of {} is not JSON; starting afresh", server);
                return McpJson.MAPPER.createObjectNode();
            }
        }).orElseGet(McpJson.MAPPER::createObjectNode);
    }

    private static boolean expired(JsonNode state) {
        return state.hasNonNull("expires_at") && System.currentTimeMillis() > state.get("expires_at").asLong() - 30_000;
    }

    private JsonNode post(URI endpoint, String type, String body, String authorization) {
        HttpRequest.Builder b = HttpRequest.newBuilder(endpoint).timeout(Duration.ofSeconds(30)).header("Content-Type", type)
                .header("Accept", "application/json").POST(HttpRequest.BodyPublishers.ofString(body));
        if (authorization != null) {
            b.header("Authorization", authorization);
        }
        try {
            HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() / 100 != 2) {
                throw new IllegalStateException(endpoint + " answered HTTP " + r.statusCode() + ": " + abbreviate(r.body()));
            }
            return McpJson.MAPPER.readTree(r.body());
        } catch (IOException e) {
            throw new IllegalStateException("cannot reach " + endpoint + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while talking to " + endpoint, e);
        }
    }

    /** The server URL as a resource indicator: no fragment, no trailing slash on a bare origin. */
    static String canonical(URI server) {
        String s = server.toString();
        int hash = s.indexOf('#');
        return hash >= 0 ? s.substring(0, hash) : s;
    }

    static String form(Map<String, String> values) {
        return values.entrySet().stream().map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8)).collect(Collectors.joining("&"));
    }

    static Map<String, String> parseQuery(String query) {
        Map<String, String> out = new LinkedHashMap<>();
        if (query == null) {
            return out;
        }
        for (String pair : query.split("&")) {
            int eq = pair.indexOf('=');
            String k = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            out.put(k, eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
        }
        return out;
    }

    private static String random(int bytes) {
        byte[] b = new byte[bytes];
        RANDOM.nextBytes(b);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
    }

    private static byte[] sha256(String s) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.US_ASCII));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String abbreviate(String s) {
        return s == null ? "" : s.length() <= 300 ? s : s.substring(0, 300) + "...";
    }
}
