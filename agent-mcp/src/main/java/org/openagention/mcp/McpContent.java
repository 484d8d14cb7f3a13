// SPDX-License-Identifier: Apache-2.0
package org.openagention.mcp;

import java.util.Objects;

/**
 * One piece of content an MCP server sends: in a tool's result ({@link McpToolResult}) or a
 * prompt's message ({@link McpPrompt.Message}). Binary data is base64 text, as on the wire.
 * Immutable.
 */
public sealed interface McpContent {
    /** Plain text. */
    record Text(String text) implements McpContent {
        public Text {
            Objects.requireNonNull(text, "text");
        }
    }

    /** An image, such as {@code image/png}, as base64. */
    record Image(String base64, String mimeType) implements McpContent {
        public Image {
            Objects.requireNonNull(base64, "base64");
            Objects.requireNonNull(mimeType, "mimeType");
        }
    }

    /** Audio, such as {@code audio/wav}, as base64. */
    record Audio(String base64, String mimeType) implements McpContent {
        public Audio {
            Objects.requireNonNull(base64, "base64");
            Objects.requireNonNull(mimeType, "mimeType");
        }
    }

    /** A resource embedded in the content. */
    record Resource(McpResourceContents contents) implements McpContent {
        public Resource {
            Objects.requireNonNull(contents, "contents");
        }
    }

    static McpContent text(String text) {
        return new Text(text);
    }
}
