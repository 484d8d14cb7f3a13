// SPDX-License-Identifier: Apache-2.0
package org.openagention.orchestration.skills;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Stream;

/**
 * Loads skill folders in the Agent Skills layout.
 *
 * <p>Each root is a directory of skills: every immediate subdirectory that holds a
 * {@code SKILL.md} is one skill (subdirectories without one are ignored). A folder is refused,
 * with a {@link SkillProblem} naming its file and line, when its {@code SKILL.md} has no front
 * matter, front matter that is not valid YAML (duplicate keys included), a missing or empty
 * {@code name} or {@code description}, a name that breaks the spec's rules (1 to 64 lowercase
 * letters, digits and single hyphens, not starting or ending with a hyphen) or differs from the
 * folder's name, a description over 1024 characters, or a {@code compatibility} over 500. A
 * name already taken by an earlier folder is refused with a problem naming both folders: roots
 * are searched in order, so put the most specific (project) root first. The other skills
 * always load.
 *
 * <pre>{@code
 * SkillLoadResult loaded = SkillLoader.load(Path.of(".skills"), Path.of(System.getProperty("user.home"), ".skills"));
 * loaded.problems().forEach(p -> log.warn("skill not loaded: {}", p));
 * SkillSet skills = SkillSet.builder().addSkills(loaded.skills()).build();
 * }</pre>
 *
 * <p>Stateless and thread-safe. It reads the file system as it is at the time of the call.
 */
public final class SkillLoader {
    /** The file that makes a folder a skill. */
    public static final String SKILL_FILE = "SKILL.md";

    private SkillLoader() {}

    /** Loads every skill under {@code roots}, in order. Never throws for a bad skill folder. */
    public static SkillLoadResult load(Path... roots) {
        return load(List.of(roots));
    }

    /** Loads every skill under {@code roots}, in order. Never throws for a bad skill folder. */
    public static SkillLoadResult load(List<Path> roots) {
        Map<String, Skill> byName = new LinkedHashMap<>();
        List<SkillProblem> problems = new ArrayList<>();
        for (Path root : roots) {
            Objects.requireNonNull(root, "root");
            for (Path dir : skillFolders(root, problems)) {
                Object parsed = SkillFileParser.parse(dir);
                if (parsed instanceof SkillProblem problem) {
                    problems.add(problem);
                    continue;
                }
                Skill skill = (Skill) parsed;
                Skill first = byName.get(skill.name());
                if (first != null) {
                    problems.add(new SkillProblem(skill.skillFile(), SkillFileParser.lineOfKey(skill.skillFile(), "name"),
                            "skill name '" + skill.name() + "' is already taken by the skill in " + first.directory()
                                    + "; the skill in " + skill.directory() + " was not loaded"));
                } else {
                    byName.put(skill.name(), skill);
                }
            }
        }
        return new SkillLoadResult(List.copyOf(byName.values()), problems);
    }

    private static List<Path> skillFolders(Path root, List<SkillProblem> problems) {
        if (!Files.isDirectory(root)) {
            problems.add(new SkillProblem(root, 0, "the skills directory does not exist or is not a directory"));
            return List.of();
        }
        try (Stream<Path> children = Files.list(root)) {
            return children.filter(Files::isDirectory).filter(d -> Files.isRegularFile(d.resolve(SKILL_FILE)))
                    .sorted().toList();
        } catch (IOException e) {
            problems.add(new SkillProblem(root, 0, "cannot list the skills directory: " + e));
            return List.of();
        }
    }
}
