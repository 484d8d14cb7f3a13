// SPDX-License-Identifier: Apache-2.0
package org.openagention.examples;

import java.nio.file.Files;
import java.nio.file.Path;
import org.openagention.core.Agent;
import org.openagention.core.ConfigurationException;
import org.openagention.core.testing.FakeModel;
import org.openagention.core.tool.Tool;
import org.openagention.core.tool.ToolResult;
import org.openagention.orchestration.skills.SkillLoadResult;
import org.openagention.orchestration.skills.SkillLoader;
import org.openagention.orchestration.skills.SkillSet;

/**
 * Chapter 13, skills: domain knowledge and tools packaged as folders ({@code SKILL.md} with a
 * name and description, instructions, resources) that an agent loads when it needs them, instead
 * of carrying everything in its system prompt.
 *
 * <p>Shows a malformed skill refused with its file and line while the others load; the short
 * catalogue that is all the system prompt carries; a skill's tool refused until the skill is
 * loaded; an unknown skill reported to the model; and a skill tool whose name collides with an
 * agent's tool refused when equipping, never silently shadowed.
 */
public final class Ch13Skills {
    record Empty() {}

    public static void main(String[] args) throws Exception {
        try (Example ex = Example.start(13, "skills", args)) {
            Path root = ex.tempDir();
            skill(root, "code-review", "Reviews Java changes for bugs and risky patterns. Use when asked to review code.",
                    "Read the diff first. Check every item of checklist.md.", "checklist.md",
                    "- SQL built by concatenation\n- resources not closed\n");
            skill(root, "testing", "Runs and writes tests. Use when tests fail or are missing.",
                    "Run the tests with run_tests before and after any change.", "", "");
            Files.createDirectories(root.resolve("Deploy"));
            Files.writeString(root.resolve("Deploy/SKILL.md"), "---\nname: Deploy\n---\nShip it.\n");

            ex.step("Loading the skills folder: one bad skill is refused with file and line; the rest load");
            SkillLoadResult loaded = SkillLoader.load(root);
            loaded.skills().forEach(s -> ex.say("loaded " + s.name()));
            loaded.problems().forEach(p -> ex.say("refused " + root.relativize(p.file()) + ":" + p.line() + ": " + p.message()));

            ex.step("The system prompt carries only the catalogue: names and descriptions, not instructions");
            Tool runTests = Tool.readOnly("run_tests", "Runs the project's tests", Empty.class,
                    (a, ctx) -> ToolResult.success("Tests run: 12, Failures: 0"));
            SkillSet skills = SkillSet.builder().addSkills(loaded.skills()).addTool("testing", runTests).build();
            ex.say(skills.catalogue());

            ex.step("In a run: a skill's tool is refused until the skill is loaded; an unknown skill is an error");
            FakeModel script = new FakeModel()
                    .enqueueToolCall("run_tests", "{}")
                    .enqueueToolCall("load_skill", "{\"name\":\"deploy\"}")
                    .enqueueToolCall("load_skill", "{\"name\":\"testing\"}")
                    .enqueueToolCall("run_tests", "{}")
                    .enqueueToolCall("load_skill", "{\"name\":\"code-review\"}")
                    .enqueueToolCall("read_skill_file", "{\"skill\":\"code-review\",\"path\":\"checklist.md\"}")
                    .enqueueText("All 12 tests pass; I checked the change against the review checklist.");
            Agent agent = skills.equip(Agent.builder().model(ex.model(script)).addListener(ex.trace())
                    .instructions("You maintain a Java service.").build());
            ex.say("tools the agent has: " + agent.tools().stream().map(Tool::name).toList());
            agent.run("Make sure the tests pass and review the last change.");

            ex.step("A skill tool may not shadow a tool the agent already has");
            Tool ownRunTests = Tool.readOnly("run_tests", "The agent's own test runner", Empty.class,
                    (a, ctx) -> ToolResult.success("ok"));
            try {
                skills.equip(Agent.builder().model(new FakeModel()).addTool(ownRunTests).build());
            } catch (ConfigurationException e) {
                ex.refused("equipping", e);
            }
        }
    }

    /** Writes a skill folder: SKILL.md with front matter and instructions, and an optional resource file. */
    private static void skill(Path root, String name, String description, String instructions, String file,
            String content) throws Exception {
        Path dir = Files.createDirectories(root.resolve(name));
        Files.writeString(dir.resolve("SKILL.md"), "---\nname: " + name + "\ndescription: " + description + "\n---\n"
                + instructions + "\n");
        if (!file.isEmpty()) {
            Files.writeString(dir.resolve(file), content);
        }
    }
}
