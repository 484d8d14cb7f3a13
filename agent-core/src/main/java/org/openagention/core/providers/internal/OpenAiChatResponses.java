// SPDX-License-Identifier: Apache-2.0
package org.openagention.core.providers.internal;

import com.fasterxml.jackson.databind.JsonNode;
import org.openagention.core.internal.Json;
import org.openagention.core.message.Content;
import org.openagention.core.model.FinishReason;
import org.openagention.core.model.ModelResponse;
import org.openagention.core.model.Usage;

/**
 * Reads an OpenAI Chat Completions response (and the pieces a stream shares with it) into a
 * {@link ModelResponse}. Tolerant of OpenAI-compatible servers: missing usage, missing tool-call
 * ids (stable ones are generated), arguments sent as a JSON object, {@code content} null or a list
 * of parts, reasoning sent as {@code reasoning_content} or {@code reasoning}. Stateless.
 */
public final class OpenAiChatResponses {
    private OpenAiChatResponses() {}

    /** The whole response of a non-streaming call. */
    public static ModelResponse read(JsonNode root, String provider, Redactor redactor) {
        JsonNode error = root.get("error");
        if (error != null && !error.isNull()) {
            throw ProviderErrors.fromResponse(provider, 0, null, root.toString(), null, redactor);
        }
        JsonNode choices = root.get("choices");
        if (choices == null || !choices.isArray() || choices.isEmpty()) {
            throw new MalformedResponseException("a response without choices");
        }
        JsonNode choice = choices.get(0);
        JsonNode message = choice.get("message");
        if (message == null || !message.isObject()) {
            throw new MalformedResponseException("a choice without a message");
        }
        String id = Json.text(root, "id", "");
        ModelResponse.Builder b = ModelResponse.builder().id(id).modelId(Json.text(root, "model", ""));
        String thinking = reasoning(message);
        if (!thinking.isEmpty()) {
            b.addContent(new Content.Thinking(thinking));
        }
        String text = text(message.get("content"));
        String refusal = Json.text(message, "refusal", "");
        if (!text.isEmpty()) {
            b.addText(text);
        } else if (!refusal.isEmpty()) {
            b.addText(refusal);
        }
        boolean hasCalls = false;
        JsonNode calls = message.get("tool_calls");
        if (calls != null && calls.isArray()) {
            for (int i = 0; i < calls.size(); i++) {
                JsonNode call = calls.get(i);
                JsonNode fn = call.path("function");
                String name = Json.text(fn, "name", "");
                if (name.isEmpty()) {
                    throw new MalformedResponseException("a tool call without a function name");
                }
                String callId = Json.text(call, "id", "");
                b.addToolUse(callId.isEmpty() ? generatedId(id, i, name) : callId, name, arguments(fn.get("arguments")));
                hasCalls = true;
            }
        }
        JsonNode legacy = message.get("function_call");
        if (!hasCalls && legacy != null && legacy.isObject()) {
            String name = Json.text(legacy, "name", "");
            b.addToolUse(generatedId(id, 0, name), name, arguments(legacy.get("arguments")));
            hasCalls = true;
        }
        String finish = Json.text(choice, "finish_reason", "");
        FinishReason reason = finishReason(finish, hasCalls);
        if (reason == FinishReason.END_TURN && text.isEmpty() && !refusal.isEmpty()) {
            reason = FinishReason.REFUSAL;
        }
        return b.finishReason(reason).usage(usage(root.get("usage"))).build();
    }

    /** The text of a {@code content} field: a string, null, or a list of parts. */
    static String text(JsonNode content) {
        if (content == null || content.isNull()) {
            return "";
        }
        if (content.isTextual()) {
            return content.asText();
        }
        if (content.isArray()) {
            StringBuilder sb = new StringBuilder();
            for (JsonNode part : content) {
                if (part.isTextual()) {
                    sb.append(part.asText());
                } else if ("text".equals(Json.text(part, "type", "text"))) {
                    sb.append(Json.text(part, "text", ""));
                }
            }
            return sb.toString();
        }
        return content.toString();
    }

    /** Reasoning text that OpenAI-compatible servers send beside the answer. */
    static String reasoning(JsonNode message) {
        JsonNode r = message.get("reasoning_content");
        if (r == null || !r.isTextual()) {
            r = message.get("reasoning");
        }
        return r != null && r.isTextual() ? r.asText() : "";
    }

    /** Tool arguments as JSON text: a string as is (empty means no arguments), an object serialized. */
    static String arguments(JsonNode args) {
        if (args == null || args.isNull()) {
            return "{}";
        }
        if (args.isTextual()) {
            String s = args.asText();
            return s.isEmpty() ? "{}" : s;
        }
        return args.toString();
    }

    /**
     * A stable id for a tool call the server sent without one: the same for the same response,
     * position and tool, so that streaming and blocking calls agree.
     */
    static String generatedId(String responseId, int index, String name) {
        int h = 17;
        h = 31 * h + responseId.hashCode();
        h = 31 * h + name.hashCode();
        return "call_" + Integer.toHexString(h) + "_" + index;
    }

    static FinishReason finishReason(String finish, boolean hasCalls) {
        switch (finish) {
            case "tool_calls":
            case "function_call":
                return FinishReason.TOOL_USE;
            case "length":
                return FinishReason.MAX_TOKENS;
            case "content_filter":
                return FinishReason.CONTENT_FILTER;
            case "stop":
            case "":
                // some compatible servers say "stop" (or nothing) when the turn ends in tool calls
                return hasCalls ? FinishReason.TOOL_USE : FinishReason.END_TURN;
            default:
                return hasCalls ? FinishReason.TOOL_USE : FinishReason.OTHER;
        }
    }

    /** Usage, with cached prompt tokens counted apart from the rest of the input. */
    static Usage usage(JsonNode usage) {
        if (usage == null || !usage.isObject()) {
            return Usage.ZERO;
        }
        long prompt = Math.max(0, usage.path("prompt_tokens").asLong(0));
        long completion = Math.max(0, usage.path("completion_tokens").asLong(0));
        long cached = Math.max(0, usage.path("prompt_tokens_details").path("cached_tokens").asLong(0));
        cached = Math.min(cached, prompt);
        return new Usage(prompt - cached, completion, cached, 0);
    }
}
