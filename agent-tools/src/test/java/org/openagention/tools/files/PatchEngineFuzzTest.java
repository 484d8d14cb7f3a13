// SPDX-License-Identifier: Apache-2.0
package org.openagention.tools.files;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Timeout;

/**
 * Fuzzes {@link PatchEngine} with a file's text and a unified diff (the input split at its first
 * NUL byte). The contract: {@link PatchEngine#parse} returns the files or a {@link PatchException}
 * listing the problems, and agrees with {@link PatchEngine#validate}; {@link PatchEngine#apply}
 * returns the new text or a {@link PatchException}; and a diff that applies reverts to the original
 * exactly, as the class promises.
 *
 * <p>Seeds: {@code src/test/resources/org/openagention/tools/files/PatchEngineFuzzTestInputs/}.
 */
class PatchEngineFuzzTest {

    @FuzzTest
    @Timeout(20)
    void parsesAndAppliesAnyDiffOrSaysWhatIsWrong(byte[] input) {
        int nul = 0;
        while (nul < input.length && input[nul] != 0) {
            nul++;
        }
        String original = new String(input, 0, nul, StandardCharsets.UTF_8);
        String diff = nul < input.length ? new String(input, nul + 1, input.length - nul - 1, StandardCharsets.UTF_8) : "";

        List<String> problems = PatchEngine.validate(diff);
        List<FileDiff> files;
        try {
            files = PatchEngine.parse(diff);
        } catch (PatchException e) {
            assertThat(e.problems()).isNotEmpty().isEqualTo(problems).allSatisfy(p -> assertThat(p).isNotBlank());
            return;
        }
        assertThat(problems).isEmpty();
        assertThat(files).isNotEmpty();
        for (FileDiff file : files) {
            PatchResult patched;
            try {
                patched = PatchEngine.apply(original, file);
            } catch (PatchException e) {
                assertThat(e.problems()).isNotEmpty().allSatisfy(p -> assertThat(p).isNotBlank());
                continue;
            }
            assertThat(PatchEngine.revert(patched.text(), file).text()).isEqualTo(original);
        }
    }
}
