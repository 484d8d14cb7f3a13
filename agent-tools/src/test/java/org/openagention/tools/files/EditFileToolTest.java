// SPDX-License-Identifier: Apache-2.0
package org.openagention.tools.files;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openagention.core.tool.ToolResult;

class EditFileToolTest {
    @TempDir
    Path dir;
    Harness h;

    @BeforeEach
    void setUp() {
        h = new Harness(dir);
    }

    private void readFirst(String path, String content) {
        h.write(path, content);
        ToolResult read = h.read(path);
        assertThat(read.isError()).as(read.text()).isFalse();
    }

    @Test
    void editReplacesUniqueMatchAndShowsContext() {
        readFirst("a.txt", "one\ntwo\nthree\nfour\nfive\nsix\nseven\neight\n");
        ToolResult r = h.edit("a.txt", "five", "FIVE");
        assertThat(r.isError()).as(r.text()).isFalse();
        assertThat(h.content("a.txt")).isEqualTo("one\ntwo\nthree\nfour\nFIVE\nsix\nseven\neight\n");
        assertThat(r.text()).contains("1 replacement.").contains("     5\tFIVE").contains("     2\ttwo")
                .contains("     8\teight").doesNotContain("     1\tone");
    }

    @Test
    void editRefusesAmbiguousMatchListingEveryLine() {
        readFirst("a.txt", "x = 1\ny = 2\nx = 1\nz\nx = 1\n");
        ToolResult r = h.edit("a.txt", "x = 1", "x = 2");
        assertThat(r.isError()).isTrue();
        assertThat(r.text()).contains("matches 3 places").contains("lines 1, 3, 5").contains("replace_all");
        assertThat(h.content("a.txt")).isEqualTo("x = 1\ny = 2\nx = 1\nz\nx = 1\n");
    }

    @Test
    void editReplacesAllWhenAskedTo() {
        readFirst("a.txt", "x = 1\ny = 2\nx = 1\n");
        ToolResult r = h.call("edit_file", "path", "a.txt", "old_string", "x = 1", "new_string", "x = 9", "replace_all", true);
        assertThat(r.text()).contains("2 replacements");
        assertThat(h.content("a.txt")).isEqualTo("x = 9\ny = 2\nx = 9\n");
    }

    @Test
    void editRefusesNoOp() {
        readFirst("a.txt", "hello\n");
        ToolResult r = h.edit("a.txt", "hello", "hello");
        assertThat(r.isError()).isTrue();
        assertThat(r.text()).contains("identical");
    }

    @Test
    void editRefusesEmptyOldString() {
        readFirst("a.txt", "hello\n");
        assertThat(h.edit("a.txt", "", "x").text()).contains("old_string is empty");
    }

    @Test
    void editRefusesFileNeverRead() {
        h.write("a.txt", "hello\n");
        ToolResult r = h.edit("a.txt", "hello", "bye");
        assertThat(r.isError()).isTrue();
        assertThat(r.text()).contains("has not been read yet").contains("read_file");
        assertThat(h.content("a.txt")).isEqualTo("hello\n");
    }

    @Test
    void editRefusesFileChangedSinceRead() {
        readFirst("a.txt", "hello\n");
        h.write("a.txt", "hello there\n");
        ToolResult r = h.edit("a.txt", "hello", "bye");
        assertThat(r.isError()).isTrue();
        assertThat(r.text()).contains("changed on disk since you last read it").contains("read_file");
        assertThat(h.content("a.txt")).isEqualTo("hello there\n");
        assertThat(h.read("a.txt").isError()).isFalse();
        assertThat(h.edit("a.txt", "hello", "bye").isError()).isFalse();
    }

    @Test
    void consecutiveEditsNeedNoReread() {
        readFirst("a.txt", "a\nb\n");
        assertThat(h.edit("a.txt", "a", "A").isError()).isFalse();
        assertThat(h.edit("a.txt", "b", "B").isError()).isFalse();
        assertThat(h.content("a.txt")).isEqualTo("A\nB\n");
    }

    @Test
    void notFoundShowsNearestRealLines() {
        readFirst("Calc.java", "class Calc {\n    int add(int a, int b) {\n        return a - b;\n    }\n}\n");
        ToolResult r = h.edit("Calc.java", "int add(int x, int y) {\n        return x - y;", "fixed");
        assertThat(r.isError()).isTrue();
        assertThat(r.text()).contains("not found").contains("closest text in the file is at lines 2-3")
                .contains("     2\t    int add(int a, int b) {").contains("     3\t        return a - b;");
    }

    @Test
    void ladderRungTrailingWhitespace() {
        readFirst("a.txt", "alpha   \nbeta\t\ngamma\n");
        ToolResult r = h.edit("a.txt", "alpha\nbeta\n", "ALPHA\nBETA\n");
        assertThat(r.isError()).as(r.text()).isFalse();
        assertThat(r.text()).contains("trailing whitespace ignored");
        assertThat(h.content("a.txt")).isEqualTo("ALPHA\nBETA\ngamma\n");
    }

    @Test
    void ladderRungIndentationReindentsNewString() {
        readFirst("a.py", "def f():\n        if x:\n            return 1\n        return 2\n");
        ToolResult r = h.edit("a.py", "if x:\n    return 1", "if x:\n    log()\n    return 1");
        assertThat(r.isError()).as(r.text()).isFalse();
        assertThat(r.text()).contains("indentation ignored");
        assertThat(h.content("a.py")).isEqualTo("def f():\n        if x:\n            log()\n            return 1\n        return 2\n");
    }

    @Test
    void ladderRungUnicodePunctuation() {
        readFirst("a.md", "He said \u201Chello\u201D \u2014 twice\u2026\nnext\n");
        ToolResult r = h.edit("a.md", "He said \"hello\" - twice...", "He said \"bye\"");
        assertThat(r.isError()).as(r.text()).isFalse();
        assertThat(r.text()).contains("Unicode punctuation normalised");
        assertThat(h.content("a.md")).isEqualTo("He said \"bye\"\nnext\n");
    }

    @Test
    void ladderRungMustStillBeUnique() {
        readFirst("a.txt", "value  \nother\nvalue\t\n");
        ToolResult r = h.edit("a.txt", "value\nother\nvalue\n".substring(0, 5) + "\n", "v\n");
        assertThat(r.isError()).isTrue();
        assertThat(r.text()).contains("matches 2 places").contains("trailing whitespace ignored").contains("lines 1, 3");
    }

    @Test
    void crlfLineEndingsPreserved() {
        readFirst("w.txt", "first\r\nsecond\r\nthird\r\n");
        ToolResult r = h.edit("w.txt", "second\nthird", "2nd\nmore\nthird");
        assertThat(r.isError()).as(r.text()).isFalse();
        assertThat(h.content("w.txt")).isEqualTo("first\r\n2nd\r\nmore\r\nthird\r\n");
    }

    @Test
    void missingTrailingNewlinePreserved() {
        readFirst("n.txt", "a\nb");
        h.edit("n.txt", "b", "c");
        assertThat(h.content("n.txt")).isEqualTo("a\nc");
    }

    @Test
    void editOfMissingFileSuggestsWriteFile() {
        h.write("Main.java", "x\n");
        ToolResult r = h.edit("Mian.java", "x", "y");
        assertThat(r.isError()).isTrue();
        assertThat(r.text()).contains("File not found: Mian.java").contains("Main.java").contains("write_file");
    }

    @Test
    void editOfDirectoryRefused() {
        h.write("d/x.txt", "x\n");
        assertThat(h.edit("d", "x", "y").text()).contains("is a directory");
    }
}
