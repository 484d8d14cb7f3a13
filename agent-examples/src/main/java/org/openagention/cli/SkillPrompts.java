// SPDX-License-Identifier: Apache-2.0
package org.openagention.cli;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import org.openagention.mcp.McpPrompt;
import org.openagention.orchestration.skills.Skill;
import org.openagention.orchestration.skills.SkillLoadResult;
import org.openagention.orchestration.skills.SkillLoader;

/**
 * The project's skills as MCP prompts: one prompt per skill, named and described as the skill,
 * whose message is the skill's instructions followed by the optional {@code task} argument.
 */
final class SkillPrompts {
    private SkillPrompts() {}

    static List<McpPrompt> of(List<Path> roots, PrintStream err) {
        if (roots.isEmpty()) {
            return List.of();
        }
        SkillLoadResult loaded = SkillLoader.load(roots);
        loaded.problems().forEach(p -> err.println("skill not served: " + p));
        return loaded.skills().stream().map(SkillPrompts::prompt).toList();
    }

    static McpPrompt prompt(Skill skill) {
        return McpPrompt.of(skill.name(), skill.description(),
                List.of(new McpPrompt.Argument("task", "What to apply the skill to (optional)", false)),
                args -> List.of(McpPrompt.Message.user("Use the skill '" + skill.name() + "' (from " + skill.skillFile() + "):\n\n"
                        + skill.instructions() + (args.containsKey("task") ? "\n\nTask: " + args.get("task") : ""))));
    }
}
