// SPDX-License-Identifier: Apache-2.0
package org.openagention.core.providers;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import org.openagention.core.internal.Json;
import org.openagention.core.providers.internal.OpenAiChatRequests;
import org.openagention.core.message.AssistantMessage;
import org.openagention.core.message.Content;
import org.openagention.core.message.Message;
import org.openagention.core.message.SystemMessage;
import org.openagention.core.message.ToolResultMessage;
import org.openagention.core.model.ModelRequest;
import org.openagention.core.model.ToolChoice;
import org.openagention.core.tool.ToolSpec;

/** Builds the body of an OpenAI Responses API request from a {@link ModelRequest}. */
final class ResponsesRequests {
    static final String PROVIDER = "openai-responses";

    /**
     * The per-model settings the request needs.
     *
     * @param reasoningEffort {@code low}, {@code medium}... or empty to leave the model's default
     * @param store whether the provider may keep the response; null leaves its default
     * @param promptCacheKey whether to send {@code prompt_cache_key}, a hash of the request's run id
     */
    record Options(String model, int maxOutputTokens, String reasoningEffort, Boolean store, boolean promptCacheKey) {
        Options(String model, int maxOutputTokens, String reasoningEffort, Boolean store) {
            this(model, maxOutputTokens, reasoningEffort, store, false);
        }
    }

    private ResponsesRequests() {}

    static ObjectNode body(ModelRequest request, Options options, boolean stream) {
        ObjectNode body = Json.object();
        body.put("model", request.model().orElse(options.model()));
        String instructions = instructions(request);
        if (!instructions.isEmpty()) {
            body.put("instructions", instructions);
        }
        body.set("input", input(request.messages()));
        if (!request.tools().isEmpty()) {
            ArrayNode tools = body.putArray("tools");
            for (ToolSpec spec : request.tools()) {
                // strict mode would reject schemas that leave properties optional; the loop validates.
                tools.addObject().put("type", "function").put("name", spec.name()).put("description", spec.description())
                        .put("strict", false).set("parameters", WireJson.callerObject(spec.inputSchemaJson(),
                                "the input schema of tool '" + spec.name() + "'"));
            }
            body.set("tool_choice", toolChoice(request.toolChoice()));
        }
        request.outputSchema().ifPresent(schema -> body.putObject("text").putObject("format")
                .put("type", "json_schema").put("name", schema.name()).put("strict", false)
                .set("schema", WireJson.callerObject(schema.schemaJson(), "output schema '" + schema.name() + "'")));
        int maxTokens = request.maxOutputTokens() > 0 ? request.maxOutputTokens() : options.maxOutputTokens();
        if (maxTokens > 0) {
            body.put("max_output_tokens", maxTokens);
        }
        request.temperature().ifPresent(t -> body.put("temperature", t));
        if (!options.reasoningEffort().isEmpty()) {
            body.putObject("reasoning").put("effort", options.reasoningEffort());
            // Reasoning items come back encrypted so they can be sent back without server-side state.
            body.putArray("include").add("reasoning.encrypted_content");
        }
        if (options.store() != null) {
            body.put("store", options.store());
        }
        String runId = request.metadata().get("run_id");
        if (options.promptCacheKey() && runId != null && !runId.isEmpty()) {
            body.put("prompt_cache_key", OpenAiChatRequests.cacheKey(runId));
        }
        body.put("stream", stream);
        return body;
    }

    private static String instructions(ModelRequest request) {
        StringBuilder sb = new StringBuilder(request.system());
        for (Message m : request.messages()) {
            if (m instanceof SystemMessage s && !s.instructions().isEmpty()) {
                sb.append(sb.length() == 0 ? "" : "\n\n").append(s.instructions());
            }
        }
        return sb.toString();
    }

    private static JsonNode toolChoice(ToolChoice choice) {
        if (choice instanceof ToolChoice.Named named) {
            return Json.object().put("type", "function").put("name", named.name());
        }
        return Json.MAPPER.getNodeFactory().textNode(choice instanceof ToolChoice.Required ? "required"
                : choice instanceof ToolChoice.None ? "none" : "auto");
    }

    /** The transcript as Responses API input items. */
    static ArrayNode input(List<Message> transcript) {
        ArrayNode items = Json.array();
        for (Message m : transcript) {
            if (m instanceof SystemMessage) {
                continue;
            } else if (m instanceof ToolResultMessage r) {
                for (Content.ToolOutput o : r.outputs()) {
                    items.addObject().put("type", "function_call_output").put("call_id", o.toolUseId())
                            .put("output", o.result().text());
                }
            } else if (m instanceof AssistantMessage a) {
                assistantItems(a, items);
            } else {
                userItem(m.content(), items);
            }
        }
        return items;
    }

    private static void userItem(List<Content> content, ArrayNode items) {
        if (content.size() == 1 && content.get(0) instanceof Content.Text t) {
            items.addObject().put("role", "user").put("content", t.text());
            return;
        }
        ArrayNode parts = Json.array();
        for (Content c : content) {
            if (c instanceof Content.Text t) {
                parts.addObject().put("type", "input_text").put("text", t.text());
            } else if (c instanceof Content.Image i) {
                parts.addObject().put("type", "input_image")
                        .put("image_url", "data:" + i.mediaType() + ";base64," + i.base64Data());
            } else if (c instanceof Content.ToolOutput o) {
                items.addObject().put("type", "function_call_output").put("call_id", o.toolUseId())
                        .put("output", o.result().text());
            }
        }
        if (!parts.isEmpty()) {
            items.addObject().put("role", "user").set("content", parts);
        }
    }

    private static void assistantItems(AssistantMessage message, ArrayNode items) {
        StringBuilder text = new StringBuilder();
        for (Content c : message.content()) {
            if (c instanceof Content.Text t) {
                text.append(t.text());
                continue;
            }
            flushText(text, items);
            if (c instanceof Content.ToolUse u) {
                items.addObject().put("type", "function_call").put("call_id", u.id()).put("name", u.name())
                        .put("arguments", u.argumentsJson());
            } else if (c instanceof Content.Unknown u && PROVIDER.equals(u.provider())) {
                WireJson.tryParse(u.rawJson()).ifPresent(items::add);
            }
            // Thinking from other providers cannot be sent to this one; it is left out.
        }
        flushText(text, items);
    }

    private static void flushText(StringBuilder text, ArrayNode items) {
        if (text.length() > 0) {
            items.addObject().put("role", "assistant").put("content", text.toString());
            text.setLength(0);
        }
    }
}
