// SPDX-License-Identifier: Apache-2.0
package org.openagention.mcp;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class McpTokenStoreTest {
    @TempDir
    Path home;

    @Test
    void fileStoreKeepsEachServerInAnOwnerOnlyFile() throws Exception {
        Path dir = home.resolve("tokens");
        McpTokenStore store = McpTokenStore.files(dir);
        assertThat(store.load("https://mcp.example.com/mcp")).isEmpty();

        store.save("https://mcp.example.com/mcp", "{\"access_token\":\"a\"}");
        store.save("https://other.example.com/mcp", "{\"access_token\":\"b\"}");
        assertThat(store.load("https://mcp.example.com/mcp")).contains("{\"access_token\":\"a\"}");
        assertThat(McpTokenStore.files(dir).load("https://other.example.com/mcp")).contains("{\"access_token\":\"b\"}");

        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir))).isEqualTo("rwx------");
        try (var files = Files.list(dir)) {
            assertThat(files.toList()).hasSize(2).allSatisfy(f ->
                    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(f))).isEqualTo("rw-------"));
        }
        store.remove("https://mcp.example.com/mcp");
        assertThat(store.load("https://mcp.example.com/mcp")).isEmpty();
    }

    @Test
    void memoryStoreForgetsNothingUntilRemoved() {
        McpTokenStore store = McpTokenStore.inMemory();
        store.save("s", "{}");
        assertThat(store.load("s")).contains("{}");
        store.remove("s");
        assertThat(store.load("s")).isEmpty();
    }
}
