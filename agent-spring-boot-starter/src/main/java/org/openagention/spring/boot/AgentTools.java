// SPDX-License-Identifier: Apache-2.0
package org.openagention.spring.boot;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.openagention.core.ConfigurationException;
import org.openagention.core.tool.Tool;

/**
 * The tools the application offers agents: every {@link Tool} bean, then the tools of the MCP
 * servers configured under {@code openagention.mcp.servers}. A bean; inject it into an agent
 * {@code @Bean} to pick tools by name. Immutable and thread-safe.
 *
 * <pre>
 * &#64;Bean
 * Agent support(Agent.Builder agentBuilder, AgentTools tools) {
 *     return agentBuilder.name("support").tools(tools.named(List.of("lookup_order"))).build();
 * }
 * </pre>
 */
public final class AgentTools {
    private final Map<String, Tool> byName;

    AgentTools(List<? extends Tool> tools) {
        Map<String, Tool> map = new LinkedHashMap<>();
        for (Tool tool : tools) {
            Tool clash = map.putIfAbsent(tool.spec().name(), tool);
            if (clash != null) {
                throw new ConfigurationException("two tool beans are named '" + tool.spec().name()
                        + "': tool names must be unique (rename one in its Tool.of(...))");
            }
        }
        this.byName = map;
    }

    /** Every tool, Tool beans first (in their bean order), then MCP servers' tools. */
    public List<Tool> all() {
        return List.copyOf(byName.values());
    }

    /**
     * The tools with these names, in this order; an empty list means {@link #all()}.
     *
     * @throws ConfigurationException naming the unknown tool and the known ones
     */
    public List<Tool> named(List<String> names) {
        if (names.isEmpty()) {
            return all();
        }
        List<Tool> chosen = new ArrayList<>();
        for (String name : names) {
            Tool tool = byName.get(name);
            if (tool == null) {
                throw new ConfigurationException("no tool is named '" + name + "'; the tools are " + byName.keySet());
            }
            chosen.add(tool);
        }
        return List.copyOf(chosen);
    }

    @Override
    public String toString() {
        return "AgentTools" + byName.keySet();
    }
}
