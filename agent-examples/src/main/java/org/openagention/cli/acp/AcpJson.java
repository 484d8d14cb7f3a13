// SPDX-License-Identifier: Apache-2.0
package org.openagention.cli.acp;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** The ACP side's JSON mapper and node helpers. */
final class AcpJson {
    static final ObjectMapper MAPPER = new ObjectMapper().disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    private AcpJson() {}

    static ObjectNode object() {
        return MAPPER.createObjectNode();
    }

    static ArrayNode array() {
        return MAPPER.createArrayNode();
    }

    /** {@code json} parsed, or an empty object when it is not a JSON object (a model's broken arguments). */
    static JsonNode parse(String json) {
        try {
            JsonNode n = MAPPER.readTree(json);
            return n != null && n.isObject() ? n : object();
        } catch (Exception e) {
            return object();
        }
    }

    /** A text content block. */
    static ObjectNode text(String text) {
        return object().put("type", "text").put("text", text);
    }

    /** The required string {@code field} of {@code params}, or an invalid-params error naming it. */
    static String required(JsonNode params, String field) {
        JsonNode v = params.get(field);
        if (v == null || !v.isTextual() || v.asText().isEmpty()) {
            throw new JsonRpc.RpcError(JsonRpc.RpcError.INVALID_PARAMS, "missing the string parameter '" + field + "'");
        }
        return v.asText();
    }
}
