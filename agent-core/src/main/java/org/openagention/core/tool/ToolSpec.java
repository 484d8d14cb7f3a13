// SPDX-License-Identifier: Apache-2.0
package org.openagention.core.tool;

import java.util.Objects;

/**
 * What the model is told about a tool: its name, what it does, and the JSON Schema of its
 * arguments (an object schema, as a JSON string).
 */
public record ToolSpec(String name, String description, String inputSchemaJson) {
    public ToolSpec {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(description, "description");
        Objects.requireNonNull(inputSchemaJson, "inputSchemaJson");
        if (!ToolNames.isValid(name)) {
            throw new IllegalArgumentException("tool name '" + name
                    + "' is not valid: use 1 to 64 letters, digits, '_' or '-' (what every provider accepts)");
        }
    }
}
