// SPDX-License-Identifier: Apache-2.0
package org.openagention.orchestration.skills;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.openagention.core.Agent;
import org.openagention.core.ConfigurationException;
import org.openagention.core.tool.Tool;

/**
 * The skills an agent may use, and the tools each skill brings, loaded on demand.
 *
 * <p>{@link #equip(Agent)} gives an agent the skills: the {@link #catalogue()} (names and
 * descriptions only) is appended to its instructions, and it gets two tools: {@code load_skill}
 * returns a skill's instructions and lists its files, {@code read_skill_file} reads one of those
 * files (confined to the skill's folder). A skill's own tools are registered with the agent but
 * hidden from the model, and refused if called, until that skill is loaded in the run; loading is
 * per run, so one equipped agent serves many runs at once. Tool names are checked when equipping:
 * a skill tool whose name an existing tool already has is refused with a
 * {@link ConfigurationException} naming both, never silently shadowed.
 *
 * <pre>{@code
 * SkillSet skills = SkillSet.builder()
 *         .addSkills(SkillLoader.load(Path.of(".skills")).skills())
 *         .addTool("release-notes", changelogTool)
 *         .build();
 * Agent agent = skills.equip(Agent.builder().model(model).instructions("You help with releases.").build());
 * }</pre>
 *
 * <p>Immutable and thread-safe.
 */
public final class SkillSet {
    /** The name of the tool that loads a skill's instructions. */
    public static final String LOAD_SKILL = "load_skill";
    /** The name of the tool that reads a file of a skill. */
    public static final String READ_SKILL_FILE = "read_skill_file";

    private final Map<String, Skill> skills;
    private final Map<String, List<Tool>> tools;
    private final List<String> order;

    private SkillSet(Builder b) {
        this.skills = Map.copyOf(b.skills);
        Map<String, List<Tool>> t = new LinkedHashMap<>();
        b.tools.forEach((k, v) -> t.put(k, List.copyOf(v)));
        this.tools = Map.copyOf(t);
        this.order = List.copyOf(b.skills.keySet());
    }

    public static Builder builder() {
        return new Builder();
    }

    /**
     * A set of {@code skills} that bring no tools.
     *
     * @throws ConfigurationException when two skills share a name
     */
    public static SkillSet of(List<Skill> skills) {
        return builder().addSkills(skills).build();
    }

    /** The skills, in the order they were added. */
    public List<Skill> skills() {
        List<Skill> list = new ArrayList<>(order.size());
        order.forEach(n -> list.add(skills.get(n)));
        return list;
    }

    /** The skill named {@code name}. */
    public Optional<Skill> find(String name) {
        return Optional.ofNullable(skills.get(name));
    }

    /** The tools the named skill brings; empty for a skill without tools or an unknown name. */
    public List<Tool> tools(String skillName) {
        return tools.getOrDefault(skillName, List.of());
    }

    /** The skill names, in order. */
    public List<String> names() {
        return order;
    }

    /**
     * The text that tells the model which skills exist: each skill's name and description, and how
     * to load one. The instructions themselves are not included. Empty when there are no skills.
     */
    public String catalogue() {
        if (order.isEmpty()) {
            return "";
        }
        StringBuilder sb = new StringBuilder();
        sb.append("You have skills: instructions (and sometimes tools) for particular kinds of task. When a task")
                .append(" matches a skill's description, call ").append(LOAD_SKILL)
                .append(" with the skill's name before you start, and follow its instructions; ")
                .append(READ_SKILL_FILE).append(" reads the files a skill refers to.\n\n<available_skills>\n");
        for (String name : order) {
            Skill s = skills.get(name);
            sb.append("- ").append(name).append(": ").append(s.description().replace('\n', ' ')).append('\n');
        }
        return sb.append("</available_skills>").toString();
    }

    /**
     * The agent with these skills: the catalogue appended to its instructions, the skill tools
     * added, each skill's own tools available once it is loaded.
     *
     * @throws ConfigurationException when a tool name of the skills is already taken by the agent
     */
    public Agent equip(Agent agent) {
        return equip(agent, List.of());
    }

    /**
     * Like {@link #equip(Agent)}, with {@code preloaded} skills loaded from the start: their
     * instructions are part of the agent's instructions and their tools are visible at once
     * (automations that run one skill use this).
     *
     * @throws ConfigurationException when a preloaded skill does not exist, or a tool name of the
     *     skills is already taken by the agent
     */
    public Agent equip(Agent agent, List<String> preloaded) {
        Objects.requireNonNull(agent, "agent");
        for (String name : preloaded) {
            if (!skills.containsKey(name)) {
                throw new ConfigurationException("no skill named '" + name + "'"
                        + (order.isEmpty() ? ": no skills are loaded" : "; the skills are: " + String.join(", ", order)));
            }
        }
        return new SkillRuntime(this, preloaded).equip(agent);
    }

    /** Builds a {@link SkillSet}. Not thread-safe. */
    public static final class Builder {
        private final Map<String, Skill> skills = new LinkedHashMap<>();
        private final Map<String, List<Tool>> tools = new LinkedHashMap<>();
        private final Map<String, String> toolOwners = new LinkedHashMap<>();

        private Builder() {}

        /**
         * Adds a skill.
         *
         * @throws ConfigurationException when a skill of that name was already added (both folders named)
         */
        public Builder addSkill(Skill skill) {
            Objects.requireNonNull(skill, "skill");
            Skill first = skills.get(skill.name());
            if (first != null) {
                throw new ConfigurationException("two skills are named '" + skill.name() + "': " + first.directory()
                        + " and " + skill.directory() + "; skill names must be unique");
            }
            skills.put(skill.name(), skill);
            return this;
        }

        /** Adds each of {@code skills}. */
        public Builder addSkills(List<Skill> skills) {
            skills.forEach(this::addSkill);
            return this;
        }

        /**
         * Registers a Java tool that the skill {@code skillName} brings: the model sees it only once
         * the skill is loaded.
         *
         * @throws ConfigurationException when no such skill was added, or another skill's tool (or a
         *     built-in skill tool) already has the name
         */
        public Builder addTool(String skillName, Tool tool) {
            Objects.requireNonNull(skillName, "skillName");
            Objects.requireNonNull(tool, "tool");
            if (!skills.containsKey(skillName)) {
                throw new ConfigurationException("cannot add tool '" + tool.name() + "' to skill '" + skillName
                        + "': no skill of that name was added (add the skill first)");
            }
            String name = tool.name();
            if (name.equals(LOAD_SKILL) || name.equals(READ_SKILL_FILE)) {
                throw new ConfigurationException("skill '" + skillName + "' brings a tool named '" + name
                        + "', which is reserved for the skill machinery");
            }
            String owner = toolOwners.get(name);
            if (owner != null) {
                throw new ConfigurationException("skills '" + owner + "' and '" + skillName + "' both bring a tool named '"
                        + name + "'; tool names must be unique");
            }
            toolOwners.put(name, skillName);
            tools.computeIfAbsent(skillName, k -> new ArrayList<>()).add(tool);
            return this;
        }

        public SkillSet build() {
            return new SkillSet(this);
        }
    }
}
