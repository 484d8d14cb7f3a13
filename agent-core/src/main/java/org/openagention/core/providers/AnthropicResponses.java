// SPDX-License-Identifier: Apache-2.0
package org.openagention.core.providers;

import com.fasterxml.jackson.databind.JsonNode;
import org.openagention.core.internal.Json;
import org.openagention.core.message.Content;
import org.openagention.core.model.FinishReason;
import org.openagention.core.model.ModelResponse;
import org.openagention.core.model.Usage;
import org.openagention.core.providers.internal.MalformedResponseException;

/** Reads a Messages API response body into a {@link ModelResponse}. */
final class AnthropicResponses {
    private AnthropicResponses() {}

    static ModelResponse parse(JsonNode body) {
        if (!body.isObject() || !body.path("content").isArray()) {
            throw new MalformedResponseException("a Messages API response needs a 'content' array");
        }
        ModelResponse.Builder b = ModelResponse.builder().id(Json.text(body, "id", ""))
                .modelId(Json.text(body, "model", ""))
                .finishReason(finishReason(Json.text(body, "stop_reason", null)))
                .usage(usage(body.get("usage"), Usage.ZERO));
        for (JsonNode block : body.get("content")) {
            b.addContent(block(block));
        }
        return b.build();
    }

    /** One response block as transcript content; blocks we do not model are kept whole. */
    static Content block(JsonNode block) {
        String type = Json.text(block, "type", "");
        switch (type) {
            case "text":
                return new Content.Text(Json.text(block, "text", ""));
            case "tool_use":
                JsonNode input = block.get("input");
                return new Content.ToolUse(Json.text(block, "id", ""), Json.text(block, "name", ""),
                        input == null || input.isNull() ? "{}" : Json.write(input));
            case "thinking":
                return new Content.Thinking(Json.text(block, "thinking", ""), Json.text(block, "signature", ""), false);
            case "redacted_thinking":
                return new Content.Thinking(Json.text(block, "data", ""), "", true);
            default:
                return new Content.Unknown(AnthropicRequests.PROVIDER, type, Json.write(block));
        }
    }

    static FinishReason finishReason(String stopReason) {
        if (stopReason == null) {
            return FinishReason.OTHER;
        }
        return switch (stopReason) {
            case "end_turn" -> FinishReason.END_TURN;
            case "tool_use" -> FinishReason.TOOL_USE;
            case "max_tokens", "model_context_window_exceeded" -> FinishReason.MAX_TOKENS;
            case "stop_sequence" -> FinishReason.STOP_SEQUENCE;
            case "pause_turn" -> FinishReason.PAUSE;
            case "refusal" -> FinishReason.REFUSAL;
            default -> FinishReason.OTHER;
        };
    }

    /**
     * The usage object read over {@code base}: fields present in {@code node} replace those of
     * {@code base}, so a stream's {@code message_delta} can update what {@code message_start} said.
     */
    static Usage usage(JsonNode node, Usage base) {
        if (node == null || !node.isObject()) {
            return base;
        }
        return new Usage(
                node.has("input_tokens") ? WireJson.longAt(node, "input_tokens") : base.inputTokens(),
                node.has("output_tokens") ? WireJson.longAt(node, "output_tokens") : base.outputTokens(),
                node.has("cache_read_input_tokens") ? WireJson.longAt(node, "cache_read_input_tokens")
                        : base.cacheReadTokens(),
                node.has("cache_creation_input_tokens") ? WireJson.longAt(node, "cache_creation_input_tokens")
                        : base.cacheWriteTokens());
    }
}
