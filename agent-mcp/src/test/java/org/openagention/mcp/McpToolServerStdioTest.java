// SPDX-License-Identifier: Apache-2.0
package org.openagention.mcp;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.assertj.core.api.InstanceOfAssertFactories;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openagention.core.Agent;
import org.openagention.core.RunResult;
import org.openagention.core.testing.FakeModel;
import org.openagention.core.tool.ToolResult;

/** Our server launched as a process ({@link McpServerMain}) and driven over stdio by our own client. */
class McpToolServerStdioTest {
    @TempDir
    Path repo;

    private McpClient connect() {
        List<String> cmd = ServerProcess.command(repo);
        return McpClient.connect(new McpServerConfig.Stdio("ours", cmd.get(0), cmd.subList(1, cmd.size()), Map.of(), Optional.empty()));
    }

    @Test
    void anAgentUsesOurServerOverStdio() throws Exception {
        try (McpClient client = connect()) {
            FakeModel model = new FakeModel()
                    .enqueueToolCall("ours__write_note", "{\"name\":\"a.txt\",\"text\":\"over stdio\"}")
                    .enqueueToolCall("ours__fail", "{\"why\":\"because\"}")
                    .enqueueText("ok");
            RunResult result = Agent.builder().model(model).tools(client.tools()).build().run("go");

            assertThat(Transcripts.toolOutputs(result)).extracting(o -> o.result().text())
                    .containsExactly("wrote a.txt", "failed on purpose: because");
            assertThat(Transcripts.toolOutputs(result).get(1).result().isError()).isTrue();
            assertThat(Files.readString(repo.resolve("a.txt"))).isEqualTo("over stdio");
        }
    }

    @Test
    void theServerProcessEndsWhenTheClientCloses() {
        McpClient client = connect();
        ProcessHandle server = ProcessHandle.of(client.serverPid()).orElseThrow();
        assertThat(client.call("add", "{\"a\":1,\"b\":2}")).isEqualTo(ToolResult.success("3"));
        client.close();
        assertThat(server.isAlive()).isFalse();
    }

    @Test
    void theServerProcessAnswersAMalformedLineAndExitsWhenItsInputEnds() throws Exception {
        Path errFile = repo.resolve("stderr.txt");
        Process server = new ProcessBuilder(ServerProcess.command(repo)).redirectError(errFile.toFile()).start();
        try (OutputStream in = server.getOutputStream()) {
            String lines = String.join("\n", "garbage", McpToolServerStdioInputTest.INITIALIZE,
                    McpToolServerStdioInputTest.INITIALIZED, McpToolServerStdioInputTest.TOOLS_LIST) + "\n";
            in.write(lines.getBytes(StandardCharsets.UTF_8));
        }
        List<String> out = new String(server.getInputStream().readAllBytes(), StandardCharsets.UTF_8).lines().toList();

        assertThat(server.waitFor()).isZero();
        assertThat(out).hasSize(3);
        assertThat(out.get(0)).contains("\"id\":null").contains("-32700");
        assertThat(out).anySatisfy(line -> assertThat(line).contains("\"id\":2").contains("write_note"));
        List<String> err = Files.readAllLines(errFile);
        assertThat(err).singleElement(InstanceOfAssertFactories.STRING).contains("WARN").contains("line 1").contains("-32700");
    }
}
