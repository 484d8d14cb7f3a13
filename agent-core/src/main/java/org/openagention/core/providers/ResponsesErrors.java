package org.openagention.core.providers;

import com.fasterxml.jackson.databind.JsonNode;
import org.openagention.core.internal.Json;
import org.openagention.core.model.ModelException;

/** Turns OpenAI Responses API errors into typed exceptions. */
final class ResponsesErrors {
    private ResponsesErrors() {}

    static ModelException malformed(String message, String requestId) {
        return new ModelException("OpenAI Responses: the response could not be understood: " + message, 0,
                requestId, false, null);
    }

    /** The exception for an error object ({@code {"code":...,"message":...}}); status 0 inside a stream. */
    static ModelException fromError(int status, JsonNode error, String requestId) {
        String code = Json.text(error, "code", Json.text(error, "type", "error"));
        return new ModelException("OpenAI Responses " + code + ": " + Json.text(error, "message", ""), status,
                requestId, false, null);
    }
}
