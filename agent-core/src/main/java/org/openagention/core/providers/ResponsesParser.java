// SPDX-License-Identifier: Apache-2.0
package org.openagention.core.providers;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import org.openagention.core.internal.Json;
import org.openagention.core.message.Content;
import org.openagention.core.model.FinishReason;
import org.openagention.core.model.ModelResponse;
import org.openagention.core.model.Usage;
import org.openagention.core.providers.internal.MalformedResponseException;

/** Reads an OpenAI Responses API response object into a {@link ModelResponse}. */
final class ResponsesParser {
    private ResponsesParser() {}

    /**
     * The response; {@code items} replaces the response's own {@code output} when the response
     * carries none (a stream's terminal event may leave it out).
     */
    static ModelResponse parse(JsonNode response, List<JsonNode> items) {
        if (!response.isObject()) {
            throw new MalformedResponseException("a Responses API response must be a JSON object");
        }
        JsonNode output = response.path("output");
        Iterable<JsonNode> outputItems = output.isArray() && !output.isEmpty() ? output : items;
        ModelResponse.Builder b = ModelResponse.builder().id(Json.text(response, "id", ""))
                .modelId(Json.text(response, "model", "")).usage(usage(response.get("usage")));
        boolean toolCalls = false;
        boolean refused = false;
        for (JsonNode item : outputItems) {
            switch (Json.text(item, "type", "")) {
                case "message" -> {
                    for (JsonNode part : item.path("content")) {
                        String partType = Json.text(part, "type", "");
                        if (partType.equals("output_text")) {
                            b.addText(Json.text(part, "text", ""));
                        } else if (partType.equals("refusal")) {
                            b.addText(Json.text(part, "refusal", ""));
                            refused = true;
                        }
                    }
                }
                case "function_call" -> {
                    b.addToolUse(Json.text(item, "call_id", Json.text(item, "id", "")), Json.text(item, "name", ""),
                            WireJson.canonicalArguments(arguments(item.get("arguments"))));
                    toolCalls = true;
                }
                default -> b.addContent(new Content.Unknown(ResponsesRequests.PROVIDER, Json.text(item, "type", ""),
                        Json.write(item)));
            }
        }
        return b.finishReason(finishReason(response, toolCalls, refused)).build();
    }

    /** Arguments as text; some compatible servers send an object instead of a string. */
    static String arguments(JsonNode args) {
        if (args == null || args.isNull()) {
            return "";
        }
        return args.isTextual() ? args.asText() : Json.write(args);
    }

    static FinishReason finishReason(JsonNode response, boolean toolCalls, boolean refused) {
        String status = Json.text(response, "status", "completed");
        if (status.equals("incomplete")) {
            String reason = Json.text(response.path("incomplete_details"), "reason", "");
            return reason.equals("max_output_tokens") ? FinishReason.MAX_TOKENS
                    : reason.equals("content_filter") ? FinishReason.CONTENT_FILTER : FinishReason.OTHER;
        }
        if (!status.equals("completed")) {
            return FinishReason.OTHER;
        }
        return toolCalls ? FinishReason.TOOL_USE : refused ? FinishReason.REFUSAL : FinishReason.END_TURN;
    }

    /** Usage; OpenAI counts cached tokens inside {@code input_tokens}, we count them apart. */
    static Usage usage(JsonNode u) {
        if (u == null || !u.isObject()) {
            return Usage.ZERO;
        }
        long cached = WireJson.longAt(u.path("input_tokens_details"), "cached_tokens");
        long input = WireJson.longAt(u, "input_tokens");
        return new Usage(Math.max(0, input - cached), WireJson.longAt(u, "output_tokens"), Math.min(cached, input), 0);
    }
}
