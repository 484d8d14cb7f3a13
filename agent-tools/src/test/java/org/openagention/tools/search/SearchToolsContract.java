// SPDX-License-Identifier: Apache-2.0
package org.openagention.tools.search;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openagention.core.tool.Tool;
import org.openagention.core.tool.ToolCall;
import org.openagention.core.tool.ToolContext;
import org.openagention.core.tool.ToolResult;
import org.openagention.core.tool.ToolResult.ErrorKind;
import org.openagention.tools.Workspace;

/**
 * The behaviour of glob and grep, written once and run against each backend by a subclass, on
 * real trees. Outputs are compared exactly, so both backends must format identically.
 */
abstract class SearchToolsContract {
    @TempDir
    Path root;

    @TempDir
    Path outside;

    Tool grep;
    Tool glob;

    abstract SearchTools.Backend backend();

    @BeforeEach
    void tools() {
        Workspace ws = Workspace.local(root);
        grep = SearchTools.grep(ws, backend());
        glob = SearchTools.glob(ws, backend());
    }

    Path write(String rel, String content) throws IOException {
        Path p = root.resolve(rel);
        Files.createDirectories(p.getParent());
        return Files.writeString(p, content);
    }

    static ToolResult call(Tool tool, String json) throws Exception {
        return tool.call(new ToolCall("c", tool.name(), json), ToolContext.standalone());
    }

    static String ok(Tool tool, String json) throws Exception {
        ToolResult r = call(tool, json);
        assertThat(r.isError()).as("%s", r.text()).isFalse();
        return r.text();
    }

    static ToolResult.Error error(Tool tool, String json) throws Exception {
        ToolResult r = call(tool, json);
        assertThat(r).as("%s", r.text()).isInstanceOf(ToolResult.Error.class);
        return (ToolResult.Error) r;
    }

    // ---- grep: modes and formatting

    @Test
    void grepShowsPathLineAndTextSortedByPath() throws Exception {
        write("src/b/B.java", "class B {\n  // TODO later\n}\n");
        write("src/a/A.java", "// TODO first\nclass A {}\n// TODO second\n");
        assertThat(ok(grep, "{\"pattern\":\"TODO\"}")).isEqualTo(
                "src/a/A.java:1:// TODO first\nsrc/a/A.java:3:// TODO second\nsrc/b/B.java:2:  // TODO later\n");
    }

    @Test
    void grepWithoutLineNumbers() throws Exception {
        write("a.txt", "one\ntwo\n");
        assertThat(ok(grep, "{\"pattern\":\"tw.\",\"line_numbers\":false}")).isEqualTo("a.txt:two\n");
    }

    @Test
    void grepFilesWithMatchesListsEachFileOnce() throws Exception {
        write("x.txt", "hit\nhit\n");
        write("y/z.txt", "hit\n");
        write("n.txt", "miss\n");
        assertThat(ok(grep, "{\"pattern\":\"hit\",\"output_mode\":\"files_with_matches\"}")).isEqualTo("x.txt\ny/z.txt\n");
    }

    @Test
    void grepCountsMatchingLinesPerFile() throws Exception {
        write("x.txt", "hit hit\nhit\nmiss\n");
        write("y.txt", "hit\n");
        assertThat(ok(grep, "{\"pattern\":\"hit\",\"output_mode\":\"count\"}")).isEqualTo("x.txt:2\ny.txt:1\n");
    }

    @Test
    void grepIgnoresCaseOnRequest() throws Exception {
        write("a.txt", "Hello\nhello\nHELLO\nbye\n");
        assertThat(ok(grep, "{\"pattern\":\"hello\"}")).isEqualTo("a.txt:2:hello\n");
        assertThat(ok(grep, "{\"pattern\":\"hello\",\"case_insensitive\":true}"))
                .isEqualTo("a.txt:1:Hello\na.txt:2:hello\na.txt:3:HELLO\n");
    }

    @Test
    void grepShowsContextWithSeparatorsBetweenGroups() throws Exception {
        write("a.txt", "1\n2\nmatch3\n4\n5\n6\n7\nmatch8\n9\n");
        write("b.txt", "match1\n2\n");
        assertThat(ok(grep, "{\"pattern\":\"match\",\"context\":1}")).isEqualTo(
                "a.txt-2-2\na.txt:3:match3\na.txt-4-4\n--\na.txt-7-7\na.txt:8:match8\na.txt-9-9\n--\n"
                        + "b.txt:1:match1\nb.txt-2-2\n");
    }

    @Test
    void grepMergesOverlappingContext() throws Exception {
        write("a.txt", "1\nm2\n3\nm4\n5\n6\n");
        assertThat(ok(grep, "{\"pattern\":\"^m\",\"context_before\":1,\"context_after\":2}"))
                .isEqualTo("a.txt-1-1\na.txt:2:m2\na.txt-3-3\na.txt:4:m4\na.txt-5-5\na.txt-6-6\n");
    }

    @Test
    void grepCapsMatchingLinesAndSaysHowManyWereOmitted() throws Exception {
        StringBuilder many = new StringBuilder();
        for (int i = 1; i <= 30; i++) {
            many.append("hit ").append(i).append('\n');
        }
        write("a.txt", many.toString());
        write("b.txt", "hit b\n");
        String out = ok(grep, "{\"pattern\":\"hit\",\"head_limit\":3}");
        assertThat(out).isEqualTo("a.txt:1:hit 1\na.txt:2:hit 2\na.txt:3:hit 3\n\n"
                + "[3 of 31 matching lines shown (2 files matched), 28 omitted. Narrow the search or raise head_limit.]\n");
        assertThat(ok(grep, "{\"pattern\":\"hit\",\"head_limit\":1,\"output_mode\":\"files_with_matches\"}"))
                .isEqualTo("a.txt\n\n[1 of 2 files shown, 1 omitted. Narrow the search or raise head_limit.]\n");
        assertThat(ok(grep, "{\"pattern\":\"hit\",\"head_limit\":1,\"output_mode\":\"count\"}"))
                .isEqualTo("a.txt:30\n\n[1 of 2 files shown, 1 omitted (31 matching lines in all). Narrow the search or raise head_limit.]\n");
    }

    @Test
    void grepClipsVeryLongLines() throws Exception {
        write("min.js", "x".repeat(2000) + "needle\n");
        assertThat(ok(grep, "{\"pattern\":\"needle\"}"))
                .isEqualTo("min.js:1:" + "x".repeat(500) + " ... [line truncated, 2006 characters]\n");
    }

    @Test
    void grepReportsNoMatchesAsSuccess() throws Exception {
        write("a.txt", "nothing\n");
        assertThat(ok(grep, "{\"pattern\":\"absent\"}")).isEqualTo("No matches for absent in ..");
    }

    @Test
    void grepMatchesUnicodeAndCrlfLines() throws Exception {
        write("u.txt", "naïve café\r\nplain\r\n");
        assertThat(ok(grep, "{\"pattern\":\"caf\u00e9$\"}")).isEqualTo("u.txt:1:naïve café\n");
        assertThat(ok(grep, "{\"pattern\":\"\\\\w+ve\\\\b\"}")).isEqualTo("u.txt:1:naïve café\n");
    }

    @Test
    void grepSupportsLookaroundOnEitherBackend() throws Exception {
        write("a.txt", "foobar\nfoobaz\n");
        assertThat(ok(grep, "{\"pattern\":\"foo(?!bar)\"}")).isEqualTo("a.txt:2:foobaz\n");
    }

    @Test
    void grepRejectsAnInvalidRegexWithAReadableError() throws Exception {
        write("a.txt", "x\n");
        ToolResult.Error e = error(grep, "{\"pattern\":\"(unclosed\"}");
        assertThat(e.kind()).isEqualTo(ErrorKind.INVALID_ARGUMENTS);
        assertThat(e.text()).contains("not a valid regular expression").contains("(unclosed");
    }

    @Test
    void grepRejectsBadOptions() throws Exception {
        write("a.txt", "x\n");
        assertThat(error(grep, "{\"pattern\":\"x\",\"output_mode\":\"lines\"}").text()).contains("output_mode 'lines' is not one of");
        assertThat(error(grep, "{\"pattern\":\"x\",\"type\":\"cobol\"}").text()).contains("type 'cobol' is not known").contains("java");
        assertThat(error(grep, "{\"pattern\":\"x\",\"context\":-1}").text()).contains("context lines must be between 0");
        assertThat(error(grep, "{\"pattern\":\"x\",\"head_limit\":0}").text()).contains("head_limit must be between 1");
        assertThat(error(grep, "{\"pattern\":\"\"}").text()).contains("pattern is empty");
        assertThat(error(grep, "{\"pattern\":\"x\",\"path\":\"nope\"}").text()).contains("does not exist");
    }

    @Test
    void grepStopsWhenTheRunIsCancelled() throws Exception {
        for (int i = 0; i < 50; i++) {
            write("d" + i + "/f.txt", "hit\n");
        }
        ToolContext cancelled = new ToolContext() {
            @Override
            public String runId() {
                return "r";
            }

            @Override
            public int turn() {
                return 1;
            }

            @Override
            public boolean isCancelled() {
                return true;
            }

            @Override
            public void publish(org.openagention.core.AgentEvent event) {}
        };
        ToolResult r = grep.call(new ToolCall("c", "grep", "{\"pattern\":\"hit\"}"), cancelled);
        assertThat(((ToolResult.Error) r).kind()).isEqualTo(ErrorKind.CANCELLED);
    }

    // ---- grep: which files

    @Test
    void grepFiltersByGlobs() throws Exception {
        write("src/A.java", "hit\n");
        write("src/deep/B.java", "hit\n");
        write("src/C.kt", "hit\n");
        write("test/D.java", "hit\n");
        String files = "{\"pattern\":\"hit\",\"output_mode\":\"files_with_matches\",\"glob\":";
        assertThat(ok(grep, files + "\"*.java\"}")).isEqualTo("src/A.java\nsrc/deep/B.java\ntest/D.java\n");
        assertThat(ok(grep, files + "\"src/*.java\"}")).isEqualTo("src/A.java\n");
        assertThat(ok(grep, files + "\"src/**/*.{java,kt}\"}")).isEqualTo("src/A.java\nsrc/C.kt\nsrc/deep/B.java\n");
        assertThat(ok(grep, files + "\"!test\"}")).isEqualTo("src/A.java\nsrc/C.kt\nsrc/deep/B.java\n");
        assertThat(ok(grep, files + "\"*.java !deep\"}")).isEqualTo("src/A.java\ntest/D.java\n");
    }

    @Test
    void grepFiltersByType() throws Exception {
        write("a/A.java", "hit\n");
        write("a/b.ts", "hit\n");
        write("a/c.tsx", "hit\n");
        write("a/d.md", "hit\n");
        String files = "{\"pattern\":\"hit\",\"output_mode\":\"files_with_matches\",\"type\":";
        assertThat(ok(grep, files + "\"java\"}")).isEqualTo("a/A.java\n");
        assertThat(ok(grep, files + "\"ts\"}")).isEqualTo("a/b.ts\na/c.tsx\n");
    }

    @Test
    void grepHonoursNestedGitignoreWithNegationDirectoryAndAnchoredPatterns() throws Exception {
        write(".gitignore", "*.log\n!keep.log\nbuild/\n/top-only.txt\ndocs/*.tmp\n");
        write("app.log", "hit\n");
        write("keep.log", "hit\n");
        write("build/out.txt", "hit\n");
        write("src/build/gen.txt", "hit\n");
        write("top-only.txt", "hit\n");
        write("src/top-only.txt", "hit\n");
        write("docs/a.tmp", "hit\n");
        write("docs/sub/b.tmp", "hit\n");
        write("src/.gitignore", "secret*\n!secret-ok.txt\n");
        write("src/secret.txt", "hit\n");
        write("src/secret-ok.txt", "hit\n");
        write("src/main.txt", "hit\n");
        write("other/secret.txt", "hit\n");
        assertThat(ok(grep, "{\"pattern\":\"hit\",\"output_mode\":\"files_with_matches\"}")).isEqualTo(
                "docs/sub/b.tmp\nkeep.log\nother/secret.txt\nsrc/main.txt\nsrc/secret-ok.txt\nsrc/top-only.txt\n");
    }

    @Test
    void grepInASubdirectoryAppliesParentGitignoreAndPrintsWorkspacePaths() throws Exception {
        write(".gitignore", "*.gen\n");
        write("mod/src/A.java", "hit\n");
        write("mod/src/A.gen", "hit\n");
        assertThat(ok(grep, "{\"pattern\":\"hit\",\"path\":\"mod\"}")).isEqualTo("mod/src/A.java:1:hit\n");
        assertThat(ok(grep, "{\"pattern\":\"hit\",\"path\":\"mod/src/A.java\"}")).isEqualTo("mod/src/A.java:1:hit\n");
    }

    @Test
    void grepSkipsHiddenGitBinaryAndSymlinks() throws Exception {
        write(".hidden/a.txt", "hit\n");
        write(".dotfile", "hit\n");
        write(".git/config", "hit\n");
        write("visible.txt", "hit\n");
        byte[] binary = ("hit\n" + "\0".repeat(10) + "hit\n").getBytes(StandardCharsets.UTF_8);
        Files.write(root.resolve("image.bin"), binary);
        byte[] lateNul = new byte[9000];
        java.util.Arrays.fill(lateNul, (byte) 'a');
        System.arraycopy("hit\n".getBytes(StandardCharsets.UTF_8), 0, lateNul, 0, 4);
        lateNul[8999] = '\n';
        Files.write(root.resolve("text-with-long-line.txt"), lateNul);
        Files.writeString(outside.resolve("secret.txt"), "hit\n");
        Files.createSymbolicLink(root.resolve("link-out"), outside);
        Files.createSymbolicLink(root.resolve("link-file.txt"), outside.resolve("secret.txt"));
        assertThat(ok(grep, "{\"pattern\":\"hit\",\"output_mode\":\"files_with_matches\"}"))
                .isEqualTo("text-with-long-line.txt\nvisible.txt\n");
    }

    @Test
    void grepRefusesPathsOutsideTheWorkspace() throws Exception {
        Files.writeString(outside.resolve("secret.txt"), "hit\n");
        for (String path : new String[] {"..", "../" + outside.getFileName(), outside.toString(), "/etc", "a/../../x"}) {
            ToolResult.Error e = error(grep, "{\"pattern\":\"hit\",\"path\":\"" + path + "\"}");
            assertThat(e.kind()).as(path).isEqualTo(ErrorKind.DENIED);
            assertThat(e.text()).as(path).containsIgnoringCase("outside the workspace")
                    .doesNotContain(root.toRealPath().toString());
        }
    }

    // ---- glob

    private void touch(String rel, long epochSecond) throws IOException {
        Path p = write(rel, "x");
        Files.setLastModifiedTime(p, FileTime.from(Instant.ofEpochSecond(epochSecond)));
    }

    @Test
    void globListsMatchesNewestFirst() throws Exception {
        touch("src/Old.java", 1_000);
        touch("src/deep/New.java", 3_000);
        touch("Mid.java", 2_000);
        touch("src/notes.md", 4_000);
        assertThat(ok(glob, "{\"pattern\":\"**/*.java\"}")).isEqualTo("src/deep/New.java\nMid.java\nsrc/Old.java\n");
    }

    @Test
    void globSingleStarStaysInOneDirectoryAndBracesAlternate() throws Exception {
        touch("A.java", 1);
        touch("sub/B.java", 2);
        touch("sub/C.kt", 3);
        assertThat(ok(glob, "{\"pattern\":\"*.java\"}")).isEqualTo("A.java\n");
        assertThat(ok(glob, "{\"pattern\":\"sub/*.{java,kt}\"}")).isEqualTo("sub/C.kt\nsub/B.java\n");
        assertThat(ok(glob, "{\"pattern\":\"**/?.java\"}")).isEqualTo("sub/B.java\nA.java\n");
    }

    @Test
    void globInASubdirectoryPrintsWorkspacePaths() throws Exception {
        touch("mod/a/X.java", 1);
        touch("other/Y.java", 2);
        assertThat(ok(glob, "{\"pattern\":\"**/*.java\",\"path\":\"mod\"}")).isEqualTo("mod/a/X.java\n");
    }

    @Test
    void globHonoursGitignoreAndHidesDotfilesUnlessAsked() throws Exception {
        write(".gitignore", "target/\n");
        touch("target/Gen.java", 1);
        touch("Main.java", 2);
        touch(".github/workflows/ci.yml", 3);
        touch(".git/HEAD.yml", 4);
        assertThat(ok(glob, "{\"pattern\":\"**/*.java\"}")).isEqualTo("Main.java\n");
        assertThat(ok(glob, "{\"pattern\":\"**/*.yml\"}")).startsWith("No files match");
        assertThat(ok(glob, "{\"pattern\":\".github/**/*.yml\"}")).isEqualTo(".github/workflows/ci.yml\n");
    }

    @Test
    void globCapsResultsWithANote() throws Exception {
        for (int i = 0; i < 5; i++) {
            touch("f" + i + ".txt", 100 + i);
        }
        assertThat(ok(glob, "{\"pattern\":\"*.txt\",\"limit\":2}")).isEqualTo(
                "f4.txt\nf3.txt\n\n[2 of 5 files shown (newest first), 3 omitted. Narrow the pattern or path, or raise limit.]\n");
    }

    @Test
    void globRefusesEscapes() throws Exception {
        assertThat(error(glob, "{\"pattern\":\"../**\"}").text()).contains("must be relative to path");
        assertThat(error(glob, "{\"pattern\":\"/etc/*\"}").text()).contains("must be relative to path");
        assertThat(error(glob, "{\"pattern\":\"*\",\"path\":\"..\"}").text()).contains("outside the workspace");
        assertThat(error(glob, "{\"pattern\":\"a{b\"}").text()).contains("unclosed '{'");
    }
}
