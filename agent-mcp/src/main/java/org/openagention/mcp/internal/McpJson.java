// SPDX-License-Identifier: Apache-2.0
package org.openagention.mcp.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.modelcontextprotocol.json.McpJsonMapper;
import io.modelcontextprotocol.json.jackson2.JacksonMcpJsonMapper;
import java.io.UncheckedIOException;

/** The module's Jackson 2 mapper, and the MCP SDK's JSON mapper built on it. */
public final class McpJson {
    public static final ObjectMapper MAPPER = new ObjectMapper()
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

    /** Creates a fresh SDK mapper over {@link #MAPPER} (explicit, so no service lookup picks Jackson 3). */
    public static McpJsonMapper sdkMapper() {
        return new JacksonMcpJsonMapper(MAPPER);
    }

    private McpJson() {}

    /** {@code value} as JSON text. */
    public static String write(Object value) {
        try {
            return MAPPER.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
