// SPDX-License-Identifier: Apache-2.0
package org.openagention.mcp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openagention.core.ConfigurationException;

class McpManifestTest {
    private static final Map<String, String> ENV = Map.of("TOKEN", "s3cret", "HOME", "/home/me", "EMPTY", "");

    @Test
    void readsStdioAndHttpServersWithEnvironmentExpansion() {
        McpManifest manifest = McpManifest.parse("""
                {"mcpServers": {
                  "everything": {"command": "npx", "args": ["-y", "@modelcontextprotocol/server-everything", "${HOME}/x"],
                                 "env": {"LEVEL": "${LOG_LEVEL:-info}", "KEY": "${TOKEN}"}},
                  "docs": {"type": "http", "url": "http://127.0.0.1:${PORT:-3001}/mcp",
                           "headers": {"Authorization": "Bearer ${TOKEN}"}},
                  "off": {"command": "nothing", "disabled": true}
                }}""", ENV);

        assertThat(manifest.servers()).extracting(McpServerConfig::name).containsExactly("everything", "docs");
        assertThat(manifest.server("everything")).contains(new McpServerConfig.Stdio("everything", "npx",
                List.of("-y", "@modelcontextprotocol/server-everything", "/home/me/x"),
                Map.of("LEVEL", "info", "KEY", "s3cret"), Optional.empty()));
        assertThat(manifest.server("docs")).contains(new McpServerConfig.Http("docs",
                URI.create("http://127.0.0.1:3001/mcp"), Map.of("Authorization", "Bearer s3cret")));
        assertThat(manifest.server("off")).isEmpty();
    }

    @Test
    void relativeWorkingDirectoriesResolveAgainstTheManifestFile(@TempDir Path dir) throws Exception {
        Path file = dir.resolve(".mcp.json");
        Files.writeString(file, "{\"mcpServers\": {\"local\": {\"command\": \"node\", \"cwd\": \"tools\"}}}");
        McpServerConfig.Stdio local = (McpServerConfig.Stdio) McpManifest.read(file, Map.of()).servers().get(0);
        assertThat(local.workingDirectory()).contains(dir.toAbsolutePath().resolve("tools"));
    }

    @Test
    void anEmptyServerListIsValid() {
        assertThat(McpManifest.parse("{\"mcpServers\": {}}", Map.of()).servers()).isEmpty();
    }

    @Test
    void unsetVariableWithoutDefaultNamesServerFieldAndVariable() {
        assertThatThrownBy(() -> McpManifest.parse("{\"mcpServers\": {\"gh\": {\"url\": \"https://x/mcp\","
                + " \"headers\": {\"Authorization\": \"Bearer ${GITHUB_TOKEN}\"}}}}", ENV))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("server 'gh'").hasMessageContaining("headers.Authorization")
                .hasMessageContaining("GITHUB_TOKEN is not set");
    }

    @Test
    void badEntriesAreRefusedWithTheServerAndFieldNamed() {
        assertBad("{\"mcpServers\": {\"a\": {}}}", "server 'a'", "needs \"command\"");
        assertBad("{\"mcpServers\": {\"a\": {\"command\": \"x\", \"url\": \"http://h/mcp\"}}}", "server 'a'", "both");
        assertBad("{\"mcpServers\": {\"a\": {\"command\": \"x\", \"args\": \"-y\"}}}", "field 'args'", "array");
        assertBad("{\"mcpServers\": {\"a\": {\"command\": \"x\", \"args\": [\"ok\", {}]}}}", "field 'args[1]'", "string");
        assertBad("{\"mcpServers\": {\"a\": {\"command\": \"x\", \"env\": [\"A=1\"]}}}", "field 'env'", "object");
        assertBad("{\"mcpServers\": {\"a\": {\"command\": 42}}}", "field 'command'", "string");
        assertBad("{\"mcpServers\": {\"a\": {\"url\": \"ftp://h/x\"}}}", "field 'url'", "http");
        assertBad("{\"mcpServers\": {\"a\": {\"url\": \"http://h/mcp\", \"type\": \"sse\"}}}", "field 'type'", "not supported");
        assertBad("{\"mcpServers\": {\"a\": {\"command\": \"x\", \"type\": \"carrier-pigeon\"}}}", "field 'type'", "carrier-pigeon");
        assertBad("{\"mcpServers\": {\"a\": {\"command\": \"x\", \"disabled\": \"no\"}}}", "field 'disabled'", "true or false");
        assertBad("{\"mcpServers\": {\"a\": \"npx\"}}", "server 'a'", "JSON object");
        assertBad("{\"mcpServers\": {\"a\": {\"command\": \"${EMPTY}\"}}}", "field 'command'", "empty");
    }

    @Test
    void documentsThatAreNotManifestsAreRefused() {
        assertBad("not json", "not valid JSON", "line 1");
        assertBad("[]", "JSON object", "mcpServers");
        assertBad("{\"servers\": {}}", "no \"mcpServers\" object", "");
        assertBad("{\"mcpServers\": []}", "no \"mcpServers\" object", "array");
    }

    @Test
    void unreadableFilesAreReportedWithTheirPath(@TempDir Path dir) {
        Path missing = dir.resolve("absent.json");
        assertThatThrownBy(() -> McpManifest.read(missing, Map.of()))
                .isInstanceOf(ConfigurationException.class).hasMessageContaining(missing.toString());
    }

    private static void assertBad(String json, String... fragments) {
        assertThatThrownBy(() -> McpManifest.parse(json, ENV)).isInstanceOf(ConfigurationException.class)
                .satisfies(e -> assertThat(e.getMessage()).contains(fragments));
    }
}
