// SPDX-License-Identifier: Apache-2.0
package org.openagention.core.providers;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Optional;
import org.openagention.core.internal.Json;

/** Small JSON helpers shared by the provider mappings. */
final class WireJson {
    private WireJson() {}

    /** The JSON text parsed, or empty when it is not JSON. */
    static Optional<JsonNode> tryParse(String text) {
        if (text == null || text.isBlank()) {
            return Optional.empty();
        }
        try {
            return Optional.of(Json.parse(text));
        } catch (JsonProcessingException e) {
            return Optional.empty();
        }
    }

    /**
     * Tool arguments in one canonical form: compact JSON when they parse, {@code {}} when there are
     * none, and the text unchanged when it is malformed (the tool registry reports that to the model).
     */
    static String canonicalArguments(String raw) {
        if (raw == null || raw.isBlank()) {
            return "{}";
        }
        return tryParse(raw).map(Json::write).orElse(raw);
    }

    /** Tool arguments as the object a provider expects on the wire; {@code {}} when they are not an object. */
    static ObjectNode argumentsObject(String argumentsJson) {
        return tryParse(argumentsJson).filter(JsonNode::isObject).map(n -> (ObjectNode) n).orElseGet(Json::object);
    }

    /** A JSON object we were given as text by the caller (a schema); fails clearly when it is not one. */
    static ObjectNode callerObject(String json, String what) {
        JsonNode n = tryParse(json).orElseThrow(() -> new IllegalArgumentException(what + " is not valid JSON"));
        if (!n.isObject()) {
            throw new IllegalArgumentException(what + " must be a JSON object, not " + n.getNodeType());
        }
        return (ObjectNode) n;
    }

    static long longAt(JsonNode node, String field) {
        JsonNode v = node == null ? null : node.get(field);
        return v == null || !v.isNumber() ? 0 : Math.max(0, v.asLong());
    }
}
