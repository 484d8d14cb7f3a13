// SPDX-License-Identifier: Apache-2.0
package org.openagention.mcp;

import java.util.List;
import java.util.Objects;

/**
 * The result of an {@link McpServedTool}: its content, and whether it reports an error the
 * client's model should read (as MCP's {@code isError}). Immutable.
 */
public record McpToolResult(List<McpContent> content, boolean isError) {
    public McpToolResult {
        content = List.copyOf(Objects.requireNonNull(content, "content"));
    }

    /** A successful result of one text. */
    public static McpToolResult text(String text) {
        return new McpToolResult(List.of(new McpContent.Text(text)), false);
    }

    /** A successful result of these contents, in order. */
    public static McpToolResult of(McpContent... content) {
        return new McpToolResult(List.of(content), false);
    }

    /** An error result whose text says what went wrong. */
    public static McpToolResult error(String message) {
        return new McpToolResult(List.of(new McpContent.Text(message)), true);
    }
}
