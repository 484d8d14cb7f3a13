// SPDX-License-Identifier: Apache-2.0
package org.openagention.core.providers.internal;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.Locale;
import org.openagention.core.internal.Json;
import org.openagention.core.model.AuthenticationException;
import org.openagention.core.model.ContextWindowExceededException;
import org.openagention.core.model.InvalidRequestException;
import org.openagention.core.model.ModelException;
import org.openagention.core.model.NotFoundException;
import org.openagention.core.model.OverloadedException;
import org.openagention.core.model.PermissionDeniedException;
import org.openagention.core.model.RateLimitedException;
import org.openagention.core.model.ServerException;

/**
 * Turns a provider's error response into the typed {@link ModelException} for it. Understands
 * the OpenAI shape ({@code {"error":{"message","type","code"}}}), the Anthropic shape
 * ({@code {"type":"error","error":{"type","message"}}}) and the looser shapes of OpenAI-compatible
 * servers ({@code {"error":"text"}}, {@code {"message":...}}, plain text). Internal.
 */
public final class ProviderErrors {
    private static final int MAX_DETAIL = 500;

    private ProviderErrors() {}

    /** The exception for an HTTP error response ({@code status} 0 for an error event in a stream). */
    public static ModelException fromResponse(String provider, int status, String requestId, String body,
            Duration retryAfter, Redactor redactor) {
        Detail d = Detail.parse(body);
        String where = status == 0 ? provider + " sent an error event" : provider + " returned HTTP " + status;
        StringBuilder msg = new StringBuilder(where);
        if (!d.kind().isEmpty()) {
            msg.append(" (").append(d.kind()).append(')');
        }
        if (!d.message().isEmpty()) {
            msg.append(": ").append(d.message());
        }
        if (requestId != null) {
            msg.append(" [request id ").append(requestId).append(']');
        }
        String text = redactor.redact(msg.toString());
        String kind = d.kind().toLowerCase(Locale.ROOT);
        if (status != 429 && isContextOverflow(kind, d.message())) {
            return new ContextWindowExceededException(text, status, requestId);
        }
        if (status == 529 || kind.contains("overloaded")) {
            return new OverloadedException(text, status, requestId);
        }
        switch (status) {
            case 401:
                return new AuthenticationException(text, status, requestId);
            case 403:
                return new PermissionDeniedException(text, status, requestId);
            case 404:
                return new NotFoundException(text, status, requestId);
            case 429:
                return new RateLimitedException(text, status, requestId, retryAfter);
            case 400: case 413: case 422:
                return new InvalidRequestException(text, status, requestId);
            case 408: case 409:
                return new ServerException(text, status, requestId);
            case 0:
                return fromKind(kind, text, requestId);
            default:
                if (status >= 500) {
                    return new ServerException(text, status, requestId);
                }
                return new ModelException(text, status, requestId, false, null);
        }
    }

    private static ModelException fromKind(String kind, String text, String requestId) {
        if (kind.contains("rate_limit")) {
            return new RateLimitedException(text, 0, requestId, null);
        }
        if (kind.contains("authentication") || kind.contains("invalid_api_key")) {
            return new AuthenticationException(text, 0, requestId);
        }
        if (kind.contains("permission")) {
            return new PermissionDeniedException(text, 0, requestId);
        }
        if (kind.contains("not_found")) {
            return new NotFoundException(text, 0, requestId);
        }
        if (kind.contains("invalid_request")) {
            return new InvalidRequestException(text, 0, requestId);
        }
        return new ServerException(text, 0, requestId);
    }

    /** Whether an error says the prompt is longer than the model's context window. */
    static boolean isContextOverflow(String kind, String message) {
        if (kind.contains("context_length_exceeded") || kind.contains("context_window_exceeded")
                || kind.contains("exceed_context_size")) {
            return true;
        }
        String m = message.toLowerCase(Locale.ROOT);
        return m.contains("prompt is too long") // Anthropic
                || m.contains("maximum context length") // OpenAI, vLLM
                || m.contains("context length exceeded")
                || m.contains("context window")
                || m.contains("exceeds the available context size") // llama.cpp
                || m.contains("exceed context limit") // Anthropic: input length and max_tokens exceed context limit
                || m.contains("too many tokens");
    }

    /** What an error body says: its kind (type or code) and message, both possibly empty. */
    record Detail(String kind, String message) {
        static Detail parse(String body) {
            String trimmed = body == null ? "" : body.strip();
            if (trimmed.startsWith("{")) {
                try {
                    return fromJson(Json.parse(trimmed));
                } catch (Exception notJson) {
                    // fall through: keep the text
                }
            }
            return new Detail("", clip(trimmed));
        }

        private static Detail fromJson(JsonNode root) {
            JsonNode error = root.get("error");
            JsonNode holder = error != null && error.isObject() ? error : root;
            String message = error != null && error.isTextual() ? error.asText() : Json.text(holder, "message", "");
            String type = Json.text(holder, "type", "");
            if ("error".equals(type)) {
                type = "";
            }
            String code = Json.text(holder, "code", "");
            String kind = type.isEmpty() ? code : code.isEmpty() || code.equals(type) ? type : type + "/" + code;
            return new Detail(kind, clip(message));
        }

        private static String clip(String s) {
            return s.length() <= MAX_DETAIL ? s : s.substring(0, MAX_DETAIL) + "... (" + s.length() + " chars)";
        }
    }
}
