// SPDX-License-Identifier: Apache-2.0
package org.openagention.mcp.internal;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finding out how an MCP server wants to be authorized: the {@code WWW-Authenticate} challenge,
 * the protected-resource metadata (RFC 9728) and the authorization server's metadata (RFC 8414,
 * OpenID Connect discovery), in the orders the MCP authorization specification gives, with the
 * 2025-03-26 fallbacks (metadata at the server's root, then default endpoints).
 */
final class OAuthDiscovery {
    private static final Pattern PARAM = Pattern.compile("([A-Za-z_]+)\\s*=\\s*(?:\"([^\"]*)\"|([^,\\s]+))");

    /** What the authorization server offers. */
    record Server(String issuer, URI authorizationEndpoint, URI tokenEndpoint, Optional<URI> registrationEndpoint,
            List<String> scopesSupported, List<String> authMethods, boolean clientIdMetadataDocuments) {}

    /** What the protected resource says: its identifier, authorization servers and scopes (empty when it has no metadata). */
    record Resource(Optional<URI> resource, List<URI> authorizationServers, List<String> scopesSupported) {}

    private final HttpClient http;

    OAuthDiscovery(HttpClient http) {
        this.http = http;
    }

    /** The parameters of a {@code Bearer} challenge ({@code resource_metadata}, {@code scope}, {@code error}). */
    static Map<String, String> challenge(HttpHeaders headers) {
        Map<String, String> params = new LinkedHashMap<>();
        for (String value : headers.allValues("WWW-Authenticate")) {
            Matcher m = PARAM.matcher(value);
            while (m.find()) {
                params.putIfAbsent(m.group(1).toLowerCase(java.util.Locale.ROOT), m.group(2) != null ? m.group(2) : m.group(3));
            }
        }
        return params;
    }

    /** Protected-resource metadata: from the challenge's URL, else path-based then root well-known URLs. */
    Resource resource(URI server, Map<String, String> challenge) {
        List<URI> candidates = new ArrayList<>();
        if (challenge.containsKey("resource_metadata")) {
            candidates.add(URI.create(challenge.get("resource_metadata")));
        }
        String path = server.getRawPath() == null || server.getRawPath().equals("/") ? "" : stripSlash(server.getRawPath());
        if (!path.isEmpty()) {
            candidates.add(origin(server).resolve("/.well-known/oauth-protected-resource" + path));
        }
        candidates.add(origin(server).resolve("/.well-known/oauth-protected-resource"));
        for (URI candidate : candidates) {
            Optional<JsonNode> doc = fetch(candidate);
            if (doc.isPresent()) {
                JsonNode d = doc.get();
                List<URI> servers = new ArrayList<>();
                d.path("authorization_servers").forEach(s -> servers.add(URI.create(s.asText())));
                return new Resource(d.hasNonNull("resource") ? Optional.of(URI.create(d.get("resource").asText())) : Optional.empty(),
                        servers, strings(d.path("scopes_supported")));
            }
        }
        return new Resource(Optional.empty(), List.of(), List.of());
    }

    /** The authorization server's metadata; for a server without any, the 2025-03-26 default endpoints. */
    Server server(URI issuer) {
        String path = issuer.getRawPath() == null || issuer.getRawPath().equals("/") ? "" : stripSlash(issuer.getRawPath());
        URI origin = origin(issuer);
        List<URI> candidates = path.isEmpty()
                ? List.of(origin.resolve("/.well-known/oauth-authorization-server"), origin.resolve("/.well-known/openid-configuration"))
                : List.of(origin.resolve("/.well-known/oauth-authorization-server" + path),
                        origin.resolve("/.well-known/openid-configuration" + path),
                        origin.resolve(path + "/.well-known/openid-configuration"));
        for (URI candidate : candidates) {
            Optional<JsonNode> doc = fetch(candidate);
            if (doc.isPresent() && doc.get().hasNonNull("authorization_endpoint") && doc.get().hasNonNull("token_endpoint")) {
                JsonNode d = doc.get();
                List<String> methods = strings(d.path("code_challenge_methods_supported"));
                if (d.has("code_challenge_methods_supported") && !methods.contains("S256")) {
                    throw new IllegalStateException("the authorization server " + issuer + " does not support PKCE with S256"
                            + " (code_challenge_methods_supported: " + methods + ")");
                }
                return new Server(d.path("issuer").asText(issuer.toString()),
                        URI.create(d.get("authorization_endpoint").asText()), URI.create(d.get("token_endpoint").asText()),
                        d.hasNonNull("registration_endpoint") ? Optional.of(URI.create(d.get("registration_endpoint").asText()))
                                : Optional.empty(),
                        strings(d.path("scopes_supported")), strings(d.path("token_endpoint_auth_methods_supported")),
                        d.path("client_id_metadata_document_supported").asBoolean(false));
            }
        }
        return new Server(issuer.toString(), origin.resolve("/authorize"), origin.resolve("/token"),
                Optional.of(origin.resolve("/register")), List.of(), List.of(), false);
    }

    private Optional<JsonNode> fetch(URI uri) {
        try {
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(30))
                    .header("Accept", "application/json").header("MCP-Protocol-Version", "2025-11-25").GET().build(),
                    HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() != 200) {
                return Optional.empty();
            }
            JsonNode node = McpJson.MAPPER.readTree(r.body());
            return node != null && node.isObject() ? Optional.of(node) : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }

    static URI origin(URI uri) {
        return URI.create(uri.getScheme() + "://" + uri.getRawAuthority() + "/");
    }

    private static String stripSlash(String path) {
        return path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
    }

    private static List<String> strings(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }

    /** Whether {@code resource} (from the metadata) covers {@code server}: same origin, and a path prefix of it. */
    static boolean covers(URI resource, URI server) {
        if (!origin(resource).equals(origin(server))) {
            return false;
        }
        String rp = resource.getRawPath() == null ? "" : stripSlash(resource.getRawPath());
        String sp = server.getRawPath() == null ? "" : server.getRawPath();
        return rp.isEmpty() || sp.equals(rp) || sp.startsWith(rp + "/");
    }
}
