// SPDX-License-Identifier: Apache-2.0
package org.openagention.tools.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Optional;

/** Reads one argument out of a tool call's arguments JSON. Thread-safe. */
public final class ArgumentsJson {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private ArgumentsJson() {}

    /**
     * The value of argument {@code name} (a top-level field, or a JSON Pointer when it starts
     * with {@code /}): the text of a string, the JSON of anything else; empty when the arguments
     * are not a JSON object or lack the argument.
     */
    public static Optional<String> value(String argumentsJson, String name) {
        JsonNode root;
        try {
            root = MAPPER.readTree(argumentsJson);
        } catch (JsonProcessingException e) {
            return Optional.empty();
        }
        if (root == null || !root.isObject()) {
            return Optional.empty();
        }
        JsonNode node = name.startsWith("/") ? root.at(name) : root.get(name);
        if (node == null || node.isMissingNode() || node.isNull()) {
            return Optional.empty();
        }
        return Optional.of(node.isTextual() ? node.asText() : node.toString());
    }
}
