// SPDX-License-Identifier: Apache-2.0
package org.openagention.mcp;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.openagention.core.Agent;
import org.openagention.core.RunResult;
import org.openagention.core.testing.FakeModel;
import org.openagention.core.tool.Tool;
import org.openagention.core.tool.ToolResult;

/** {@code notifications/tools/list_changed} from a real TypeScript-SDK server refreshes the tool set. */
class ToolListChangedTest {

    private static Path fixture(NpmPeers peers) throws IOException {
        // Placed inside the npm cache so that its imports resolve from the cache's node_modules.
        Path dir = Files.createDirectories(peers.dir().resolve("openagention-fixtures"));
        Path script = dir.resolve("growing-server.mjs");
        try (InputStream in = ToolListChangedTest.class.getResourceAsStream("growing-server.mjs")) {
            Files.copy(in, script, StandardCopyOption.REPLACE_EXISTING);
        }
        return script;
    }

    @Test
    void newToolsAppearForNewAgentsAfterListChanged() throws Exception {
        NpmPeers peers = NpmPeers.require();
        Path script = fixture(peers);
        try (McpClient client = McpClient.connect(McpServerConfig.stdio("growing", "node", script.toString()))) {
            assertThat(client.tools()).extracting(Tool::name).containsExactly("growing__grow");
            CountDownLatch changed = new CountDownLatch(1);
            AtomicReference<List<Tool>> seen = new AtomicReference<>();
            client.addToolsListener(tools -> {
                seen.set(tools);
                changed.countDown();
            });
            Agent before = Agent.builder().model(new FakeModel()
                    .enqueueToolCall("growing__grow", "{}")
                    .enqueueToolCall("growing__extra", "{\"word\":\"early\"}")
                    .enqueueText("done")).tools(client.tools()).build();
            RunResult first = before.run("grow");

            assertThat(changed.await(30, TimeUnit.SECONDS)).as("the listener heard tools/list_changed").isTrue();
            assertThat(seen.get()).extracting(Tool::name).containsExactly("growing__grow", "growing__extra");
            assertThat(client.tools()).extracting(Tool::name).containsExactly("growing__grow", "growing__extra");
            // An agent keeps the tools it was built with: the new tool is unknown to it.
            ToolResult early = Transcripts.toolOutputs(first).get(1).result();
            assertThat(early).isInstanceOf(ToolResult.Error.class);
            assertThat(((ToolResult.Error) early).kind()).isEqualTo(ToolResult.ErrorKind.UNKNOWN_TOOL);

            Agent after = before.toBuilder().model(new FakeModel()
                    .enqueueToolCall("growing__extra", "{\"word\":\"hello\"}")
                    .enqueueText("done")).tools(client.tools()).build();
            RunResult second = after.run("use the new tool");
            assertThat(Transcripts.toolOutputs(second).get(0).result().text()).isEqualTo("extra says hello");
        }
    }
}
