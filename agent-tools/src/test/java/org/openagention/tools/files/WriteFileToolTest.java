// SPDX-License-Identifier: Apache-2.0
package org.openagention.tools.files;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openagention.core.tool.ToolResult;

class WriteFileToolTest {
    @TempDir
    Path dir;
    Harness h;

    @BeforeEach
    void setUp() {
        h = new Harness(dir);
    }

    @Test
    void writeCreatesFileAndParentsAndReportsSize() {
        ToolResult r = h.call("write_file", "path", "a/b/c.txt", "content", "one\ntwo\n");
        assertThat(r.isError()).isFalse();
        assertThat(r.text()).isEqualTo("Created a/b/c.txt: 8 bytes, 2 lines.");
        assertThat(h.content("a/b/c.txt")).isEqualTo("one\ntwo\n");
    }

    @Test
    void overwriteRequiresAReadFirst() {
        h.write("x.txt", "precious\n");
        ToolResult r = h.call("write_file", "path", "x.txt", "content", "gone");
        assertThat(r.isError()).isTrue();
        assertThat(r.text()).contains("Refusing to overwrite").contains("has not been read yet");
        assertThat(h.content("x.txt")).isEqualTo("precious\n");
        h.read("x.txt");
        assertThat(h.call("write_file", "path", "x.txt", "content", "new").text()).startsWith("Overwrote x.txt: 3 bytes");
        assertThat(h.content("x.txt")).isEqualTo("new");
    }

    @Test
    void overwriteRefusedWhenChangedSinceRead() {
        h.write("x.txt", "v1\n");
        h.read("x.txt");
        h.write("x.txt", "v2 by someone else\n");
        assertThat(h.call("write_file", "path", "x.txt", "content", "mine").text()).contains("changed on disk");
        assertThat(h.content("x.txt")).isEqualTo("v2 by someone else\n");
    }

    @Test
    void fileWrittenByTheAgentCanBeOverwrittenWithoutReread() {
        h.call("write_file", "path", "n.txt", "content", "first");
        assertThat(h.call("write_file", "path", "n.txt", "content", "second").isError()).isFalse();
        assertThat(h.content("n.txt")).isEqualTo("second");
    }

    @Test
    void writeIntoAFileAsDirectoryIsRefused() {
        h.write("plain", "x");
        assertThat(h.call("write_file", "path", "plain/child.txt", "content", "y").text()).contains("plain is a file");
    }
}
