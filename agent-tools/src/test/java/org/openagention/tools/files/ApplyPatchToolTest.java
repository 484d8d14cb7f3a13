// SPDX-License-Identifier: Apache-2.0
package org.openagention.tools.files;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openagention.core.tool.ToolResult;

class ApplyPatchToolTest {
    @TempDir
    Path dir;
    Harness h;

    @BeforeEach
    void setUp() {
        h = new Harness(dir);
    }

    @Test
    void addUpdateDeleteAndMoveInOnePatch() {
        h.write("src/app.py", "import os\n\ndef greet():\n    print(\"Hi\")\n\ndef main():\n    greet()\n");
        h.write("old.txt", "bye\n");
        h.write("name.txt", "keep\nme\n");
        ToolResult r = h.patch("*** Begin Patch\n"
                + "*** Add File: docs/hello.txt\n+Hello\n+world\n"
                + "*** Update File: src/app.py\n@@ def greet():\n-    print(\"Hi\")\n+    print(\"Hello, world!\")\n"
                + "*** Delete File: old.txt\n"
                + "*** Update File: name.txt\n*** Move to: renamed/name.txt\n@@\n keep\n-me\n+you\n"
                + "*** End Patch");
        assertThat(r.isError()).as(r.text()).isFalse();
        assertThat(h.content("docs/hello.txt")).isEqualTo("Hello\nworld\n");
        assertThat(h.content("src/app.py")).isEqualTo("import os\n\ndef greet():\n    print(\"Hello, world!\")\n\ndef main():\n    greet()\n");
        assertThat(h.exists("old.txt")).isFalse();
        assertThat(h.exists("name.txt")).isFalse();
        assertThat(h.content("renamed/name.txt")).isEqualTo("keep\nyou\n");
        assertThat(r.text()).contains("A docs/hello.txt").contains("M src/app.py (+1 -1)").contains("D old.txt")
                .contains("R name.txt -> renamed/name.txt");
    }

    @Test
    void failingThirdHunkLeavesEveryFileUntouched() {
        h.write("a.txt", "a1\na2\n");
        h.write("b.txt", "b1\nb2\n");
        h.write("c.txt", "c1\nc2\n");
        ToolResult r = h.patch("*** Begin Patch\n"
                + "*** Update File: a.txt\n@@\n-a1\n+A1\n"
                + "*** Update File: b.txt\n@@\n-b1\n+B1\n"
                + "*** Update File: c.txt\n@@\n-no such line\n+C1\n"
                + "*** Add File: d.txt\n+new\n"
                + "*** End Patch");
        assertThat(r.isError()).isTrue();
        assertThat(r.text()).contains("no file was changed").contains("Update File c.txt").contains("hunk 1")
                .contains("  | no such line");
        assertThat(h.content("a.txt")).isEqualTo("a1\na2\n");
        assertThat(h.content("b.txt")).isEqualTo("b1\nb2\n");
        assertThat(h.exists("d.txt")).isFalse();
    }

    @Test
    void errorNamesFileHunkAndShowsNearestLines() {
        h.write("m.py", "def f():\n    return compute(a, b)\n\ndef g():\n    pass\n");
        ToolResult r = h.patch("*** Begin Patch\n*** Update File: m.py\n@@\n def f():\n-    return compute(a, c)\n+    return 0\n*** End Patch");
        assertThat(r.text()).contains("Update File m.py (patch line 2), hunk 1 (patch line 3)")
                .contains("  |     return compute(a, c)").contains("closest text in the file is at lines 1-2")
                .contains("     2\t    return compute(a, b)");
    }

    @Test
    void anchorNotFoundIsReported() {
        h.write("m.py", "def f():\n    pass\n");
        ToolResult r = h.patch("*** Begin Patch\n*** Update File: m.py\n@@ def missing():\n-    pass\n+    return 1\n*** End Patch");
        assertThat(r.text()).contains("@@ context line 'def missing():' was not found");
        assertThat(h.content("m.py")).isEqualTo("def f():\n    pass\n");
    }

    @Test
    void anchorsPickTheRightOccurrence() {
        h.write("k.py", "class A:\n    def run(self):\n        return 1\nclass B:\n    def run(self):\n        return 1\n");
        ToolResult r = h.patch("*** Begin Patch\n*** Update File: k.py\n@@ class B:\n@@     def run(self):\n-        return 1\n+        return 2\n*** End Patch");
        assertThat(r.isError()).as(r.text()).isFalse();
        assertThat(h.content("k.py")).endsWith("class B:\n    def run(self):\n        return 2\n").startsWith("class A:\n    def run(self):\n        return 1\n");
    }

    @Test
    void contextMatchesWithTrailingWhitespaceIgnored() {
        h.write("t.txt", "alpha   \nbeta\n");
        ToolResult r = h.patch("*** Begin Patch\n*** Update File: t.txt\n@@\n alpha\n-beta\n+gamma\n*** End Patch");
        assertThat(r.isError()).as(r.text()).isFalse();
        assertThat(r.text()).contains("trailing whitespace ignored");
        assertThat(h.content("t.txt")).isEqualTo("alpha   \ngamma\n");
    }

    @Test
    void contextMatchesWithUnicodePunctuationNormalised() {
        h.write("q.txt", "say \u201Chi\u201D\nend\n");
        ToolResult r = h.patch("*** Begin Patch\n*** Update File: q.txt\n@@\n-say \"hi\"\n+say \"hello\"\n*** End Patch");
        assertThat(r.isError()).as(r.text()).isFalse();
        assertThat(r.text()).contains("Unicode punctuation normalised");
        assertThat(h.content("q.txt")).isEqualTo("say \"hello\"\nend\n");
    }

    @Test
    void endOfFileMarkerMatchesTheLastLines() {
        h.write("e.txt", "x\ny\nx\n");
        ToolResult r = h.patch("*** Begin Patch\n*** Update File: e.txt\n@@\n-x\n+z\n*** End of File\n*** End Patch");
        assertThat(r.isError()).as(r.text()).isFalse();
        assertThat(h.content("e.txt")).isEqualTo("x\ny\nz\n");
    }

    @Test
    void crlfAndMissingFinalNewlinePreserved() {
        h.write("w.txt", "one\r\ntwo\r\nthree");
        ToolResult r = h.patch("*** Begin Patch\n*** Update File: w.txt\n@@\n one\n-two\n+2\n+2b\n*** End Patch");
        assertThat(r.isError()).as(r.text()).isFalse();
        assertThat(h.content("w.txt")).isEqualTo("one\r\n2\r\n2b\r\nthree");
    }

    @Test
    void pureAdditionAfterAnchorInsertsThere() {
        h.write("p.txt", "a\nb\nc\n");
        ToolResult r = h.patch("*** Begin Patch\n*** Update File: p.txt\n@@ a\n+inserted\n*** End Patch");
        assertThat(r.isError()).as(r.text()).isFalse();
        assertThat(h.content("p.txt")).isEqualTo("a\ninserted\nb\nc\n");
    }

    @Test
    void addRefusesExistingFileAndMoveRefusesExistingDestination() {
        h.write("x.txt", "x\n");
        h.write("y.txt", "y\n");
        assertThat(h.patch("*** Begin Patch\n*** Add File: x.txt\n+new\n*** End Patch").text())
                .contains("already exists");
        assertThat(h.patch("*** Begin Patch\n*** Update File: x.txt\n*** Move to: y.txt\n@@\n-x\n+z\n*** End Patch").text())
                .contains("cannot move to y.txt");
        assertThat(h.content("x.txt")).isEqualTo("x\n");
        assertThat(h.content("y.txt")).isEqualTo("y\n");
    }

    @Test
    void deleteOfMissingFileFails() {
        ToolResult r = h.patch("*** Begin Patch\n*** Delete File: ghost.txt\n*** End Patch");
        assertThat(r.isError()).isTrue();
        assertThat(r.text()).contains("Delete File ghost.txt").contains("does not exist");
    }

    @Test
    void updateOfMissingFileSuggestsAdd() {
        assertThat(h.patch("*** Begin Patch\n*** Update File: ghost.txt\n@@\n-a\n+b\n*** End Patch").text())
                .contains("does not exist").contains("Add File");
    }

    @Test
    void laterOperationsSeeEarlierOnes() {
        ToolResult r = h.patch("*** Begin Patch\n*** Add File: n.txt\n+one\n*** Update File: n.txt\n@@\n-one\n+two\n*** End Patch");
        assertThat(r.isError()).as(r.text()).isFalse();
        assertThat(h.content("n.txt")).isEqualTo("two\n");
    }

    @Test
    void formatErrorsAreExplained() {
        assertThat(h.patch("*** Update File: a\n@@\n-a\n+b\n*** End Patch").text())
                .contains("malformed").contains("first line of the patch must be '*** Begin Patch'");
        assertThat(h.patch("*** Begin Patch\n*** Add File: a\n+x").text())
                .contains("last line of the patch must be '*** End Patch'");
        assertThat(h.patch("*** Begin Patch\n*** End Patch").text()).contains("no file operations");
        assertThat(h.patch("*** Begin Patch\n*** Frobnicate File: a\n*** End Patch").text())
                .contains("Line 2").contains("is not a file operation");
        assertThat(h.patch("*** Begin Patch\n*** Update File: a.txt\n*** End Patch").text()).contains("has no hunks");
        assertThat(h.patch("*** Begin Patch\n*** Update File: a.txt\n@@\nbogus line\n*** End Patch").text())
                .contains("Line 4").contains("unexpected line in hunk 1");
        assertThat(h.patch("*** Begin Patch\n*** Add File: \n+x\n*** End Patch").text()).contains("has no path");
        assertThat(h.patch("*** Begin Patch\n-orphan\n*** End Patch").text()).contains("is a header missing");
        assertThat(h.exists("a")).isFalse();
    }

    @Test
    void heredocWrapperIsTolerated() {
        ToolResult r = h.patch("<<'EOF'\n*** Begin Patch\n*** Add File: hd.txt\n+ok\n*** End Patch\nEOF\n");
        assertThat(r.isError()).as(r.text()).isFalse();
        assertThat(h.content("hd.txt")).isEqualTo("ok\n");
    }

    @Test
    void patchWritesUpdateTheReadLedger() {
        h.write("l.txt", "a\n");
        h.read("l.txt");
        assertThat(h.patch("*** Begin Patch\n*** Update File: l.txt\n@@\n-a\n+b\n*** End Patch").isError()).isFalse();
        assertThat(h.edit("l.txt", "b", "c").isError()).isFalse();
        assertThat(h.content("l.txt")).isEqualTo("c\n");
    }
}
