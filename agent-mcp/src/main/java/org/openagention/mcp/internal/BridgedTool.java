// SPDX-License-Identifier: Apache-2.0
package org.openagention.mcp.internal;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.modelcontextprotocol.spec.McpSchema;
import java.util.Map;
import org.openagention.core.tool.Tool;
import org.openagention.core.tool.ToolCall;
import org.openagention.core.tool.ToolContext;
import org.openagention.core.tool.ToolResult;
import org.openagention.core.tool.ToolSpec;

/**
 * One tool of an MCP server, seen as a {@link Tool}: the prefixed name, the server's description
 * and input schema, {@code readOnlyHint} as {@link #readOnly()}, and calls sent through the
 * server's connection under the tool's own MCP name. Immutable and thread-safe.
 */
public final class BridgedTool implements Tool {
    private final ToolSpec spec;
    private final String mcpName;
    private final boolean readOnly;
    private final ServerConnection connection;

    public BridgedTool(String modelName, String server, McpSchema.Tool tool, ServerConnection connection) {
        this.mcpName = tool.name();
        this.connection = connection;
        this.readOnly = tool.annotations() != null && Boolean.TRUE.equals(tool.annotations().readOnlyHint());
        this.spec = new ToolSpec(modelName, description(server, tool), schema(tool.inputSchema()));
    }

    /** The tool's name on its server. */
    public String mcpName() {
        return mcpName;
    }

    @Override
    public ToolSpec spec() {
        return spec;
    }

    @Override
    public boolean readOnly() {
        return readOnly;
    }

    @Override
    public ToolResult call(ToolCall call, ToolContext context) {
        return connection.call(mcpName, call.argumentsJson(), context);
    }

    @Override
    public String toString() {
        return "McpTool[" + spec.name() + " -> " + mcpName + "]";
    }

    private static String description(String server, McpSchema.Tool tool) {
        String d = tool.description();
        if (d == null || d.isBlank()) {
            d = tool.title();
        }
        if (d == null || d.isBlank()) {
            d = "Tool '" + tool.name() + "' of MCP server '" + server + "'.";
        }
        return d;
    }

    /** The server's schema as an object schema (providers require {@code "type": "object"}). */
    static String schema(Map<String, Object> inputSchema) {
        ObjectNode node = inputSchema == null ? McpJson.MAPPER.createObjectNode()
                : McpJson.MAPPER.valueToTree(inputSchema);
        if (!node.has("type")) {
            node.put("type", "object");
        }
        if (!node.has("properties")) {
            node.putObject("properties");
        }
        return node.toString();
    }
}
