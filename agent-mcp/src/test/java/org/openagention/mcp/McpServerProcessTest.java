// SPDX-License-Identifier: Apache-2.0
package org.openagention.mcp;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.openagention.core.tool.ToolResult;
import org.openagention.mcp.internal.McpJson;

/**
 * {@link McpServerMain} as a real process: over HTTP it serves whatever its standard input is, until
 * SIGTERM or SIGINT; on both transports a request with params of the wrong shape gets JSON-RPC's
 * invalid-params error and one line on stderr, never a stack trace.
 */
@Timeout(value = 120, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class McpServerProcessTest {
    static final String BAD_STRING_PARAMS = "{\"jsonrpc\":\"2.0\",\"id\":3,\"method\":\"tools/call\",\"params\":\"hello\"}";
    static final String BAD_ARGUMENTS = "{\"jsonrpc\":\"2.0\",\"id\":4,\"method\":\"tools/call\","
            + "\"params\":{\"name\":\"add\",\"arguments\":\"x\"}}";
    static final String NO_PARAMS = "{\"jsonrpc\":\"2.0\",\"id\":5,\"method\":\"tools/call\"}";
    static final String ADD = "{\"jsonrpc\":\"2.0\",\"id\":6,\"method\":\"tools/call\","
            + "\"params\":{\"name\":\"add\",\"arguments\":{\"a\":2,\"b\":3}}}";

    @TempDir
    Path repo;

    private Process server;

    @AfterEach
    void stop() {
        if (server != null) {
            server.destroyForcibly();
        }
    }

    /** An HTTP server process with standard input from /dev/null (as under nohup), its stderr collected. */
    private final class HttpServer {
        final List<String> err = new CopyOnWriteArrayList<>();
        final CompletableFuture<URI> endpoint = new CompletableFuture<>();
        final Thread reader;

        HttpServer() throws IOException {
            server = new ProcessBuilder(ServerProcess.command(repo, "--http", "0"))
                    .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .start();
            reader = new Thread(() -> {
                try (BufferedReader lines = new BufferedReader(new InputStreamReader(server.getErrorStream(), StandardCharsets.UTF_8))) {
                    for (String line; (line = lines.readLine()) != null; ) {
                        err.add(line);
                        if (line.startsWith("MCP endpoint: ")) {
                            endpoint.complete(URI.create(line.substring("MCP endpoint: ".length()).trim()));
                        }
                    }
                } catch (IOException e) {
                    // the process ended
                } finally {
                    endpoint.completeExceptionally(new AssertionError("no endpoint line; stderr: " + err));
                }
            });
            reader.start();
        }

        URI uri() throws Exception {
            return endpoint.get(60, TimeUnit.SECONDS);
        }

        /** Waits for the process to end after a signal and returns its stderr. */
        List<String> endedErr() throws InterruptedException {
            assertThat(server.waitFor(60, TimeUnit.SECONDS)).as("the server ended").isTrue();
            reader.join();
            return err;
        }
    }

    private static void assertServes(URI uri) {
        try (McpClient client = McpClient.connect(McpServerConfig.http("srv", uri))) {
            assertThat(client.call("add", "{\"a\":19,\"b\":23}")).isEqualTo(ToolResult.success("42"));
        }
    }

    @Test
    void httpServesWithStandardInputAtItsEndUntilSigterm() throws Exception {
        HttpServer http = new HttpServer();
        URI uri = http.uri();

        assertServes(uri);
        assertServes(uri);
        assertThat(server.isAlive()).isTrue();

        server.destroy(); // SIGTERM
        assertThat(http.endedErr()).noneMatch(line -> line.contains("Exception"));
    }

    @Test
    void httpStopsOnSigint() throws Exception {
        HttpServer http = new HttpServer();
        assertServes(http.uri());

        Process kill = new ProcessBuilder("kill", "-INT", Long.toString(server.pid())).inheritIO().start();
        assertThat(kill.waitFor()).isZero();
        assertThat(http.endedErr()).noneMatch(line -> line.contains("Exception"));
    }

    @Test
    void httpAnswersParamsOfTheWrongShapeWithInvalidParams() throws Exception {
        HttpServer http = new HttpServer();
        URI uri = http.uri();
        HttpClient client = HttpClient.newHttpClient();
        String session = client.send(HttpRequest.newBuilder(uri)
                .header("Content-Type", "application/json").header("Accept", "application/json, text/event-stream")
                .POST(HttpRequest.BodyPublishers.ofString(McpToolServerStdioInputTest.INITIALIZE)).build(),
                HttpResponse.BodyHandlers.ofString()).headers().firstValue("Mcp-Session-Id").orElseThrow();
        for (String body : List.of(BAD_STRING_PARAMS, BAD_ARGUMENTS, NO_PARAMS)) {
            HttpResponse<String> response = client.send(HttpRequest.newBuilder(uri)
                    .header("Content-Type", "application/json").header("Accept", "application/json, text/event-stream")
                    .header("Mcp-Session-Id", session)
                    .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
            JsonNode answer = McpJson.MAPPER.readTree(response.body());
            assertThat(answer.path("error").path("code").asInt()).as(body).isEqualTo(-32602);
            assertThat(answer.path("error").path("message").asText()).as(body).startsWith("Invalid params")
                    .doesNotContain("io.modelcontextprotocol").doesNotContain("\n");
            assertThat(answer.path("id").asInt()).isEqualTo(McpJson.MAPPER.readTree(body).path("id").asInt());
        }
        assertServes(uri);

        server.destroy();
        List<String> err = http.endedErr();
        assertThat(err).filteredOn(line -> line.contains("-32602")).hasSize(3);
        assertThat(err).noneMatch(line -> line.startsWith("\tat ") || line.contains("Exception"));
    }

    @Test
    void stdioAnswersParamsOfTheWrongShapeWithInvalidParams() throws Exception {
        Path errFile = repo.resolve("stderr.txt");
        server = new ProcessBuilder(ServerProcess.command(repo)).redirectError(errFile.toFile()).start();
        try (OutputStream in = server.getOutputStream()) {
            String lines = String.join("\n", McpToolServerStdioInputTest.INITIALIZE, McpToolServerStdioInputTest.INITIALIZED,
                    BAD_STRING_PARAMS, BAD_ARGUMENTS, NO_PARAMS, ADD) + "\n";
            in.write(lines.getBytes(StandardCharsets.UTF_8));
        }
        List<JsonNode> out = new java.util.ArrayList<>();
        for (String line : new String(server.getInputStream().readAllBytes(), StandardCharsets.UTF_8).lines().toList()) {
            out.add(McpJson.MAPPER.readTree(line));
        }

        assertThat(server.waitFor()).isZero();
        for (int id : new int[] {3, 4, 5}) {
            assertThat(out).filteredOn(m -> m.path("id").asInt() == id).singleElement()
                    .satisfies(m -> assertThat(m.path("error").path("code").asInt()).isEqualTo(-32602));
        }
        assertThat(out).filteredOn(m -> m.path("id").asInt() == 4).singleElement()
                .satisfies(m -> assertThat(m.path("error").path("message").asText()).contains("'arguments'"));
        assertThat(out).filteredOn(m -> m.path("id").asInt() == 6).singleElement()
                .satisfies(m -> assertThat(m.path("result").path("content").get(0).path("text").asText()).isEqualTo("5"));
        List<String> err = Files.readAllLines(errFile);
        assertThat(err).hasSize(3).allSatisfy(line -> assertThat(line).contains("WARN").contains("-32602"));
    }
}
