// SPDX-License-Identifier: Apache-2.0
package org.openagention.orchestration.skills;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SkillLoaderTest {
    @TempDir
    Path root;

    static Path write(Path root, String folder, String skillMd) throws IOException {
        Path dir = Files.createDirectories(root.resolve(folder));
        Files.writeString(dir.resolve("SKILL.md"), skillMd);
        return dir;
    }

    @Test
    void loadsFrontMatterFieldsAndInstructions() throws IOException {
        write(root, "pdf-tools", """
                ---
                name: pdf-tools
                description: Extracts text from PDF files. Use when the user mentions PDFs.
                license: Apache-2.0
                compatibility: Needs python3
                allowed-tools: shell read_file
                metadata:
                  author: example
                  version: 1.0
                ---
                # PDF tools

                Run scripts/extract.py on the file.
                """);

        SkillLoadResult result = SkillLoader.load(root);

        assertThat(result.problems()).isEmpty();
        Skill skill = result.skills().get(0);
        assertThat(skill.name()).isEqualTo("pdf-tools");
        assertThat(skill.description()).startsWith("Extracts text from PDF files.");
        assertThat(skill.license()).contains("Apache-2.0");
        assertThat(skill.compatibility()).contains("Needs python3");
        assertThat(skill.allowedTools()).containsExactly("shell", "read_file");
        assertThat(skill.metadata()).containsEntry("author", "example").containsEntry("version", "1.0");
        assertThat(skill.instructions()).isEqualTo("# PDF tools\n\nRun scripts/extract.py on the file.");
        assertThat(skill.instructionsLine()).isEqualTo(11);
    }

    @Test
    void malformedSkillsAreReportedWithPathAndLineWhileTheOthersLoad() throws IOException {
        write(root, "good", "---\nname: good\ndescription: A good skill.\n---\nDo good things.\n");
        write(root, "no-front-matter", "# Just markdown\nname: no-front-matter\n");
        write(root, "bad-yaml", "---\nname: bad-yaml\ndescription: [unclosed\n---\nbody\n");
        write(root, "no-description", "---\nname: no-description\n---\nbody\n");
        write(root, "wrong-folder", "---\ndescription: Named unlike its folder.\nname: other-name\n---\nbody\n");
        write(root, "upper", "---\nname: Upper\ndescription: Uppercase name.\n---\n");
        write(root, "unclosed", "---\nname: unclosed\ndescription: never closed\n");
        write(root, "twice", "---\nname: twice\ndescription: one\ndescription: two\n---\n");

        SkillLoadResult result = SkillLoader.load(root);

        assertThat(result.skills()).extracting(Skill::name).containsExactly("good");
        assertThat(result.problems()).hasSize(7);
        assertProblem(result, "no-front-matter", 1, "must start with a '---' line");
        assertProblem(result, "bad-yaml", 3, "not valid YAML");
        assertProblem(result, "no-description", 2, "no 'description' field");
        assertProblem(result, "wrong-folder", 3, "does not match its folder 'wrong-folder'");
        assertProblem(result, "upper", 2, "'Upper' is not valid");
        assertProblem(result, "unclosed", 1, "never closed");
        assertProblem(result, "twice", 4, "Duplicate field 'description'");
    }

    @Test
    void malformedYamlIsReportedInOneLineWithTheFilesLineNumber() throws IOException {
        write(root, "flow", "---\nname: flow\ndescription: [unclosed\n---\nbody\n");
        write(root, "indent", "---\nname: indent\ndescription: fine\n  metadata: x\n   bad: : y\n---\nbody\n");
        write(root, "tab", "---\nname: tab\ndescription: \"unterminated\n---\n");

        SkillLoadResult result = SkillLoader.load(root);

        for (String folder : new String[] {"flow", "indent", "tab"}) {
            SkillProblem p = result.problems().stream().filter(x -> x.file().getParent().endsWith(folder))
                    .findFirst().orElseThrow();
            assertThat(p.toString()).as(folder).doesNotContain("\n").contains("not valid YAML")
                    .doesNotContainPattern("line \\d").doesNotContain("column").doesNotContain("reader");
            assertThat(p.line()).as("%s", p).isBetween(2, 4);
        }
        assertProblem(result, "flow", 3,
                "not valid YAML: while parsing a flow sequence, expected ',' or ']', but got <stream end>");
    }

    private void assertProblem(SkillLoadResult result, String folder, int line, String message) {
        Path file = root.resolve(folder).resolve("SKILL.md");
        assertThat(result.problems()).filteredOn(p -> p.file().endsWith(root.relativize(file)))
                .singleElement()
                .satisfies(p -> {
                    assertThat(p.line()).as("line of %s", p).isEqualTo(line);
                    assertThat(p.message()).contains(message);
                    assertThat(p.toString()).startsWith(p.file() + ":" + line + ": ");
                });
    }

    @Test
    void nameTakenByAnEarlierRootIsRefusedNamingBothFolders(@TempDir Path other) throws IOException {
        Path first = write(root, "review", "---\nname: review\ndescription: Project review.\n---\n");
        Path second = write(other, "review", "---\nname: review\ndescription: User review.\n---\n");

        SkillLoadResult result = SkillLoader.load(root, other);

        assertThat(result.skills()).singleElement().satisfies(s -> assertThat(s.description()).isEqualTo("Project review."));
        assertThat(result.problems()).singleElement().satisfies(p -> {
            assertThat(p.line()).isEqualTo(2);
            assertThat(p.message()).contains("'review'").contains(first.toRealPath().toString())
                    .contains(second.toRealPath().toString());
        });
    }

    @Test
    void overlongDescriptionAndMissingRootAreReported() throws IOException {
        write(root, "long", "---\nname: long\ndescription: " + "x".repeat(1025) + "\n---\n");
        Path missing = root.resolve("nope");

        SkillLoadResult result = SkillLoader.load(root, missing);

        assertThat(result.skills()).isEmpty();
        assertThat(result.problems()).extracting(SkillProblem::message)
                .anySatisfy(m -> assertThat(m).contains("1025 characters; the limit is 1024"))
                .anySatisfy(m -> assertThat(m).contains("does not exist"));
    }

    @Test
    void foldersWithoutSkillFileAreIgnored() throws IOException {
        Files.createDirectories(root.resolve("shared-assets"));
        write(root, "only", "---\nname: only\ndescription: The only one.\n---\n");

        SkillLoadResult result = SkillLoader.load(root);

        assertThat(result.hasProblems()).isFalse();
        assertThat(result.skills()).extracting(Skill::name).containsExactly("only");
    }
}
