// SPDX-License-Identifier: Apache-2.0
package org.openagention.mcp;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The official MCP Inspector (CLI mode) as an outside client of our server, over stdio and HTTP. */
class InspectorInteropTest {
    @TempDir
    Path repo;

    private NpmPeers peers;

    @BeforeEach
    void peers() {
        peers = NpmPeers.require();
    }

    private String inspect(List<String> target, String... method) {
        NpmPeers.Outcome o = inspectAllowingFailure(target, method);
        assertThat(o.exit()).as("inspector %s failed: %s", List.of(method), o.output()).isZero();
        return o.output();
    }

    private NpmPeers.Outcome inspectAllowingFailure(List<String> target, String... method) {
        List<String> cmd = new ArrayList<>(peers.inspectorCli());
        cmd.addAll(target);
        cmd.addAll(List.of(method));
        NpmPeers.Outcome o = NpmPeers.execute(cmd, repo, 120);
        assertThat(o).as("the inspector did not finish: %s", List.of(method)).isNotNull();
        return o;
    }

    @Test
    void inspectorListsAndCallsOurToolsOverStdio() {
        List<String> server = ServerProcess.command(repo);
        String list = inspect(server, "--method", "tools/list");
        assertThat(list).contains("\"add\"", "\"write_note\"", "\"read_note\"", "\"readOnlyHint\": true");

        String call = inspect(server, "--method", "tools/call", "--tool-name", "add", "--tool-arg", "a=20", "b=22");
        assertThat(call).contains("\"text\": \"42\"");

        // A tool error reaches the inspector as an isError result (which its CLI reports with a non-zero exit).
        NpmPeers.Outcome failed = inspectAllowingFailure(server, "--method", "tools/call", "--tool-name", "fail", "--tool-arg", "why=inspected");
        assertThat(failed.output()).contains("failed on purpose: inspected");
    }

    @Test
    void inspectorListsAndCallsOurToolsOverHttp() {
        try (McpToolServer.HttpEndpoint http = McpToolServer.builder().tools(TestToolSource.registry(repo)).build().startHttp(0)) {
            List<String> target = List.of(http.uri().toString(), "--transport", "http");
            assertThat(inspect(target, "--method", "tools/list")).contains("\"add\"", "\"fail\"");
            String call = inspect(target, "--method", "tools/call", "--tool-name", "write_note",
                    "--tool-arg", "name=from-inspector.txt", "text=hello");
            assertThat(call).contains("wrote from-inspector.txt");
            assertThat(repo.resolve("from-inspector.txt")).hasContent("hello");
        }
    }
}
