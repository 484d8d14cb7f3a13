// SPDX-License-Identifier: Apache-2.0
package org.openagention.tools.shell;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openagention.core.tool.Tool;
import org.openagention.core.tool.ToolResult;
import org.openagention.tools.Workspace;
import org.openagention.tools.process.ProcessTree;

class SandboxedShellTest {
    @TempDir
    Path parent;

    Path workspace;
    Path outside;

    @BeforeEach
    void dirs() throws IOException {
        workspace = Files.createDirectory(parent.resolve("ws")).toRealPath();
        outside = Files.createDirectory(parent.resolve("outside")).toRealPath();
    }

    private Tool sandboxed() {
        Sandbox sandbox = Sandbox.bubblewrap();
        assumeTrue(sandbox.isAvailable(), () -> "bubblewrap cannot run here, sandbox tests skipped: "
                + sandbox.unavailableReason().orElse(""));
        return ShellTool.create(Workspace.local(workspace), ShellOptions.defaults().sandboxed(true));
    }

    private Tool unsandboxed() {
        return ShellTool.create(Workspace.local(workspace), ShellOptions.defaults());
    }

    @Test
    void networkIsUnreachableInsideTheSandbox() throws Exception {
        Tool sandboxed = sandboxed();
        try (ServerSocket server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            String connect = "exec 3<>/dev/tcp/127.0.0.1/" + server.getLocalPort() + " && echo connected";
            // Control: outside the sandbox the same command connects, so the test can tell.
            assertThat(ShellToolTest.call(unsandboxed(), connect).text()).contains("connected");
            server.setSoTimeout(2_000);
            try (Socket accepted = server.accept()) {
                assertThat(accepted.isConnected()).isTrue();
            }

            ToolResult result = ShellToolTest.call(sandboxed, connect);
            assertThat(result.isError()).isTrue();
            assertThat(result.text()).doesNotContain("connected\n");
            server.setSoTimeout(200);
            assertThatThrownBy(server::accept).isInstanceOf(SocketTimeoutException.class);
        }
    }

    @Test
    void curlCannotReachTheNetworkInsideTheSandbox() throws Exception {
        Tool sandboxed = sandboxed();
        assumeTrue(Sandbox.onPath("curl").isPresent(), "curl is not installed");
        try (ServerSocket server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            ToolResult result = ShellToolTest.call(sandboxed,
                    "curl -sS --max-time 5 http://127.0.0.1:" + server.getLocalPort() + "/");
            assertThat(result.isError()).isTrue();
            assertThat(result.text()).containsAnyOf("Couldn't connect", "Failed to connect", "Network is unreachable");
        }
    }

    @Test
    void writesOutsideTheWorkspaceFailAndInsideSucceed() throws Exception {
        Tool sandboxed = sandboxed();
        ToolResult outsideWrite = ShellToolTest.call(sandboxed, "echo leaked > " + outside.resolve("leak.txt"));
        assertThat(outsideWrite.isError()).isTrue();
        assertThat(outside.resolve("leak.txt")).doesNotExist();

        ToolResult homeWrite = ShellToolTest.call(sandboxed, "touch /usr/openagention-sandbox-probe");
        assertThat(homeWrite.isError()).isTrue();
        assertThat(homeWrite.text()).contains("Read-only file system");
        assertThat(Path.of("/usr/openagention-sandbox-probe")).doesNotExist();

        ToolResult insideWrite = ShellToolTest.call(sandboxed, "mkdir -p sub && echo kept > sub/inside.txt && cat sub/inside.txt");
        assertThat(insideWrite.isError()).isFalse();
        assertThat(Files.readString(workspace.resolve("sub/inside.txt"))).isEqualTo("kept\n");
    }

    @Test
    void sandboxHasItsOwnTmp() throws Exception {
        Tool sandboxed = sandboxed();
        String name = "openagention-private-" + System.nanoTime();
        ToolResult result = ShellToolTest.call(sandboxed, "echo x > /tmp/" + name + " && ls /tmp");
        assertThat(result.isError()).isFalse();
        assertThat(result.text()).contains(name);
        assertThat(Path.of("/tmp", name)).doesNotExist();
    }

    @Test
    void sandboxedTimeoutLeavesNoProcessBehind() throws Exception {
        Tool sandboxed = sandboxed();
        ToolResult result = ShellToolTest.call(sandboxed, "sleep 300 & sleep 300", 1, org.openagention.core.tool.ToolContext.standalone());
        assertThat(result.text()).contains("timed out");
        // Processes inside a pid namespace report other pids; look for survivors from outside.
        assertThat(ProcessHandle.allProcesses()
                .filter(h -> h.info().commandLine().orElse("").contains(workspace.toString()))
                .filter(h -> !ProcessTree.isGone(h))).isEmpty();
    }

    @Test
    void missingBubblewrapRefusesToStartAndSaysWhy() {
        Sandbox missing = Sandbox.probe(parent.resolve("no-such-bwrap"));
        assertThat(missing.isAvailable()).isFalse();
        assertThat(missing.unavailableReason()).get().asString().contains("no-such-bwrap");
        assertThatThrownBy(() -> ShellTool.create(Workspace.local(workspace), ShellOptions.defaults().sandboxed(true), missing))
                .isInstanceOf(SandboxUnavailableException.class)
                .hasMessageContaining("sandboxed shell refused")
                .hasMessageContaining("never run unsandboxed");
    }

    @Test
    void bubblewrapThatCannotRunIsDetectedByItsTrialRun() throws Exception {
        Path fake = parent.resolve("bwrap");
        Files.writeString(fake, "#!/bin/sh\necho 'bwrap: No permissions to creating new namespace' >&2\nexit 1\n");
        assertThat(fake.toFile().setExecutable(true)).isTrue();
        Sandbox broken = Sandbox.probe(fake);
        assertThat(broken.isAvailable()).isFalse();
        assertThat(broken.unavailableReason()).get().asString()
                .contains("cannot create a sandbox here").contains("No permissions to creating new namespace");
    }
}
