// SPDX-License-Identifier: Apache-2.0
package org.openagention.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeFalse;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.openagention.core.tool.Tool;
import org.openagention.core.tool.ToolResult;
import org.openagention.mcp.McpClient;
import org.openagention.mcp.McpServerConfig;
import org.openagention.tools.shell.Sandbox;

/**
 * {@code openagention mcp-server} as a real process over loopback HTTP, standard input at its end
 * (as under nohup): safe by default, shell only when asked for and then sandboxed, or refused.
 */
@Timeout(value = 180, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class McpServerCommandTest {
    @TempDir
    Path base;
    Path repo;
    Path outside;
    private Process server;

    @BeforeEach
    void layout() throws IOException {
        repo = Files.createDirectory(base.resolve("repo"));
        outside = Files.createDirectory(base.resolve("outside"));
        Files.writeString(repo.resolve("README.md"), "hello\n");
    }

    @AfterEach
    void stop() throws InterruptedException {
        if (server != null) {
            server.destroy();
            server.waitFor(30, TimeUnit.SECONDS);
            server.destroyForcibly();
        }
    }

    /** Starts the CLI's mcp-server on HTTP port 0 with stdin from /dev/null and returns its endpoint. */
    private URI startHttp(String... options) throws Exception {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), OpenAgentionCli.class.getName(),
                "mcp-server", "--repo", repo.toString(), "--http", "0"));
        command.addAll(List.of(options));
        server = new ProcessBuilder(command).redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        List<String> err = new CopyOnWriteArrayList<>();
        CompletableFuture<URI> endpoint = new CompletableFuture<>();
        Thread reader = new Thread(() -> {
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
                endpoint.completeExceptionally(new AssertionError("mcp-server printed no endpoint; stderr: " + err));
            }
        });
        reader.setDaemon(true);
        reader.start();
        return endpoint.get(90, TimeUnit.SECONDS);
    }

    private static List<String> toolNames(McpClient client) {
        return client.tools().stream().map(Tool::name).toList();
    }

    @Test
    void shellIsNotServedByDefault() throws Exception {
        try (McpClient client = McpClient.connect(McpServerConfig.http("repo", startHttp()))) {
            assertThat(toolNames(client)).contains("repo__read_file", "repo__write_file", "repo__apply_patch", "repo__grep")
                    .doesNotContain("repo__shell");
            assertThat(client.call("read_file", "{\"path\":\"README.md\"}").text()).contains("hello");
            assertThat(client.call("shell", "{\"command\":\"echo x > ../outside/f\"}").isError()).isTrue();
        }
        assertThat(outside.resolve("f")).doesNotExist();
        assertThat(server.isAlive()).as("still serving with stdin at its end").isTrue();
    }

    @Test
    void anUnsandboxedShellIsServedOnlyWhenBothOptionsSaySo() throws Exception {
        try (McpClient client = McpClient.connect(McpServerConfig.http("repo",
                startHttp("--allow-shell", "--unsandboxed-shell")))) {
            assertThat(toolNames(client)).contains("repo__shell");
            ToolResult r = client.call("shell", "{\"command\":\"echo served\"}");
            assertThat(r.isError()).as(r.text()).isFalse();
            assertThat(r.text()).contains("served");
        }
    }

    @Test
    void allowShellRefusesToStartWhereBubblewrapCannotRun() throws Exception {
        Sandbox sandbox = Sandbox.bubblewrap();
        assumeFalse(sandbox.isAvailable(), "bubblewrap runs here: the sandboxed shell is tested instead");

        Cli.Outcome o = Cli.child(repo, Map.of(), "mcp-server", "--repo", repo.toString(), "--allow-shell");

        assertThat(o.exitCode()).isEqualTo(2);
        assertThat(o.out()).isEmpty();
        assertThat(o.err().strip()).startsWith("openagention: --allow-shell serves shell inside the bubblewrap sandbox,"
                + " which cannot run here: " + sandbox.unavailableReason().orElseThrow())
                .contains("--unsandboxed-shell").doesNotContain("\n").doesNotContain("Exception");
    }

    @Test
    void allowShellServesASandboxedShellThatCanWriteOnlyTheRepository() throws Exception {
        Sandbox sandbox = Sandbox.bubblewrap();
        assumeTrue(sandbox.isAvailable(), () -> "bubblewrap cannot run here, sandboxed mcp-server test skipped: "
                + sandbox.unavailableReason().orElse(""));

        try (McpClient client = McpClient.connect(McpServerConfig.http("repo", startHttp("--allow-shell")))) {
            assertThat(client.call("shell", "{\"command\":\"echo x > ../outside/f\"}").isError()).isTrue();
            assertThat(client.call("shell", "{\"command\":\"echo inside > made.txt\"}").isError()).isFalse();
        }
        assertThat(outside.resolve("f")).doesNotExist();
        assertThat(repo.resolve("made.txt")).hasContent("inside");
    }

    @Test
    void contradictoryShellOptionsAreRefused() {
        Cli.Outcome alone = Cli.inProcess(Map.of(), "mcp-server", "--repo", repo.toString(), "--unsandboxed-shell");
        assertThat(alone.exitCode()).isEqualTo(2);
        assertThat(alone.err()).contains("--unsandboxed-shell needs --allow-shell");

        Cli.Outcome readOnly = Cli.inProcess(Map.of(), "mcp-server", "--repo", repo.toString(), "--allow-shell",
                "--read-only");
        assertThat(readOnly.exitCode()).isEqualTo(2);
        assertThat(readOnly.err()).contains("contradict");
    }
}
