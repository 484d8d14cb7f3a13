// SPDX-License-Identifier: Apache-2.0
package org.openagention.mcp.internal;

import io.modelcontextprotocol.json.McpJsonMapper;
import io.modelcontextprotocol.server.McpServerFeatures;
import io.modelcontextprotocol.spec.McpSchema;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.openagention.core.tool.Tool;
import org.openagention.core.tool.ToolCall;
import org.openagention.core.tool.ToolContext;
import org.openagention.core.tool.ToolRegistry;
import org.openagention.core.tool.ToolResult;

/**
 * Our tools as MCP server tools: each call goes through {@link ToolRegistry#execute} (argument
 * validation and the registry's interceptors, such as an approval policy), and a
 * {@link ToolResult.Error} becomes an {@code isError} result whose text the client's model reads.
 * Thread-safe.
 */
public final class ServedTools {
    private final ToolRegistry registry;
    private final McpJsonMapper mapper;
    private final AtomicLong calls = new AtomicLong();

    public ServedTools(ToolRegistry registry, McpJsonMapper mapper) {
        this.registry = registry;
        this.mapper = mapper;
    }

    /** Runs one {@code tools/call} through the registry. */
    public McpSchema.CallToolResult call(McpSchema.CallToolRequest request) {
        Map<String, Object> args = request.arguments() == null ? Map.of() : request.arguments();
        ToolCall call = new ToolCall("mcp-" + calls.incrementAndGet(), request.name(), McpJson.write(args));
        ToolResult result = registry.execute(call, ToolContext.standalone());
        return toCallToolResult(result);
    }

    static McpSchema.CallToolResult toCallToolResult(ToolResult result) {
        return McpSchema.CallToolResult.builder().addTextContent(result.text()).isError(result.isError()).build();
    }

    /** The MCP description of one of our tools. */
    McpSchema.Tool describe(Tool tool) {
        return McpSchema.Tool.builder()
                .name(tool.spec().name())
                .description(tool.spec().description())
                .inputSchema(mapper, tool.spec().inputSchemaJson())
                .annotations(new McpSchema.ToolAnnotations(null, tool.readOnly(), tool.readOnly() ? false : null, null, null, null))
                .build();
    }

    /** Tool specifications for the server (both transports). */
    public List<McpServerFeatures.SyncToolSpecification> forSession() {
        return registry.tools().stream().map(t -> McpServerFeatures.SyncToolSpecification.builder()
                .tool(describe(t))
                .callHandler((exchange, request) -> call(request))
                .build()).toList();
    }
}
