// SPDX-License-Identifier: Apache-2.0
package org.openagention.mcp;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.openagention.core.tool.Tool;
import org.openagention.core.tool.ToolResult;

/**
 * The conformance suite's client under test: a small wrapper around {@link McpClient} that the
 * suite starts as {@code COMMAND URL} with the scenario in {@code MCP_CONFORMANCE_SCENARIO} (and
 * its context, such as pre-registered credentials, in {@code MCP_CONFORMANCE_CONTEXT}). It connects,
 * lists the tools and calls each with arguments made from its schema. Elicitation is accepted with
 * empty content (defaults are the client's to fill in); OAuth's browser step follows the
 * authorization server's redirect without a browser, as the suite's own example client does.
 * Exits 0 when the session worked, 1 otherwise.
 */
final class ConformanceClient {
    private static final ObjectMapper JSON = new ObjectMapper();
    static final URI CLIENT_METADATA_URL = URI.create("https://conformance-test.local/client-metadata.json");

    private ConformanceClient() {}

    public static void main(String[] args) throws Exception {
        URI url = URI.create(args[args.length - 1]);
        String scenario = System.getenv().getOrDefault("MCP_CONFORMANCE_SCENARIO", "");
        JsonNode context = JSON.readTree(System.getenv().getOrDefault("MCP_CONFORMANCE_CONTEXT", "{}"));
        McpOptions.Builder options = McpOptions.builder().clientName("openagention-conformance-client")
                .callTimeout(Duration.ofSeconds(20)).connectTimeout(Duration.ofSeconds(20))
                .elicitation((server, message, schema) -> McpElicitation.accept("{}"));
        if (context.hasNonNull("idp_id_token")) {
            options.oauth(McpOAuth.builder().crossAppAccess(context.get("client_id").asText(), context.get("client_secret").asText(),
                    new McpOAuth.CrossAppAccess(URI.create(context.get("idp_token_endpoint").asText()),
                            context.get("idp_client_id").asText(), () -> context.get("idp_id_token").asText())).build());
        } else if (context.hasNonNull("private_key_pem")) {
            options.oauth(McpOAuth.builder().clientCredentialsWithKey(context.get("client_id").asText(),
                    context.get("private_key_pem").asText(), context.path("signing_algorithm").asText("ES256")).build());
        } else if (scenario.startsWith("auth/client-credentials")) {
            options.oauth(McpOAuth.builder().clientCredentials(context.get("client_id").asText(),
                    context.get("client_secret").asText()).build());
        } else if (scenario.startsWith("auth/")) {
            McpOAuth.Builder oauth = McpOAuth.builder().browser(ConformanceClient::followRedirect)
                    .clientMetadataUrl(CLIENT_METADATA_URL);
            if (context.hasNonNull("client_id")) {
                oauth.preRegisteredClient(context.get("client_id").asText(),
                        context.hasNonNull("client_secret") ? context.get("client_secret").asText() : null);
            }
            options.oauth(oauth.build());
        }
        int failures = 0;
        try (McpClient client = McpClient.connect(McpServerConfig.http("conformance", url), options.build())) {
            for (Tool tool : client.tools()) {
                String name = tool.spec().name().substring("conformance__".length());
                ToolResult result = client.call(name, arguments(tool.spec().inputSchemaJson()));
                System.err.println("called " + name + ": " + result);
                if (result.isError()) {
                    failures++;
                }
            }
        } catch (RuntimeException e) {
            System.err.println("conformance client failed: " + e);
            System.exit(1);
        }
        System.exit(failures == 0 ? 0 : 1);
    }

    /** Arguments for a schema: numbers 1, integers 1, booleans true, strings "test". */
    static String arguments(String schemaJson) throws Exception {
        ObjectNode args = JSON.createObjectNode();
        JSON.readTree(schemaJson).path("properties").fields().forEachRemaining(e -> {
            switch (e.getValue().path("type").asText()) {
                case "number", "integer" -> args.put(e.getKey(), 1);
                case "boolean" -> args.put(e.getKey(), true);
                default -> args.put(e.getKey(), "test");
            }
        });
        return args.toString();
    }

    /** The browser step without a browser: the test authorization server redirects at once. */
    static URI followRedirect(URI authorizationUrl, URI redirectUri) throws Exception {
        HttpResponse<Void> r = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build()
                .send(HttpRequest.newBuilder(authorizationUrl).GET().build(), HttpResponse.BodyHandlers.discarding());
        return URI.create(r.headers().firstValue("Location")
                .orElseThrow(() -> new IllegalStateException("no redirect from " + authorizationUrl + " (HTTP " + r.statusCode() + ")")));
    }
}
