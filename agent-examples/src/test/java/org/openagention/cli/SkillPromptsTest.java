// SPDX-License-Identifier: Apache-2.0
package org.openagention.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openagention.mcp.McpContent;
import org.openagention.mcp.McpPrompt;

class SkillPromptsTest {
    @TempDir
    Path skills;

    @Test
    void eachSkillIsAPromptOfItsInstructionsAndABadOneIsReported() throws Exception {
        Files.createDirectories(skills.resolve("review"));
        Files.writeString(skills.resolve("review/SKILL.md"), "---\nname: review\ndescription: Review a change\n---\nRead the diff first.\n");
        Files.createDirectories(skills.resolve("broken"));
        Files.writeString(skills.resolve("broken/SKILL.md"), "no front matter\n");
        ByteArrayOutputStream err = new ByteArrayOutputStream();

        List<McpPrompt> prompts = SkillPrompts.of(List.of(skills), new PrintStream(err, true, StandardCharsets.UTF_8));

        assertThat(prompts).extracting(McpPrompt::name).containsExactly("review");
        assertThat(prompts.get(0).description()).isEqualTo("Review a change");
        List<McpPrompt.Message> messages = prompts.get(0).renderer().render(Map.of("task", "PR 12"));
        assertThat(((McpContent.Text) messages.get(0).content()).text()).contains("Read the diff first.").endsWith("Task: PR 12");
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("skill not served");
    }
}
