// SPDX-License-Identifier: Apache-2.0
package org.openagention.mcp;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.openagention.core.Agent;
import org.openagention.core.RunResult;
import org.openagention.core.message.Content;
import org.openagention.core.testing.FakeModel;
import org.openagention.core.tool.ToolResult;

/** The everything server in its streamable HTTP mode ({@code node dist/index.js streamableHttp}, port from PORT). */
class EverythingServerHttpTest {
    private Process server;

    @AfterEach
    void stop() {
        stopServer();
    }

    private URI startServer(NpmPeers peers, int port) throws Exception {
        ProcessBuilder pb = new ProcessBuilder("node",
                peers.module("@modelcontextprotocol/server-everything").resolve("dist/index.js").toString(), "streamableHttp");
        pb.environment().put("PORT", String.valueOf(port));
        pb.redirectErrorStream(true);
        server = pb.start();
        CompletableFuture<Boolean> listening = new CompletableFuture<>();
        Process p = server;
        // Read the server's output for as long as it runs: it logs every request, and a closed pipe would kill it.
        Thread drain = new Thread(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = r.readLine()) != null) {
                    if (line.contains("listening on port")) {
                        listening.complete(true);
                    }
                }
            } catch (IOException e) {
                // The server ended.
            } finally {
                listening.complete(false);
            }
        }, "everything-http-output");
        drain.setDaemon(true);
        drain.start();
        assertThat(listening.get(60, TimeUnit.SECONDS)).as("the everything server started listening").isTrue();
        return URI.create("http://127.0.0.1:" + port + "/mcp");
    }

    private void stopServer() {
        if (server != null) {
            server.descendants().forEach(ProcessHandle::destroyForcibly);
            server.destroyForcibly();
            server.onExit().join();
            server = null;
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    @Test
    void agentCallsEverythingToolsOverStreamableHttp() throws Exception {
        NpmPeers peers = NpmPeers.require();
        URI url = startServer(peers, freePort());
        try (McpClient client = McpClient.connect(McpServerConfig.http("everything-http", url))) {
            FakeModel model = new FakeModel()
                    .enqueueToolCall("everything-http__echo", "{\"message\":\"over http\"}")
                    .enqueueToolCall("everything-http__get-structured-content", "{\"location\":\"Los Angeles\"}")
                    .enqueueText("done");
            RunResult result = Agent.builder().model(model).tools(client.tools()).build().run("call over http");

            List<Content.ToolOutput> outputs = Transcripts.toolOutputs(result);
            assertThat(outputs.get(0).result().text()).contains("over http");
            assertThat(outputs.get(1).result().text()).contains("Sunny");
        }
    }

    @Test
    void aRestartedHttpServerIsReconnectedOnTheNextCall() throws Exception {
        NpmPeers peers = NpmPeers.require();
        int port = freePort();
        URI url = startServer(peers, port);
        try (McpClient client = McpClient.connect(McpServerConfig.http("everything-http", url))) {
            assertThat(client.call("echo", "{\"message\":\"one\"}").text()).contains("one");
            stopServer();
            ToolResult lost = client.call("echo", "{\"message\":\"two\"}");
            assertThat(lost.isError()).isTrue();
            assertThat(lost.text()).contains("everything-http");

            startServer(peers, port);
            assertThat(client.call("echo", "{\"message\":\"three\"}").text()).contains("three");
        }
    }
}
