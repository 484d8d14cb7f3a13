// SPDX-License-Identifier: Apache-2.0
package org.openagention.tools.files;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PatchEngineTest {
    @TempDir
    Path dir;

    static final String CALC = "function sub(a, b) {\n  return a + b;\n}\n\nfunction mul(a, b) {\n  return a * b;\n}\n";
    static final String CALC_DIFF = "--- a/calc.js\n+++ b/calc.js\n@@ -1,3 +1,3 @@\n function sub(a, b) {\n-  return a + b;\n+  return a - b;\n }\n";

    @Test
    void parsesHeadersAndHunks() {
        List<FileDiff> files = PatchEngine.parse("diff --git a/calc.js b/calc.js\nindex 1..2 100644\n" + CALC_DIFF);
        assertThat(files).hasSize(1);
        FileDiff f = files.get(0);
        assertThat(f.oldPath()).isEqualTo("a/calc.js");
        assertThat(f.path()).isEqualTo("calc.js");
        DiffHunk h = f.hunks().get(0);
        assertThat(List.of(h.oldStart(), h.oldCount(), h.newStart(), h.newCount())).containsExactly(1, 3, 1, 3);
        assertThat(h.oldLines()).containsExactly("function sub(a, b) {", "  return a + b;", "}");
        assertThat(h.newLines()).containsExactly("function sub(a, b) {", "  return a - b;", "}");
    }

    @Test
    void applyThenRevertRestoresOriginalExactly() {
        FileDiff diff = PatchEngine.parse(CALC_DIFF).get(0);
        PatchResult patched = PatchEngine.apply(CALC, diff);
        assertThat(patched.text()).isEqualTo(CALC.replace("a + b", "a - b"));
        assertThat(patched.exact()).isTrue();
        assertThat(PatchEngine.revert(patched.text(), diff).text()).isEqualTo(CALC);
    }

    @Test
    void offsetIsFoundAndReported() {
        String shifted = "// header\n// more\n" + CALC;
        PatchResult r = PatchEngine.apply(shifted, PatchEngine.parse(CALC_DIFF).get(0));
        assertThat(r.offsets()).containsExactly(2);
        assertThat(r.exact()).isFalse();
        assertThat(r.text()).contains("return a - b;");
    }

    @Test
    void missingContextIsReportedWithNearestLines() {
        String changed = CALC.replace("return a + b;", "return a + b + 0;");
        assertThatThrownBy(() -> PatchEngine.apply(changed, PatchEngine.parse(CALC_DIFF).get(0)))
                .isInstanceOf(PatchException.class)
                .hasMessageContaining("Hunk 1 of calc.js (@@ -1,3 +1,3 @@)")
                .hasMessageContaining("  |   return a + b;")
                .hasMessageContaining("     2\t  return a + b + 0;");
    }

    @Test
    void emptyDiffRejected() {
        assertThat(PatchEngine.validate("  \n")).containsExactly("The diff is empty.");
        assertThatThrownBy(() -> PatchEngine.parse("")).isInstanceOf(PatchException.class).hasMessage("The diff is empty.");
    }

    @Test
    void notADiffRejected() {
        assertThat(PatchEngine.validate("hello\nworld\n")).singleElement().asString().contains("No file header");
    }

    @Test
    void missingHunkHeaderRejected() {
        assertThat(PatchEngine.validate("--- a/x\n+++ b/x\n-old\n+new\n"))
                .anySatisfy(p -> assertThat(p).contains("Line 3 of b/x").contains("hunk header is missing"))
                .anySatisfy(p -> assertThat(p).contains("b/x: no hunks"));
    }

    @Test
    void hunkBeforeFileHeaderRejected() {
        assertThat(PatchEngine.validate("@@ -1 +1 @@\n-a\n+b\n")).singleElement().asString()
                .contains("comes before any '--- '/'+++ ' file header");
    }

    @Test
    void fileWithoutHunksRejected() {
        assertThat(PatchEngine.validate("--- a/x\n+++ b/x\n--- a/y\n+++ b/y\n@@ -1 +1 @@\n-a\n+b\n"))
                .containsExactly("b/x: no hunks; each file needs at least one '@@ -a,b +c,d @@' hunk.");
    }

    @Test
    void malformedHunkHeaderRejected() {
        assertThat(PatchEngine.validate("--- a/x\n+++ b/x\n@@ -one +1 @@\n-a\n+b\n")).first().asString()
                .contains("Line 3 of b/x: malformed hunk header '@@ -one +1 @@'");
    }

    @Test
    void hunkCountsThatDoNotMatchRejected() {
        assertThat(PatchEngine.validate("--- a/x\n+++ b/x\n@@ -1,3 +1,3 @@\n a\n-b\n+c\n"))
                .singleElement().asString().contains("Hunk 1 of b/x (line 3, -1,3 +1,3)")
                .contains("declares 3 old and 3 new lines, but the hunk has 2 and 2");
        assertThat(PatchEngine.validate("--- a/x\n+++ b/x\n@@ -1,1 +1,1 @@\n-a\n+b\n-c\n+d\n"))
                .singleElement().asString().contains("more lines follow than the header declares");
    }

    @Test
    void overlappingHunksRejected() {
        String diff = "--- a/x\n+++ b/x\n@@ -1,3 +1,3 @@\n a\n-b\n+B\n c\n@@ -2,2 +2,2 @@\n b\n-c\n+C\n";
        assertThat(PatchEngine.validate(diff)).singleElement().asString().contains("hunks 1 and 2 overlap");
        assertThatThrownBy(() -> PatchEngine.parse(diff)).isInstanceOf(PatchException.class)
                .satisfies(e -> assertThat(((PatchException) e).problems()).hasSize(1));
    }

    @Test
    void multipleFilesAndProblemsAllReported() {
        String diff = "--- a/x\n+++ b/x\n@@ -1,3 +1,2 @@\n a\n-b\n+c\n--- a/y\n+++ b/y\n";
        assertThat(PatchEngine.validate(diff)).hasSize(2);
        String good = CALC_DIFF + "--- a/other\n+++ b/other\n@@ -1 +1 @@\n-x\n+y\n";
        assertThat(PatchEngine.parse(good)).extracting(FileDiff::path).containsExactly("calc.js", "other");
    }

    @Test
    void noNewlineAtEndOfFileRoundTrips() {
        String original = "a\nb";
        String diff = "--- a/f\n+++ b/f\n@@ -1,2 +1,2 @@\n a\n-b\n\\ No newline at end of file\n+c\n";
        FileDiff d = PatchEngine.parse(diff).get(0);
        assertThat(d.hunks().get(0).oldEndsWithoutNewline()).isTrue();
        assertThat(d.hunks().get(0).newEndsWithoutNewline()).isFalse();
        String patched = PatchEngine.apply(original, d).text();
        assertThat(patched).isEqualTo("a\nc\n");
        assertThat(PatchEngine.revert(patched, d).text()).isEqualTo(original);
        assertThatThrownBy(() -> PatchEngine.apply("a\nb\n", d)).hasMessageContaining("expects the file to end without a newline");
    }

    @Test
    void crlfFileKeepsItsLineEndings() {
        String original = "one\r\ntwo\r\nthree\r\n";
        FileDiff d = PatchEngine.parse("--- a/f\n+++ b/f\n@@ -2 +2,2 @@\n-two\n+2\n+2.5\n").get(0);
        String patched = PatchEngine.apply(original, d).text();
        assertThat(patched).isEqualTo("one\r\n2\r\n2.5\r\nthree\r\n");
        assertThat(PatchEngine.revert(patched, d).text()).isEqualTo(original);
    }

    @Test
    void newFileFromDevNull() {
        FileDiff d = PatchEngine.parse("--- /dev/null\n+++ b/new.txt\n@@ -0,0 +1,2 @@\n+hello\n+world\n").get(0);
        assertThat(d.path()).isEqualTo("new.txt");
        assertThat(PatchEngine.apply("", d).text()).isEqualTo("hello\nworld\n");
        assertThat(PatchEngine.revert("hello\nworld\n", d).text()).isEmpty();
    }

    @Test
    void revertOfUnpatchedTextFails() {
        FileDiff d = PatchEngine.parse(CALC_DIFF).get(0);
        assertThatThrownBy(() -> PatchEngine.revert(CALC, d)).isInstanceOf(PatchException.class)
                .hasMessageContaining("  |   return a - b;");
    }

    @Test
    void diffsFromRealDiffToolRoundTrip() throws Exception {
        String before = lines(1, 120, "line %d\n");
        String after = before.replace("line 5\n", "line five\n").replace("line 60\n", "")
                .replace("line 100\n", "line 100\nline 100.5\n") + "tail";
        String diff = realDiff(before, after);
        FileDiff d = PatchEngine.parse(diff).get(0);
        assertThat(d.hunks()).hasSize(4);
        PatchResult patched = PatchEngine.apply(before, d);
        assertThat(patched.text()).isEqualTo(after);
        assertThat(patched.exact()).isTrue();
        assertThat(PatchEngine.revert(after, d).text()).isEqualTo(before);
    }

    private static String lines(int from, int to, String format) {
        StringBuilder b = new StringBuilder();
        for (int i = from; i <= to; i++) {
            b.append(String.format(format, i));
        }
        return b.toString();
    }

    private String realDiff(String before, String after) throws IOException, InterruptedException {
        Path a = Files.writeString(dir.resolve("before.txt"), before);
        Path b = Files.writeString(dir.resolve("after.txt"), after);
        Process p = new ProcessBuilder("diff", "-u", a.toString(), b.toString()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor()).as(out).isEqualTo(1);
        return out;
    }
}
