// SPDX-License-Identifier: Apache-2.0
package org.openagention.orchestration.agents;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.openagention.core.Limits;

/**
 * One subagent defined in a Markdown file: front matter with its name, description, tools, model
 * and limits, and a body with its instructions.
 *
 * <pre>
 * ---
 * name: test-runner
 * description: Runs the test suite and summarises the failures. Use after changing code.
 * tools: [shell, read_file, grep]      # or "Bash, Read, Grep" in Claude Code's files; omit for all
 * model: inherit                       # or a model id the parent's provider serves
 * max-turns: 15                        # also max-tokens, max-cost-usd, timeout-seconds
 * ---
 * You run the tests with the project's build tool and report each failure in one line.
 * </pre>
 *
 * <p>Immutable.
 */
public final class AgentDefinition {
    private final String name;
    private final String description;
    private final String instructions;
    private final List<String> tools;
    private final String model;
    private final Limits limits;
    private final Path file;

    AgentDefinition(String name, String description, String instructions, List<String> tools, String model,
            Limits limits, Path file) {
        this.name = Objects.requireNonNull(name, "name");
        this.description = Objects.requireNonNull(description, "description");
        this.instructions = Objects.requireNonNull(instructions, "instructions");
        this.tools = tools == null ? null : List.copyOf(tools);
        this.model = model;
        this.limits = Objects.requireNonNull(limits, "limits");
        this.file = Objects.requireNonNull(file, "file");
    }

    /** The subagent's name, also the name of its tool. */
    public String name() {
        return name;
    }

    /** What it does and when to use it: the tool description the parent's model reads. */
    public String description() {
        return description;
    }

    /** Its instructions (the file's body). */
    public String instructions() {
        return instructions;
    }

    /** The names of the tools it may use (ours, Claude Code's names translated); empty for all the parent's tools. */
    public Optional<List<String>> tools() {
        return Optional.ofNullable(tools);
    }

    /** The model id it asks for; empty to use the parent's model as it is ({@code inherit}, or a Claude alias). */
    public Optional<String> model() {
        return Optional.ofNullable(model);
    }

    /** Its own limits (nested in the parent's budget when it runs). */
    public Limits limits() {
        return limits;
    }

    /** The file it was read from. */
    public Path file() {
        return file;
    }

    @Override
    public String toString() {
        return "AgentDefinition{" + name + " from " + file + "}";
    }
}
