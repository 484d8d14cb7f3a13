// SPDX-License-Identifier: Apache-2.0
package org.openagention.tools.files;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Timeout;
import org.openagention.core.tool.ToolResult;

/**
 * Fuzzes {@code apply_patch}: the Codex patch parser ({@link CodexPatch}) and applier
 * ({@link ChunkApplier}), then the whole tool on a real workspace. The input is a file's text, a
 * NUL byte, then the patch. The contract: the parser returns operations or a
 * {@link CodexPatch.FormatException} that says where; the applier returns the new lines or the
 * problems; the tool answers with a result, never a crash ({@code HANDLER_EXCEPTION}), and an error
 * result leaves every file as it was.
 *
 * <p>Seeds: {@code src/test/resources/org/openagention/tools/files/CodexPatchFuzzTestInputs/}.
 */
class CodexPatchFuzzTest {
    private static final Path ROOT = createWorkspace();

    @FuzzTest
    @Timeout(20)
    void parsesAndAppliesAnyPatchOrSaysWhatIsWrong(byte[] input) {
        String[] parts = split(input);
        List<CodexPatch.FileOp> ops;
        try {
            ops = CodexPatch.parse(parts[1]);
        } catch (CodexPatch.FormatException e) {
            assertThat(e.getMessage()).isNotBlank();
            return;
        }
        assertThat(ops).isNotEmpty();
        TextFile file = TextFile.decode(parts[0]);
        for (CodexPatch.FileOp op : ops) {
            assertThat(op.path()).isNotBlank();
            assertThat(op.line()).isPositive();
            if (op instanceof CodexPatch.Update update) {
                ChunkApplier.Result result = ChunkApplier.apply(file.lines(), update.chunks());
                assertThat(result.problems()).allSatisfy(p -> assertThat(p).isNotBlank());
                if (result.problems().isEmpty()) {
                    assertThat(file.withLines(result.lines(), file.finalNewline()).encode()).isNotNull();
                }
            }
        }
    }

    @FuzzTest
    @Timeout(20)
    void appliesAnyPatchToAWorkspaceAllOrNothing(byte[] input) throws IOException {
        String[] parts = split(input);
        reset(parts[0]);
        Map<String, String> before = snapshot();

        ToolResult result = new Harness(ROOT).patch(parts[1]);

        if (result instanceof ToolResult.Error error) {
            assertThat(error.kind()).as(error.text()).isNotEqualTo(ToolResult.ErrorKind.HANDLER_EXCEPTION);
            assertThat(snapshot()).as("files after the failed patch: %s", error.text()).isEqualTo(before);
        }
        assertThat(result.text()).isNotBlank();
    }

    /** The file's text and the patch: the input split at its first NUL byte. */
    private static String[] split(byte[] input) {
        int nul = 0;
        while (nul < input.length && input[nul] != 0) {
            nul++;
        }
        String file = new String(input, 0, nul, StandardCharsets.UTF_8);
        String patch = nul < input.length ? new String(input, nul + 1, input.length - nul - 1, StandardCharsets.UTF_8) : "";
        return new String[] {file, patch};
    }

    /** Empties the workspace and writes its two files: {@code a.txt} with the fuzzed text, and {@code src/app.py}. */
    private static void reset(String text) throws IOException {
        try (Stream<Path> paths = Files.walk(ROOT)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                if (!p.equals(ROOT)) {
                    Files.delete(p);
                }
            }
        }
        Files.writeString(ROOT.resolve("a.txt"), text);
        Files.createDirectories(ROOT.resolve("src"));
        Files.writeString(ROOT.resolve("src/app.py"), "import os\n\ndef greet():\n    print(\"Hi\")\n");
    }

    /** Every file under the workspace and its bytes (as ISO-8859-1 text, so any bytes compare). */
    private static Map<String, String> snapshot() throws IOException {
        Map<String, String> files = new TreeMap<>();
        try (Stream<Path> paths = Files.walk(ROOT)) {
            for (Path p : paths.toList()) {
                files.put(ROOT.relativize(p).toString(), Files.isDirectory(p) ? "<dir>"
                        : new String(Files.readAllBytes(p), StandardCharsets.ISO_8859_1));
            }
        }
        return files;
    }

    private static Path createWorkspace() {
        try {
            return Files.createTempDirectory("apply-patch-fuzz").toRealPath();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
