// SPDX-License-Identifier: Apache-2.0
package org.openagention.mcp;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openagention.core.Agent;
import org.openagention.core.RunResult;
import org.openagention.core.message.Content;
import org.openagention.core.testing.FakeModel;
import org.openagention.core.tool.Tool;

/** The official filesystem server over stdio, driven through an agent run. */
class FilesystemServerTest {
    @TempDir
    Path root;

    @TempDir
    Path elsewhere;

    @Test
    void agentWritesAndReadsFilesThroughTheFilesystemServer() throws Exception {
        NpmPeers peers = NpmPeers.require();
        Path allowed = root.toRealPath();
        Files.writeString(allowed.resolve("hello.txt"), "hello from disk\n");
        Files.writeString(elsewhere.resolve("private.txt"), "not yours");
        try (McpClient fs = McpClient.connect(peers.filesystem("fs", allowed))) {
            assertThat(fs.tools()).extracting(Tool::name).contains("fs__read_text_file", "fs__write_file", "fs__list_directory");
            assertThat(fs.tools().stream().filter(t -> t.name().equals("fs__read_text_file")).findFirst().orElseThrow().readOnly()).isTrue();
            assertThat(fs.tools().stream().filter(t -> t.name().equals("fs__write_file")).findFirst().orElseThrow().readOnly()).isFalse();

            String newFile = allowed.resolve("notes/new.txt").toString();
            Files.createDirectories(allowed.resolve("notes"));
            FakeModel model = new FakeModel()
                    .enqueueToolCall("fs__read_text_file", "{\"path\":\"" + allowed.resolve("hello.txt") + "\"}")
                    .enqueueToolCall("fs__write_file", "{\"path\":\"" + newFile + "\",\"content\":\"written by an agent\"}")
                    .enqueueToolCall("fs__list_directory", "{\"path\":\"" + allowed + "\"}")
                    .enqueueToolCall("fs__read_text_file", "{\"path\":\"" + elsewhere.resolve("private.txt") + "\"}")
                    .enqueueText("finished");
            RunResult result = Agent.builder().model(model).tools(fs.tools()).build().run("work with files");

            List<Content.ToolOutput> outputs = Transcripts.toolOutputs(result);
            assertThat(outputs).hasSize(4);
            assertThat(outputs.get(0).result().text()).contains("hello from disk");
            assertThat(outputs.get(1).result().isError()).isFalse();
            assertThat(Files.readString(Path.of(newFile))).isEqualTo("written by an agent");
            assertThat(outputs.get(2).result().text()).contains("hello.txt").contains("notes");
            assertThat(outputs.get(3).result().isError()).as("a path outside the allowed root is refused").isTrue();
            assertThat(outputs.get(3).result().text()).containsIgnoringCase("denied");
            assertThat(result.finalText()).isEqualTo("finished");
        }
    }
}
