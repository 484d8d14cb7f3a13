// SPDX-License-Identifier: Apache-2.0
package org.openagention.tools.files;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openagention.core.tool.ToolResult;

/** apply_patch's indentation rung (context written at the wrong depth) and its change counts. */
class ApplyPatchIndentationTest {
    private static final String JAVA = "class A {\n"
            + "    void run() {\n"
            + "        int x = 1;\n"
            + "        int y = 2;\n"
            + "    }\n"
            + "}\n";

    @TempDir
    Path dir;
    Harness h;

    @BeforeEach
    void setUp() {
        h = new Harness(dir);
        h.write("A.java", JAVA);
    }

    private ToolResult update(String file, String hunk) {
        return h.patch("*** Begin Patch\n*** Update File: " + file + "\n@@\n" + hunk + "*** End Patch");
    }

    @Test
    void contextWithoutIndentationMatchesAndAddedLinesLandAtTheFilesDepth() {
        ToolResult r = update("A.java", " void run() {\n"
                + "-    int x = 1;\n"
                + "+    int x = 10;\n"
                + "+    if (x > 5) {\n"
                + "+        log(x);\n"
                + "+    }\n"
                + "     int y = 2;\n");

        assertThat(r.isError()).as(r.text()).isFalse();
        assertThat(r.text()).contains("hunk 1 (patch line 3) matched with indentation ignored");
        assertThat(h.content("A.java")).isEqualTo("class A {\n"
                + "    void run() {\n"
                + "        int x = 10;\n"
                + "        if (x > 5) {\n"
                + "            log(x);\n"
                + "        }\n"
                + "        int y = 2;\n"
                + "    }\n"
                + "}\n");
    }

    @Test
    void contextIndentedTooDeeplyMatchesAndAddedLinesMoveLeft() {
        ToolResult r = update("A.java", " " + "            int x = 1;\n"
                + "-            int y = 2;\n"
                + "+            int y = 3;\n"
                + "+        }\n"
                + "+        void stop() {\n"
                + "         }\n");

        assertThat(r.isError()).as(r.text()).isFalse();
        assertThat(h.content("A.java")).isEqualTo("class A {\n"
                + "    void run() {\n"
                + "        int x = 1;\n"
                + "        int y = 3;\n"
                + "    }\n"
                + "    void stop() {\n"
                + "    }\n"
                + "}\n");
    }

    @Test
    void spacesInThePatchAgainstTabsInTheFileSwapTheBaseIndentation() {
        h.write("t.go", "func f() {\n\tx := 1\n}\n");
        ToolResult r = update("t.go", " " + "    x := 1\n+    if x > 0 {\n+        y()\n+    }\n");

        assertThat(r.isError()).as(r.text()).isFalse();
        assertThat(h.content("t.go")).isEqualTo("func f() {\n\tx := 1\n\tif x > 0 {\n\t    y()\n\t}\n}\n");
    }

    @Test
    void exactIndentationIsPreferredWhereBothMatch() {
        h.write("twice.py", "if a:\nx = 1\n    x = 1\n");
        ToolResult r = update("twice.py", "-    x = 1\n+    x = 2\n");

        assertThat(r.isError()).as(r.text()).isFalse();
        assertThat(r.text()).doesNotContain("indentation ignored");
        assertThat(h.content("twice.py")).isEqualTo("if a:\nx = 1\n    x = 2\n");
    }

    @Test
    void deletingOneLineBetweenTwoContextLinesCountsOneRemovedLine() {
        h.write("f.txt", "a\nb\nc\n");
        ToolResult r = update("f.txt", " a\n-b\n c\n");

        assertThat(r.isError()).as(r.text()).isFalse();
        assertThat(h.content("f.txt")).isEqualTo("a\nc\n");
        assertThat(r.text()).contains("M f.txt (+0 -1)");
    }

    @Test
    void countsAddUpOverHunksAndIgnoreContext() {
        h.write("g.txt", "1\n2\n3\n4\n5\n6\n7\n8\n");
        ToolResult r = h.patch("*** Begin Patch\n*** Update File: g.txt\n"
                + "@@\n 1\n-2\n+two\n+2b\n 3\n"
                + "@@\n 6\n+6b\n 7\n"
                + "*** End Patch");

        assertThat(r.isError()).as(r.text()).isFalse();
        assertThat(h.content("g.txt")).isEqualTo("1\ntwo\n2b\n3\n4\n5\n6\n6b\n7\n8\n");
        assertThat(r.text()).contains("M g.txt (+3 -1)");
    }
}
