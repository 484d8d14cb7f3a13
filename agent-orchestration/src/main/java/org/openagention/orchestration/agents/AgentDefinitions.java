// SPDX-License-Identifier: Apache-2.0
package org.openagention.orchestration.agents;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.openagention.core.Agent;
import org.openagention.core.Subagent;
import org.openagention.core.tool.Tool;

/**
 * Subagent definitions read from {@code .openagention/agents/*.md} and Claude Code's
 * {@code .claude/agents/*.md} (see {@link AgentDefinition} for the format). A malformed file is
 * reported with path and line in {@link #problems()}; the others load. When two files define the
 * same name, the first wins ({@code .openagention} before {@code .claude}) and the second is
 * reported.
 *
 * <pre>{@code
 * AgentDefinitions definitions = AgentDefinitions.load(repo);
 * definitions.problems().forEach(System.err::println);
 * List<Tool> coding = CodingTools.all(workspace);
 * Subagents subagents = definitions.asTools(() -> Agent.builder().model(model), coding);
 * Agent.Builder lead = Agent.builder().model(model).tools(coding);
 * subagents.tools().forEach(lead::addTool);
 * subagents.problems().forEach(System.err::println);
 * }</pre>
 *
 * <p>Immutable and thread-safe.
 */
public final class AgentDefinitions {
    /** Where a project keeps its own agent definitions, relative to its root. */
    public static final String PROJECT_DIR = ".openagention/agents";
    /** Where Claude Code keeps a project's subagents, relative to its root. */
    public static final String CLAUDE_DIR = ".claude/agents";

    private final List<AgentDefinition> definitions;
    private final List<DefinitionProblem> problems;

    private AgentDefinitions(List<AgentDefinition> definitions, List<DefinitionProblem> problems) {
        this.definitions = List.copyOf(definitions);
        this.problems = List.copyOf(problems);
    }

    /** The definitions of the project at {@code projectRoot}: {@value #PROJECT_DIR} then {@value #CLAUDE_DIR}. */
    public static AgentDefinitions load(Path projectRoot) {
        return load(List.of(projectRoot.resolve(PROJECT_DIR), projectRoot.resolve(CLAUDE_DIR)));
    }

    /** The definitions in the {@code *.md} files of {@code directories}, in order; missing directories are skipped. */
    public static AgentDefinitions load(List<Path> directories) {
        Map<String, AgentDefinition> byName = new LinkedHashMap<>();
        List<DefinitionProblem> problems = new ArrayList<>();
        for (Path dir : directories) {
            if (!Files.isDirectory(dir)) {
                continue;
            }
            List<Path> files;
            try (Stream<Path> list = Files.list(dir)) {
                files = list.filter(f -> f.getFileName().toString().endsWith(".md") && Files.isRegularFile(f))
                        .sorted().toList();
            } catch (IOException e) {
                problems.add(new DefinitionProblem(dir, 0, "cannot list the agent definitions: " + e));
                continue;
            }
            for (Path file : files) {
                Object parsed = DefinitionParser.parse(file);
                if (parsed instanceof DefinitionProblem p) {
                    problems.add(p);
                } else {
                    AgentDefinition d = (AgentDefinition) parsed;
                    AgentDefinition first = byName.putIfAbsent(d.name(), d);
                    if (first != null) {
                        problems.add(new DefinitionProblem(file, DefinitionParser.lineOfName(file), "the agent '"
                                + d.name() + "' is already defined in " + first.file() + "; this definition is not used"));
                    }
                }
            }
        }
        return new AgentDefinitions(new ArrayList<>(byName.values()), problems);
    }

    public List<AgentDefinition> definitions() {
        return definitions;
    }

    /** The files, or parts of them, that could not be used, with path and line. */
    public List<DefinitionProblem> problems() {
        return problems;
    }

    public boolean isEmpty() {
        return definitions.isEmpty();
    }

    /**
     * One {@link Subagent} tool per definition. Each child agent starts from {@code base} (the model,
     * interceptors such as approvals and hooks; add no listeners there, the parent's listeners hear
     * the children's events already), gets the definition's name, instructions and model id, and
     * the tools of {@code available} the definition names (all of them when it names none). A child
     * whose tools only read is a read-only subagent, so several run in parallel.
     */
    public Subagents asTools(Supplier<Agent.Builder> base, List<Tool> available) {
        Objects.requireNonNull(base, "base");
        Map<String, Tool> byName = new HashMap<>();
        available.forEach(t -> byName.put(t.name(), t));
        List<Tool> tools = new ArrayList<>();
        List<DefinitionProblem> problems = new ArrayList<>();
        for (AgentDefinition d : definitions) {
            List<Tool> chosen = new ArrayList<>();
            if (d.tools().isEmpty()) {
                chosen.addAll(available);
            } else {
                for (String name : d.tools().get()) {
                    Tool t = byName.get(name);
                    if (t == null) {
                        problems.add(new DefinitionProblem(d.file(), DefinitionParser.lineOf(d.file(), "tools"),
                                "the agent '" + d.name() + "' names the tool '" + name + "', which is not available ("
                                        + String.join(", ", byName.keySet().stream().sorted().toList()) + "); it is left out"));
                    } else {
                        chosen.add(t);
                    }
                }
            }
            Agent.Builder b = base.get().name(d.name()).instructions(d.instructions()).tools(chosen);
            d.model().ifPresent(b::modelId);
            tools.add(Subagent.builder(b.build()).name(d.name()).description(d.description())
                    .readOnly(chosen.stream().allMatch(Tool::readOnly)).limits(d.limits()).build());
        }
        return new Subagents(tools, problems);
    }
}
