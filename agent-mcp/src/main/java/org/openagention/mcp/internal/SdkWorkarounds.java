// SPDX-License-Identifier: Apache-2.0
package org.openagention.mcp.internal;

import io.modelcontextprotocol.spec.McpSchema;

/**
 * Corrections applied to what the MCP Java SDK (2.1.0) sends, on its way out of our transports.
 *
 * <p>The SDK answers {@code tools/call} for a tool it does not know with the fixed message
 * {@code "Unknown tool: invalid_tool_name"} and names the tool only in {@code data} ("Tool not
 * found: NAME"), in both {@code McpAsyncServer} and {@code McpStatelessAsyncServer}. A client's
 * model reads the message, so we put the tool's name there. Upstream report (for
 * modelcontextprotocol/java-sdk; not yet filed, no existing issue found): "tools/call for an
 * unknown tool answers 'Unknown tool: invalid_tool_name' whatever the name; build the message from
 * CallToolRequest.name()". Remove this once the SDK does.
 */
public final class SdkWorkarounds {
    private static final String FIXED_MESSAGE = "Unknown tool: invalid_tool_name";
    private static final String DATA_PREFIX = "Tool not found: ";

    private SdkWorkarounds() {}

    /** {@code message}, with the unknown-tool error naming the tool that was asked for. */
    public static McpSchema.JSONRPCMessage outgoing(McpSchema.JSONRPCMessage message) {
        if (message instanceof McpSchema.JSONRPCResponse r && r.error() != null
                && FIXED_MESSAGE.equals(r.error().message())
                && r.error().data() instanceof String data && data.startsWith(DATA_PREFIX)) {
            String tool = data.substring(DATA_PREFIX.length());
            return McpSchema.JSONRPCResponse.error(r.id(), new McpSchema.JSONRPCResponse.JSONRPCError(
                    r.error().code(), "Unknown tool: " + tool, data));
        }
        return message;
    }
}
