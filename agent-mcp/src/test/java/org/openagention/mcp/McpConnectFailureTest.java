// SPDX-License-Identifier: Apache-2.0
package org.openagention.mcp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.io.TempDir;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.openagention.core.ConfigurationException;

/** Servers that cannot be reached fail with messages that say which and why; no node needed. */
class McpConnectFailureTest {
    private static final McpOptions QUICK = McpOptions.builder().connectTimeout(Duration.ofSeconds(10)).build();

    @Test
    void aCommandThatDoesNotExistIsNamed() {
        assertThatThrownBy(() -> McpClient.connect(McpServerConfig.stdio("ghost", "/no/such/mcp-server"), QUICK))
                .isInstanceOf(McpConnectionException.class)
                .hasMessageContaining("ghost").hasMessageContaining("/no/such/mcp-server");
    }

    @Test
    void aServerThatExitsAtOnceIsReportedWithItsExitCodeAndStderr() {
        assertThatThrownBy(() -> McpClient.connect(McpServerConfig.stdio("crashy", "sh", "-c", "echo missing API key >&2; exit 3"), QUICK))
                .isInstanceOf(McpConnectionException.class)
                .hasMessageContaining("crashy").hasMessageContaining("exited with code 3").hasMessageContaining("missing API key");
    }

    @Test
    void anHttpEndpointNobodyListensOnIsNamed() throws Exception {
        int port;
        try (java.net.ServerSocket s = new java.net.ServerSocket(0)) {
            port = s.getLocalPort();
        }
        URI url = URI.create("http://127.0.0.1:" + port + "/mcp");
        assertThatThrownBy(() -> McpClient.connect(McpServerConfig.http("remote", url), QUICK))
                .isInstanceOf(McpConnectionException.class)
                .hasMessageContaining("remote").hasMessageContaining(url.toString());
    }

    @Test
    void serversWhoseToolPrefixesWouldCollideAreRefused() {
        assertThatThrownBy(() -> McpServers.connect(List.of(McpServerConfig.stdio("my.server", "true"),
                McpServerConfig.stdio("my_server", "true")), QUICK))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("'my.server'").hasMessageContaining("'my_server'").hasMessageContaining("my_server__");
        assertThatThrownBy(() -> McpServers.connect(List.of(McpServerConfig.stdio("a", "true"),
                McpServerConfig.stdio("a", "true")), QUICK))
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("two MCP servers are named 'a'");
    }

    @Test
    void oneUnreachableServerClosesTheOthersAndIsNamed(@TempDir Path repo) {
        List<String> ours = ServerProcess.command(repo);
        McpServerConfig fine = new McpServerConfig.Stdio("fine", ours.get(0), ours.subList(1, ours.size()), Map.of(), Optional.empty());
        Set<Long> before = ProcessHandle.current().children().map(ProcessHandle::pid).collect(Collectors.toSet());

        assertThatThrownBy(() -> McpServers.connect(List.of(fine, McpServerConfig.stdio("broken", "/no/such/binary")), QUICK))
                .isInstanceOf(McpConnectionException.class).hasMessageContaining("broken");
        assertThat(ProcessHandle.current().children().filter(h -> !before.contains(h.pid())).filter(ProcessHandle::isAlive))
                .as("the server that did start was closed again").isEmpty();
    }

    @Test
    void optionsRefuseNonPositiveTimeouts() {
        assertThatThrownBy(() -> McpOptions.builder().callTimeout(Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("callTimeout");
        assertThat(McpOptions.defaults().callTimeout()).isEqualTo(Duration.ofSeconds(60));
    }
}
