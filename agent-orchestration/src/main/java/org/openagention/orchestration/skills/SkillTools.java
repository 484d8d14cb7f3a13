// SPDX-License-Identifier: Apache-2.0
package org.openagention.orchestration.skills;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.openagention.core.tool.Description;
import org.openagention.core.tool.Tool;
import org.openagention.core.tool.ToolContext;
import org.openagention.core.tool.ToolResult;
import org.openagention.tools.Workspace;
import org.openagention.tools.WorkspaceException;

/** The {@code load_skill} and {@code read_skill_file} tools of an equipped agent. */
final class SkillTools {
    static final int MAX_LISTED_FILES = 100;
    static final int MAX_FILE_CHARS = 60_000;
    private static final int MAX_DEPTH = 6;

    private final SkillSet set;
    private final SkillRuntime runtime;

    record LoadSkill(@Description("The name of the skill, as in the list of available skills") String name) {}

    record ReadSkillFile(@Description("The name of the skill") String skill,
            @Description("The file's path relative to the skill's folder, as listed by load_skill") String path) {}

    SkillTools(SkillSet set, SkillRuntime runtime) {
        this.set = set;
        this.runtime = runtime;
    }

    Tool loadSkill() {
        return Tool.readOnly(SkillSet.LOAD_SKILL, "Loads a skill: returns its instructions, lists its files and makes"
                + " its tools available. Call it before a task that matches the skill's description.",
                LoadSkill.class, this::load);
    }

    Tool readSkillFile() {
        return Tool.readOnly(SkillSet.READ_SKILL_FILE, "Reads one file of a skill (a reference, template or script"
                + " that load_skill listed). Paths are relative to the skill's folder.", ReadSkillFile.class, this::read);
    }

    private ToolResult load(LoadSkill args, ToolContext context) {
        Skill skill = set.find(args.name()).orElse(null);
        if (skill == null) {
            return unknown(args.name());
        }
        runtime.markLoaded(context.runId(), skill.name());
        StringBuilder sb = new StringBuilder();
        sb.append("Skill '").append(skill.name()).append("' is loaded. Follow its instructions:\n\n<skill name=\"")
                .append(skill.name()).append("\">\n").append(skill.instructions()).append("\n</skill>\n");
        List<String> files = files(skill);
        if (!files.isEmpty()) {
            sb.append("\nFiles of the skill (read them with ").append(SkillSet.READ_SKILL_FILE).append("):\n");
            files.forEach(f -> sb.append("- ").append(f).append('\n'));
        }
        List<String> tools = runtime.toolNames(skill.name());
        if (!tools.isEmpty()) {
            sb.append("\nTools now available: ").append(String.join(", ", tools)).append('\n');
        }
        return ToolResult.success(sb.toString().strip());
    }

    private ToolResult read(ReadSkillFile args, ToolContext context) throws IOException {
        Skill skill = set.find(args.skill()).orElse(null);
        if (skill == null) {
            return unknown(args.skill());
        }
        Path file;
        try {
            file = Workspace.local(skill.directory()).resolve(args.path());
        } catch (WorkspaceException e) {
            return ToolResult.error("Cannot read '" + args.path() + "' of skill '" + skill.name() + "': " + e.getMessage());
        }
        if (!Files.isRegularFile(file)) {
            List<String> files = files(skill);
            return ToolResult.error("The skill '" + skill.name() + "' has no file '" + args.path() + "'."
                    + (files.isEmpty() ? " It has no files besides SKILL.md." : " Its files: " + String.join(", ", files)));
        }
        byte[] bytes = Files.readAllBytes(file);
        for (int i = 0; i < Math.min(bytes.length, 8192); i++) {
            if (bytes[i] == 0) {
                return ToolResult.error("'" + args.path() + "' is a binary file (" + bytes.length
                        + " bytes) and cannot be shown as text.");
            }
        }
        String text = new String(bytes, StandardCharsets.UTF_8);
        if (text.length() > MAX_FILE_CHARS) {
            return ToolResult.success(text.substring(0, MAX_FILE_CHARS) + "\n[truncated: showing " + MAX_FILE_CHARS
                    + " of " + text.length() + " characters]");
        }
        return ToolResult.success(text);
    }

    private ToolResult unknown(String name) {
        return ToolResult.error("There is no skill named '" + name + "'."
                + (set.names().isEmpty() ? "" : " Available skills: " + String.join(", ", set.names()) + "."));
    }

    /** The skill's files besides SKILL.md, relative with forward slashes, sorted, capped. */
    static List<String> files(Skill skill) {
        Path dir = skill.directory();
        List<String> all;
        try (Stream<Path> walk = Files.walk(dir, MAX_DEPTH)) {
            all = walk.filter(Files::isRegularFile).map(p -> dir.relativize(p).toString().replace('\\', '/'))
                    .filter(p -> !p.equals(SkillLoader.SKILL_FILE)).sorted().toList();
        } catch (IOException | java.io.UncheckedIOException e) {
            return List.of();
        }
        if (all.size() <= MAX_LISTED_FILES) {
            return all;
        }
        List<String> shown = new ArrayList<>(all.subList(0, MAX_LISTED_FILES));
        shown.add("... and " + (all.size() - MAX_LISTED_FILES) + " more files");
        return shown;
    }
}
