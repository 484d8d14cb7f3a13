// SPDX-License-Identifier: Apache-2.0
package org.openagention.mcp.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Timeout;
import org.openagention.core.ConfigurationException;
import org.openagention.mcp.McpServerConfig;

/**
 * Fuzzes {@link ManifestParser} with arbitrary {@code .mcp.json} text, read as {@code McpManifest.read}
 * reads a file (relative {@code cwd}s resolved against its folder, {@code ${NAME}}s from the
 * environment). The contract: the enabled servers, each well formed, or a
 * {@link ConfigurationException} naming the source and what is wrong; nothing else escapes.
 *
 * <p>Seeds: {@code src/test/resources/org/openagention/mcp/internal/ManifestParserFuzzTestInputs/}.
 */
class ManifestParserFuzzTest {
    private static final Map<String, String> ENV = Map.of("HOME", "/home/dev", "API_TOKEN", "tok-123", "EMPTY", "");
    private static final Optional<Path> BASE = Optional.of(Path.of("/work/project"));

    @FuzzTest
    @Timeout(20)
    void parsesAnyManifestOrSaysWhatIsWrong(byte[] manifest) {
        String json = new String(manifest, StandardCharsets.UTF_8);
        List<McpServerConfig> servers;
        try {
            servers = ManifestParser.parse(json, ENV, BASE, ".mcp.json");
        } catch (ConfigurationException e) {
            assertThat(e.getMessage()).startsWith(".mcp.json");
            return;
        }
        for (McpServerConfig server : servers) {
            assertThat(server.name()).isNotBlank();
            if (server instanceof McpServerConfig.Stdio stdio) {
                assertThat(stdio.command()).isNotBlank();
                assertThat(stdio.args()).doesNotContainNull();
            } else if (server instanceof McpServerConfig.Http http) {
                assertThat(http.url().getScheme()).matches("(?i)https?");
            }
        }
    }
}
