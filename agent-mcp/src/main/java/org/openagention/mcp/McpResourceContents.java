// SPDX-License-Identifier: Apache-2.0
package org.openagention.mcp;

import java.util.Objects;
import java.util.Optional;

/**
 * What reading a resource gives: text, or binary data as base64 ({@link #text()} and
 * {@link #base64()}: exactly one is present). Immutable.
 *
 * @param uri the resource's URI
 * @param mimeType its media type, such as {@code text/plain} or {@code image/png}
 */
public record McpResourceContents(String uri, String mimeType, Optional<String> text, Optional<String> base64) {
    public McpResourceContents {
        Objects.requireNonNull(uri, "uri");
        Objects.requireNonNull(mimeType, "mimeType");
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(base64, "base64");
        if (text.isPresent() == base64.isPresent()) {
            throw new IllegalArgumentException("resource contents of " + uri + " must be text or base64 data, exactly one of them");
        }
    }

    public static McpResourceContents text(String uri, String mimeType, String text) {
        return new McpResourceContents(uri, mimeType, Optional.of(text), Optional.empty());
    }

    public static McpResourceContents blob(String uri, String mimeType, String base64) {
        return new McpResourceContents(uri, mimeType, Optional.empty(), Optional.of(base64));
    }
}
