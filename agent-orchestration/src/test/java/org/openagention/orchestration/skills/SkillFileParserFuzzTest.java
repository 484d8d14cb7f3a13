// SPDX-License-Identifier: Apache-2.0
package org.openagention.orchestration.skills;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Timeout;

/**
 * Fuzzes {@link SkillFileParser} with arbitrary {@code SKILL.md} bytes: skills are downloaded and
 * shared, and a bad one must be reported, not break loading the others. The contract: parsing
 * returns a {@link Skill} whose name is its folder's, or a {@link SkillProblem} naming the file, a
 * line inside it (or 0) and what is wrong; it never throws.
 *
 * <p>Seeds: {@code src/test/resources/org/openagention/orchestration/skills/SkillFileParserFuzzTestInputs/}.
 */
class SkillFileParserFuzzTest {
    private static final Path DIR = createSkillDirectory();

    @FuzzTest
    @Timeout(20)
    void parsesAnySkillFileOrSaysWhatIsWrong(byte[] skillMd) throws IOException {
        Path file = DIR.resolve(SkillLoader.SKILL_FILE);
        Files.write(file, skillMd);

        Object parsed = SkillFileParser.parse(DIR);

        assertThat(parsed).isInstanceOfAny(Skill.class, SkillProblem.class);
        if (parsed instanceof Skill skill) {
            assertThat(skill.name()).isEqualTo("fuzz-skill");
            assertThat(skill.description()).isNotBlank();
            assertThat(skill.instructionsLine()).isPositive();
        } else {
            SkillProblem problem = (SkillProblem) parsed;
            assertThat(problem.file()).isEqualTo(file);
            assertThat(problem.message()).isNotBlank();
            long lines = skillMd.length == 0 ? 1 : new String(skillMd, StandardCharsets.ISO_8859_1)
                    .split("\n", -1).length;
            assertThat(problem.line()).isBetween(0, (int) lines);
        }
        assertThat(SkillFileParser.lineOfKey(file, "name")).isPositive();
    }

    private static Path createSkillDirectory() {
        try {
            Path dir = Files.createTempDirectory("skill-fuzz").toRealPath().resolve("fuzz-skill");
            return Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
