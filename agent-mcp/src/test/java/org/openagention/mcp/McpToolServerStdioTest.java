package org.openagention.mcp;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
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
}
