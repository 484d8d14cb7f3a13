// SPDX-License-Identifier: Apache-2.0
package org.openagention.mcp.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openagention.mcp.McpResource;
import org.openagention.mcp.McpResourceContents;

class WorkspaceResourcesTest {
    @TempDir
    Path root;

    @TempDir
    Path outside;

    @Test
    void filesAreListedAndReadableThroughTheTemplateButNothingOutsideTheRoot() throws Exception {
        Files.createDirectories(root.resolve("src/main"));
        Files.writeString(root.resolve("src/main/App.java"), "class App {}");
        Files.write(root.resolve("logo.bin"), new byte[] {0, (byte) 0xff, 1});
        Files.createDirectories(root.resolve(".git"));
        Files.writeString(root.resolve(".git/config"), "[core]");
        Files.writeString(outside.resolve("secret.txt"), "secret");
        Files.createSymbolicLink(root.resolve("escape.txt"), outside.resolve("secret.txt"));
        Path real = root.toRealPath();

        List<McpResource> resources = WorkspaceResources.of(root);
        assertThat(resources).filteredOn(r -> !r.isTemplate()).extracting(McpResource::name)
                .contains("src/main/App.java", "logo.bin").doesNotContain(".git/config");
        McpResource template = resources.stream().filter(McpResource::isTemplate).findFirst().orElseThrow();
        assertThat(new UriTemplates().create(template.uri()).matches(real.toUri() + "src/main/App.java")).isTrue();

        McpResourceContents text = template.reader().read(real.toUri() + "src/main/App.java").get(0);
        assertThat(text.text()).contains("class App {}");
        McpResourceContents binary = template.reader().read(real.toUri() + "logo.bin").get(0);
        assertThat(binary.base64()).contains("AP8B");

        assertThatThrownBy(() -> template.reader().read(real.toUri() + "../" + outside.getFileName() + "/secret.txt"))
                .isInstanceOf(IOException.class).hasMessageContaining("no such file in the workspace");
        assertThatThrownBy(() -> template.reader().read(real.toUri() + "escape.txt"))
                .isInstanceOf(IOException.class).hasMessageContaining("out of the workspace");
        assertThat(template.completer().complete("path", "src/")).containsExactly("src/main/App.java");
    }
}
