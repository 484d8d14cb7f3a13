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
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** A request's event stream survives its connection: the client comes back with Last-Event-ID (SEP-1699). */
class StreamResumptionTest {
    private static final String INITIALIZE = "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\",\"params\":{\"protocolVersion\":"
            + "\"2025-11-25\",\"capabilities\":{},\"clientInfo\":{\"name\":\"raw\",\"version\":\"1\"}}}";
    private static final String CALL = "{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"tools/call\",\"params\":{\"name\":\"slow\",\"arguments\":{}}}";

    @Test
    void aClientWhoseConnectionDroppedResumesTheStreamAndGetsTheResponse() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        McpServedTool slow = McpServedTool.of("slow", "Waits", "{\"type\":\"object\",\"properties\":{}}", (args, ctx) -> {
            release.await(60, TimeUnit.SECONDS);
            return McpToolResult.text("finally done");
        });
        try (McpToolServer.HttpEndpoint endpoint = McpToolServer.builder().addTool(slow).build().startHttp(0)) {
            HttpClient http = HttpClient.newHttpClient();
            HttpResponse<String> init = http.send(post(endpoint, null, INITIALIZE), HttpResponse.BodyHandlers.ofString());
            String session = init.headers().firstValue("Mcp-Session-Id").orElseThrow();
            http.send(post(endpoint, session, "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}"),
                    HttpResponse.BodyHandlers.discarding());

            HttpResponse<InputStream> call = http.send(post(endpoint, session, CALL), HttpResponse.BodyHandlers.ofInputStream());
            assertThat(call.headers().firstValue("Content-Type")).contains("text/event-stream");
            String primingId;
            String retry = null;
            try (BufferedReader events = new BufferedReader(new InputStreamReader(call.body(), StandardCharsets.UTF_8))) {
                primingId = events.readLine().substring("id: ".length());
                retry = events.readLine();
            } // the connection drops here, before the response
            assertThat(retry).isEqualTo("retry: 1000");
            release.countDown();

            HttpResponse<String> resumed = http.send(HttpRequest.newBuilder(endpoint.uri()).header("Accept", "text/event-stream")
                    .header("Mcp-Session-Id", session).header("Last-Event-ID", primingId).timeout(Duration.ofSeconds(60)).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(resumed.statusCode()).isEqualTo(200);
            assertThat(resumed.body()).contains("\"id\":2").contains("finally done").doesNotContain("retry:");
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
