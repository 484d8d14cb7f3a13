// SPDX-License-Identifier: Apache-2.0
package org.openagention.core.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import org.openagention.core.tool.ToolResult;
import org.openagention.core.tool.ToolSpec;

/** Parsing and checking a model's tool arguments, with errors the model can act on. */
public final class ToolArguments {
    private static final int SCHEMA_HINT_LIMIT = 1500;

    private ToolArguments() {}

    /** Parses arguments; blank text (a tool without arguments, as some providers send it) reads as {}. */
    public static JsonNode parse(String argumentsJson) throws JsonProcessingException {
        if (argumentsJson.isBlank()) {
            return Json.object();
        }
        return Json.parse(argumentsJson);
    }

    public static ToolResult malformed(ToolSpec spec, JsonProcessingException e) {
        return ToolResult.error(ToolResult.ErrorKind.INVALID_ARGUMENTS,
                "The arguments for " + spec.name() + " are not valid JSON (" + e.getOriginalMessage().replace('\n', ' ')
                        + "). Send a JSON object matching this schema: " + schemaHint(spec));
    }

    public static ToolResult notAnObject(ToolSpec spec, JsonNode node) {
        return ToolResult.error(ToolResult.ErrorKind.INVALID_ARGUMENTS,
                "The arguments for " + spec.name() + " must be a JSON object but were " + SchemaKeywords.describe(node)
                        + ". Send a JSON object matching this schema: " + schemaHint(spec));
    }

    public static ToolResult invalid(ToolSpec spec, List<String> errors) {
        return ToolResult.error(ToolResult.ErrorKind.INVALID_ARGUMENTS,
                "The arguments for " + spec.name() + " do not match its schema:\n- " + String.join("\n- ", errors)
                        + "\nSchema: " + schemaHint(spec));
    }

    private static String schemaHint(ToolSpec spec) {
        String schema = spec.inputSchemaJson();
        return schema.length() <= SCHEMA_HINT_LIMIT ? schema : schema.substring(0, SCHEMA_HINT_LIMIT) + "...";
    }
}
