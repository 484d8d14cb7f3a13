// SPDX-License-Identifier: Apache-2.0
package org.openagention.tools.files;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openagention.core.tool.ToolResult;

class ReadFileToolTest {
    @TempDir
    Path dir;
    Harness h;

    @BeforeEach
    void setUp() {
        h = new Harness(dir);
    }

    private static String numberedLines(int count) {
        StringBuilder b = new StringBuilder();
        for (int i = 1; i <= count; i++) {
            b.append("line ").append(i).append('\n');
        }
        return b.toString();
    }

    @Test
    void readShowsLineNumbers() {
        h.write("a.txt", "alpha\nbeta\r\n");
        assertThat(h.read("a.txt").text()).isEqualTo("     1\talpha\n     2\tbeta\r\n");
        h.write("b.txt", "alpha\r\nbeta\r\n");
        assertThat(h.read("b.txt").text()).isEqualTo("     1\talpha\n     2\tbeta\n");
    }

    @Test
    void offsetAndLimitSelectARangeAndSayHowToContinue() {
        h.write("a.txt", numberedLines(50));
        ToolResult r = h.call("read_file", "path", "a.txt", "offset", 10, "limit", 5);
        assertThat(r.text()).startsWith("    10\tline 10\n").contains("    14\tline 14\n").doesNotContain("line 15\n")
                .contains("Showing lines 10-14 of 50").contains("offset=15");
    }

    @Test
    void lineCapStopsAtMaximumWithNote() {
        h.write("big.txt", numberedLines(ReadFileTool.MAX_LINES + 500));
        ToolResult r = h.read("big.txt");
        assertThat(r.text()).contains("  2000\tline 2000\n").doesNotContain("line 2001\n")
                .contains("Showing lines 1-2000 of 2500").contains("offset=2001");
        ToolResult tail = h.call("read_file", "path", "big.txt", "offset", 2001);
        assertThat(tail.text()).contains("  2500\tline 2500").doesNotContain("Showing");
    }

    @Test
    void longLinesAreCutWithMarker() {
        h.write("long.txt", "x".repeat(5000) + "\nshort\n");
        String text = h.read("long.txt").text();
        assertThat(text).contains("x".repeat(ReadFileTool.MAX_LINE_CHARS) + " ... [line cut at 2000 characters]")
                .doesNotContain("x".repeat(ReadFileTool.MAX_LINE_CHARS + 1)).contains("     2\tshort");
    }

    @Test
    void offsetPastEndIsAnError() {
        h.write("a.txt", "one\ntwo\n");
        ToolResult r = h.call("read_file", "path", "a.txt", "offset", 9);
        assertThat(r.isError()).isTrue();
        assertThat(r.text()).contains("offset 9 is past the end").contains("2 lines");
        assertThat(h.call("read_file", "path", "a.txt", "offset", 0).text()).contains("offset must be 1 or more");
    }

    @Test
    void binaryFileIsDescribedNotDumped() throws IOException {
        byte[] png = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n', 0, 0, 0, 13, 'I', 'H', 'D', 'R'};
        Files.write(dir.resolve("logo.png"), png);
        ToolResult r = h.read("logo.png");
        assertThat(r.isError()).isFalse();
        assertThat(r.text()).isEqualTo("logo.png is a binary file (PNG image, 16 bytes); its contents are not shown.");
    }

    @Test
    void invalidUtf8WithoutNulIsBinary() throws IOException {
        Files.write(dir.resolve("latin1.dat"), "caf\u00e9 cr\u00e8me".getBytes(StandardCharsets.ISO_8859_1));
        assertThat(h.read("latin1.dat").text()).contains("is a binary file (binary data");
    }

    @Test
    void utf8MultibyteTextIsText() {
        h.write("u.txt", "h\u00e9llo \u2014 \u4e16\u754c \uD83D\uDE00\n");
        assertThat(h.read("u.txt").text()).isEqualTo("     1\th\u00e9llo \u2014 \u4e16\u754c \uD83D\uDE00\n");
    }

    @Test
    void hugeFileIsDescribedAndReadableByRange() throws IOException {
        Path huge = dir.resolve("huge.log");
        byte[] line = "0123456789012345678901234567890123456789012345678901234567890123456789\n".getBytes(StandardCharsets.UTF_8);
        long lines = ReadFileTool.HUGE_BYTES / line.length + 10;
        try (OutputStream out = Files.newOutputStream(huge)) {
            for (long i = 0; i < lines; i++) {
                out.write(line);
            }
        }
        ToolResult whole = h.read("huge.log");
        assertThat(whole.isError()).isFalse();
        assertThat(whole.text()).contains("huge.log is a large text file (4.0 MB").contains("offset and limit")
                .doesNotContain("0123456789");
        ToolResult range = h.call("read_file", "path", "huge.log", "offset", 100, "limit", 2);
        assertThat(range.text()).startsWith("   100\t0123").contains("   101\t").doesNotContain("   102\t")
                .contains("of " + lines);
    }

    @Test
    void directoryIsRefusedWithHint() {
        h.write("src/x.txt", "x");
        ToolResult r = h.read("src");
        assertThat(r.isError()).isTrue();
        assertThat(r.text()).contains("is a directory").contains("list_dir");
    }

    @Test
    void missingFileSuggestsSimilarNames() {
        h.write("README.md", "x");
        ToolResult r = h.read("READMY.md");
        assertThat(r.isError()).isTrue();
        assertThat(r.text()).contains("File not found: READMY.md").contains("README.md");
    }

    @Test
    void emptyFileSaysSo() {
        h.write("e.txt", "");
        assertThat(h.read("e.txt").text()).isEqualTo("(e.txt is empty)");
    }
}
