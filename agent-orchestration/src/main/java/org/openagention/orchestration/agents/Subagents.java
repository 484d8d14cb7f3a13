// SPDX-License-Identifier: Apache-2.0
package org.openagention.orchestration.agents;

import java.util.List;
import org.openagention.core.tool.Tool;

/**
 * The subagent tools made from agent definitions, and what could not be made (a definition that
 * names a tool the parent does not have: the tool is left out, and said so).
 *
 * @param tools one {@link org.openagention.core.Subagent} per definition
 * @param problems what was left out, with file and line
 */
public record Subagents(List<Tool> tools, List<DefinitionProblem> problems) {
    public Subagents {
        tools = List.copyOf(tools);
        problems = List.copyOf(problems);
    }
}
