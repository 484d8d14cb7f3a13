// SPDX-License-Identifier: Apache-2.0
package org.openagention.mcp;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A client subscribed to a workspace file hears when it changes, on the session's listening stream. */
class WorkspaceSubscriptionTest {
    private static final String INITIALIZE = "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\",\"params\":{\"protocolVersion\":"
            + "\"2025-11-25\",\"capabilities\":{},\"clientInfo\":{\"name\":\"raw\",\"version\":\"1\"}}}";

    @TempDir
    Path repo;

    @Test
    void aSubscriberIsToldWhenTheFileChanges() throws Exception {
        Path file = repo.resolve("notes.md");
        Files.writeString(file, "first");
        String uri = file.toRealPath().toUri().toString();
        try (McpToolServer.HttpEndpoint endpoint = McpToolServer.builder().workspaceResources(repo).build().startHttp(0)) {
            HttpClient http = HttpClient.newHttpClient();
            String session = http.send(post(endpoint, null, INITIALIZE), HttpResponse.BodyHandlers.ofString())
                    .headers().firstValue("Mcp-Session-Id").orElseThrow();
            http.send(post(endpoint, session, "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}"),
                    HttpResponse.BodyHandlers.discarding());
            HttpResponse<InputStream> listening = http.send(HttpRequest.newBuilder(endpoint.uri()).header("Accept", "text/event-stream")
                    .header("Mcp-Session-Id", session).GET().build(), HttpResponse.BodyHandlers.ofInputStream());
            CompletableFuture<String> updated = CompletableFuture.supplyAsync(() -> {
                try (BufferedReader events = new BufferedReader(new InputStreamReader(listening.body(), StandardCharsets.UTF_8))) {
                    String line;
                    while ((line = events.readLine()) != null) {
                        if (line.contains("notifications/resources/updated")) {
                            return line;
                        }
                    }
                    return "the stream ended";
                } catch (Exception e) {
                    return e.toString();
                }
            });

            String read = http.send(post(endpoint, session, "{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"resources/read\",\"params\":{\"uri\":\""
                    + uri + "\"}}"), HttpResponse.BodyHandlers.ofString()).body();
            assertThat(read).contains("first");
            String subscribed = http.send(post(endpoint, session, "{\"jsonrpc\":\"2.0\",\"id\":3,\"method\":\"resources/subscribe\",\"params\":{\"uri\":\""
                    + uri + "\"}}"), HttpResponse.BodyHandlers.ofString()).body();
            assertThat(subscribed).contains("\"id\":3").doesNotContain("error");

            Files.writeString(file, "second");
            assertThat(updated.get(60, TimeUnit.SECONDS)).contains(uri);
        }
    }

    private static HttpRequest post(McpToolServer.HttpEndpoint endpoint, String session, String body) {
        HttpRequest.Builder b = HttpRequest.newBuilder(endpoint.uri()).header("Content-Type", "application/json")
                .header("Accept", "application/json, text/event-stream").POST(HttpRequest.BodyPublishers.ofString(body));
        if (session != null) {
            b.header("Mcp-Session-Id", session);
        }
        return b.build();
    }
}
