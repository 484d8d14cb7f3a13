// SPDX-License-Identifier: Apache-2.0
package org.openagention.tools.files;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openagention.core.tool.ToolResult;

/** Every file tool refuses paths that leave the workspace, and writes nothing outside it. */
class PathEscapeTest {
    @TempDir
    Path base;
    Path root;
    Path outside;
    Harness h;

    @BeforeEach
    void setUp() throws IOException {
        root = Files.createDirectory(base.resolve("ws"));
        outside = Files.createDirectory(base.resolve("outside"));
        Files.writeString(outside.resolve("secret.txt"), "secret\n");
        Files.createSymbolicLink(root.resolve("escape"), outside);
        Files.createSymbolicLink(root.resolve("secret-link.txt"), outside.resolve("secret.txt"));
        Files.createDirectories(root.resolve(".git"));
        Files.writeString(root.resolve(".git/config"), "[core]\n");
        h = new Harness(root);
    }

    private List<String> attempts() {
        return List.of("../outside/secret.txt", outside.resolve("secret.txt").toString(), "escape/secret.txt",
                "secret-link.txt", "a/../../outside/secret.txt", "escape/new.txt", "../outside/new.txt",
                "sub\0file.txt");
    }

    @Test
    void readToolsRefuseEscapes() {
        for (String path : attempts()) {
            ToolResult read = h.read(path);
            assertThat(read.isError()).as(path).isTrue();
            assertThat(read.text()).as(path).doesNotContain("secret\n").containsAnyOf("outside the workspace", "NUL");
            assertThat(h.call("list_dir", "path", path.replace("secret.txt", "")).isError()).as(path).isTrue();
        }
    }

    @Test
    void writeToolsRefuseEscapesAndWriteNothingOutside() throws IOException {
        for (String path : attempts()) {
            assertThat(h.call("write_file", "path", path, "content", "pwned").isError()).as(path).isTrue();
            assertThat(h.edit(path, "secret", "pwned").isError()).as(path).isTrue();
            ToolResult add = h.patch("*** Begin Patch\n*** Add File: " + path + "\n+pwned\n*** End Patch");
            assertThat(add.isError()).as(path).isTrue();
            ToolResult update = h.patch("*** Begin Patch\n*** Update File: " + path + "\n@@\n-secret\n+pwned\n*** End Patch");
            assertThat(update.isError()).as(path).isTrue();
            ToolResult delete = h.patch("*** Begin Patch\n*** Delete File: " + path + "\n*** End Patch");
            assertThat(delete.isError()).as(path).isTrue();
        }
        h.write("inside.txt", "inside\n");
        ToolResult move = h.patch("*** Begin Patch\n*** Update File: inside.txt\n*** Move to: ../outside/moved.txt\n@@\n-inside\n+x\n*** End Patch");
        assertThat(move.text()).contains("outside the workspace");
        assertThat(h.content("inside.txt")).isEqualTo("inside\n");
        assertThat(h.call("write_file", "path", ".git/hooks/pre-commit", "content", "evil").text()).contains(".git");
        assertThat(h.patch("*** Begin Patch\n*** Delete File: .git/config\n*** End Patch").text()).contains(".git");
        assertThat(root.resolve(".git/config")).hasContent("[core]");
        try (Stream<Path> files = Files.walk(outside)) {
            assertThat(files.filter(Files::isRegularFile)).containsExactly(outside.resolve("secret.txt"));
        }
        assertThat(outside.resolve("secret.txt")).hasContent("secret");
    }

    @Test
    void patchWithOneEscapingPathChangesNothing() {
        h.write("ok.txt", "a\n");
        ToolResult r = h.patch("*** Begin Patch\n*** Update File: ok.txt\n@@\n-a\n+b\n*** Add File: ../outside/x.txt\n+x\n*** End Patch");
        assertThat(r.isError()).isTrue();
        assertThat(r.text()).contains("Add File ../outside/x.txt").contains("outside the workspace");
        assertThat(h.content("ok.txt")).isEqualTo("a\n");
        assertThat(outside.resolve("x.txt")).doesNotExist();
    }
}
