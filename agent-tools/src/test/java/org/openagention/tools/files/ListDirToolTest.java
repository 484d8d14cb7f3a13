// SPDX-License-Identifier: Apache-2.0
package org.openagention.tools.files;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openagention.core.tool.ToolResult;

class ListDirToolTest {
    @TempDir
    Path dir;
    Harness h;

    @BeforeEach
    void setUp() {
        h = new Harness(dir);
    }

    @Test
    void listsDirectoriesFirstWithSizesAndHidesGit() {
        h.write("b.txt", "12345");
        h.write("a.txt", "x".repeat(2048));
        h.write("src/Main.java", "class Main {}");
        h.write(".git/config", "[core]");
        String text = h.call("list_dir").text();
        assertThat(text).isEqualTo("src/  (1 entry)\na.txt  2.0 KB\nb.txt  5 bytes\n");
    }

    @Test
    void depthShowsNestedEntriesIndented() {
        h.write("src/main/App.java", "x");
        h.write("src/README", "r");
        String text = h.call("list_dir", "depth", 3).text();
        assertThat(text).isEqualTo("src/\n  main/\n    App.java  1 byte\n  README  1 byte\n");
    }

    @Test
    void depthIsBounded() {
        assertThat(h.call("list_dir", "depth", 9).text()).contains("depth must be between 1 and 5");
    }

    @Test
    void entryCapAddsNote() throws IOException {
        for (int i = 0; i < ListDirTool.MAX_ENTRIES + 20; i++) {
            Files.writeString(dir.resolve(String.format("f%04d.txt", i)), "");
        }
        ToolResult r = h.call("list_dir", "path", ".");
        assertThat(r.text()).contains("f0499.txt").doesNotContain("f0500.txt").contains("Listing stopped at 500 entries");
    }

    @Test
    void symlinksShownWithTargetAndNotFollowed() throws IOException {
        h.write("real/inner.txt", "x");
        Files.createSymbolicLink(dir.resolve("link"), dir.resolve("real"));
        String text = h.call("list_dir", "depth", 2).text();
        assertThat(text).contains("link -> real (absolute link)").doesNotContain("  link/")
                .doesNotContain(dir.toRealPath().toString());
    }

    @Test
    void linkToAnAbsolutePathOutsideIsShownWithoutThePath(@TempDir Path elsewhere) throws IOException {
        Files.createSymbolicLink(dir.resolve("away"), elsewhere);
        Files.createSymbolicLink(dir.resolve("relative"), Path.of("../somewhere"));
        String text = h.call("list_dir").text();
        assertThat(text).contains("away -> (a place outside the workspace)").contains("relative -> ../somewhere")
                .doesNotContain(elsewhere.toString());
    }

    @Test
    void fileAndMissingDirectoryAreErrors() {
        h.write("f.txt", "x");
        assertThat(h.call("list_dir", "path", "f.txt").text()).contains("is a file").contains("read_file");
        assertThat(h.call("list_dir", "path", "nope").text()).contains("Directory not found: nope");
    }
}
