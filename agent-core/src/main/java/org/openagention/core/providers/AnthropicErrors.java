package org.openagention.core.providers;

import com.fasterxml.jackson.databind.JsonNode;
import org.openagention.core.internal.Json;
import org.openagention.core.model.ModelException;

/** Turns Anthropic error bodies into typed exceptions. */
final class AnthropicErrors {
    private AnthropicErrors() {}

    static ModelException malformed(String message, String requestId) {
        return new ModelException("Anthropic: the response could not be understood: " + message, 0, requestId,
                false, null);
    }

    /**
     * The exception for an error body ({@code {"type":"error","error":{"type":...,"message":...}}}).
     *
     * @param status the HTTP status, or 0 for an {@code error} event in a stream
     */
    static ModelException fromErrorBody(int status, JsonNode body, String requestId, boolean midStream) {
        JsonNode error = body.path("error");
        String type = Json.text(error, "type", "");
        String message = "Anthropic " + (type.isEmpty() ? "error" : type) + ": " + Json.text(error, "message", "");
        return new ModelException(message, status, requestId, false, null);
    }
}
