// SPDX-License-Identifier: Apache-2.0
package org.openagention.orchestration.skills;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * One skill in the Agent Skills layout: a folder whose {@code SKILL.md} holds YAML front matter
 * ({@code name}, {@code description} and optional fields) followed by markdown instructions, with
 * optional resources and scripts beside it.
 *
 * <p>Made by {@link SkillLoader}; immutable and thread-safe. Only {@link #name()} and
 * {@link #description()} go into the system prompt up front (see {@link SkillSet#catalogue()});
 * the {@link #instructions()} are handed to the model when it asks for the skill.
 */
public final class Skill {
    private final String name;
    private final String description;
    private final Path directory;
    private final String license;
    private final String compatibility;
    private final List<String> allowedTools;
    private final Map<String, String> metadata;
    private final String instructions;
    private final int instructionsLine;

    Skill(String name, String description, Path directory, String license, String compatibility,
            List<String> allowedTools, Map<String, String> metadata, String instructions, int instructionsLine) {
        this.name = Objects.requireNonNull(name, "name");
        this.description = Objects.requireNonNull(description, "description");
        this.directory = Objects.requireNonNull(directory, "directory");
        this.license = license;
        this.compatibility = compatibility;
        this.allowedTools = List.copyOf(allowedTools);
        this.metadata = Map.copyOf(metadata);
        this.instructions = Objects.requireNonNull(instructions, "instructions");
        this.instructionsLine = instructionsLine;
    }

    /** The skill's name: lowercase letters, digits and single hyphens, the same as its folder's name. */
    public String name() {
        return name;
    }

    /** What the skill does and when to use it; this is what the model sees before loading it. */
    public String description() {
        return description;
    }

    /** The skill's folder (absolute, symlinks resolved). Resource files are read only from inside it. */
    public Path directory() {
        return directory;
    }

    /** The skill's {@code SKILL.md}. */
    public Path skillFile() {
        return directory.resolve(SkillLoader.SKILL_FILE);
    }

    /** The {@code license} field, when present. */
    public Optional<String> license() {
        return Optional.ofNullable(license);
    }

    /** The {@code compatibility} field (environment requirements), when present. */
    public Optional<String> compatibility() {
        return Optional.ofNullable(compatibility);
    }

    /** The {@code allowed-tools} field split on spaces; empty when absent. Advisory, not enforced. */
    public List<String> allowedTools() {
        return allowedTools;
    }

    /** The {@code metadata} field: extra string properties, empty when absent. */
    public Map<String, String> metadata() {
        return metadata;
    }

    /** The markdown after the front matter: what the model reads when it loads the skill. */
    public String instructions() {
        return instructions;
    }

    /** The line of {@code SKILL.md} right after the front matter, where the instructions begin (1-based). */
    public int instructionsLine() {
        return instructionsLine;
    }

    @Override
    public String toString() {
        return "Skill{" + name + " at " + directory + "}";
    }
}
