// SPDX-License-Identifier: Apache-2.0
package org.openagention.mcp;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openagention.core.Agent;
import org.openagention.core.RunResult;
import org.openagention.core.message.Content;
import org.openagention.core.testing.FakeModel;
import org.openagention.core.tool.Tool;
import org.openagention.core.tool.ToolResult;

/** Our client bridge against the official everything server, launched over stdio. */
class EverythingServerStdioTest {
    private NpmPeers peers;
    private McpClient client;

    @BeforeEach
    void connect() {
        peers = NpmPeers.require();
        client = McpClient.connect(peers.everything("everything"),
                McpOptions.builder().callTimeout(Duration.ofSeconds(20)).build());
    }

    @AfterEach
    void close() {
        if (client != null) {
            client.close();
        }
    }

    @Test
    void agentCallsEverythingToolsAndTheResultsReachTheTranscript() {
        FakeModel model = new FakeModel()
                .enqueueToolCall("everything__echo", "{\"message\":\"hello from java\"}")
                .enqueueToolCall("everything__get-sum", "{\"a\":2,\"b\":40}")
                .enqueueText("done");
        RunResult result = Agent.builder().model(model).tools(client.tools()).build().run("use the everything server");

        assertThat(result.finalText()).isEqualTo("done");
        List<Content.ToolOutput> outputs = Transcripts.toolOutputs(result);
        assertThat(outputs).hasSize(2);
        assertThat(outputs.get(0).toolName()).isEqualTo("everything__echo");
        assertThat(outputs.get(0).result().isError()).isFalse();
        assertThat(outputs.get(0).result().text()).contains("hello from java");
        assertThat(outputs.get(1).result().text()).contains("42");
    }

    @Test
    void toolsArePrefixedWithTheServerNameAndCarryReadOnlyHints() {
        List<Tool> tools = client.tools();
        assertThat(tools).extracting(Tool::name).contains("everything__echo", "everything__get-sum")
                .allMatch(n -> n.startsWith("everything__") && n.matches("[A-Za-z0-9_-]{1,64}"));
        Tool echo = tools.stream().filter(t -> t.name().equals("everything__echo")).findFirst().orElseThrow();
        assertThat(echo.readOnly()).isTrue();
        assertThat(echo.spec().inputSchemaJson()).contains("\"message\"");
        Tool toggle = tools.stream().filter(t -> t.name().equals("everything__toggle-simulated-logging")).findFirst().orElseThrow();
        assertThat(toggle.readOnly()).isFalse();
    }

    @Test
    void structuredContentReachesTheModel() {
        ToolResult result = client.call("get-structured-content", "{\"location\":\"Chicago\"}");
        assertThat(result.isError()).isFalse();
        assertThat(result.text()).contains("\"temperature\":36").contains("Light rain");
    }

    @Test
    void callsThatOutliveTheTimeoutComeBackAsTimeoutErrors() {
        try (McpClient impatient = McpClient.connect(peers.everything("slow"),
                McpOptions.builder().callTimeout(Duration.ofMillis(300)).build())) {
            ToolResult result = impatient.call("trigger-long-running-operation", "{\"duration\":30,\"steps\":2}");
            assertThat(result).isInstanceOf(ToolResult.Error.class);
            assertThat(((ToolResult.Error) result).kind()).isEqualTo(ToolResult.ErrorKind.TIMEOUT);
            assertThat(result.text()).contains("trigger-long-running-operation").contains("did not answer within 300 ms");
            // The server is still usable after an abandoned call.
            assertThat(impatient.call("echo", "{\"message\":\"still here\"}").text()).contains("still here");
        }
    }

    @Test
    void serverErrorsComeBackAsErrorResults() {
        ToolResult unknown = client.call("no-such-tool", "{}");
        assertThat(unknown.isError()).isTrue();
        assertThat(unknown.text()).contains("no-such-tool");

        ToolResult badArgs = client.call("get-sum", "{\"a\":\"two\",\"b\":1}");
        assertThat(badArgs.isError()).isTrue();
        assertThat(badArgs.text()).contains("get-sum").contains("expected number");
    }

    @Test
    void aServerThatDiedIsRestartedOnTheNextCall() throws Exception {
        long first = client.serverPid();
        ProcessHandle server = ProcessHandle.of(first).orElseThrow();
        server.destroyForcibly();
        server.onExit().get();
        // The stdout reader notices the exit; the next call starts a new server and succeeds.
        ToolResult result = client.call("echo", "{\"message\":\"after restart\"}");
        assertThat(result.text()).contains("after restart");
        assertThat(client.serverPid()).isNotEqualTo(first).isPositive();
    }

    @Test
    void closeLeavesNoChildProcessBehind() throws Exception {
        McpClient viaShell = McpClient.connect(McpServerConfig.stdio("wrapped", "sh", "-c",
                "node '" + peers.module("@modelcontextprotocol/server-everything").resolve("dist/index.js") + "' stdio"));
        long shell = viaShell.serverPid();
        List<ProcessHandle> tree = ProcessHandle.of(shell).orElseThrow().descendants().toList();
        assertThat(tree).as("sh launched node as its child").isNotEmpty();
        viaShell.close();
        assertThat(ProcessHandle.of(shell).filter(ProcessHandle::isAlive)).isEmpty();
        assertThat(tree).noneMatch(ProcessHandle::isAlive);
        assertThat(ProcessHandle.current().children().filter(h -> h.pid() == shell)).isEmpty();
    }
}
