// SPDX-License-Identifier: Apache-2.0
package org.openagention.core.providers;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import org.openagention.core.internal.Json;
import org.openagention.core.message.AssistantMessage;
import org.openagention.core.message.Content;
import org.openagention.core.message.Message;
import org.openagention.core.message.SystemMessage;
import org.openagention.core.model.ModelRequest;
import org.openagention.core.model.ToolChoice;
import org.openagention.core.tool.ToolSpec;

/**
 * Builds the body of a Messages API request from a {@link ModelRequest}.
 *
 * <p>Prompt caching puts {@code cache_control} breakpoints on the stable prefix: the last system
 * block, the last tool definition, the last block of the transcript, and the last block of the
 * request before (where the previous call wrote its cache), so each turn reads what the last one
 * wrote. That is at most four, the API's limit.
 */
final class AnthropicRequests {
    static final String PROVIDER = "anthropic";

    /** The per-model settings the request needs. */
    record Options(String model, int maxTokens, int thinkingBudget, boolean promptCaching,
            boolean nativeStructuredOutput) {}

    private AnthropicRequests() {}

    static ObjectNode body(ModelRequest request, Options options, boolean stream) {
        ObjectNode body = Json.object();
        body.put("model", request.model().orElse(options.model()));
        body.put("max_tokens", request.maxOutputTokens() > 0 ? request.maxOutputTokens() : options.maxTokens());
        ArrayNode system = systemBlocks(request);
        if (!system.isEmpty()) {
            if (options.promptCaching()) {
                markCache((ObjectNode) system.get(system.size() - 1));
                body.set("system", system);
            } else {
                body.set("system", system.size() == 1 ? system.get(0).get("text") : system);
            }
        }
        ArrayNode messages = messages(request.messages());
        if (options.promptCaching()) {
            markTranscript(messages);
        }
        body.set("messages", messages);
        if (!request.tools().isEmpty()) {
            ArrayNode tools = body.putArray("tools");
            for (ToolSpec spec : request.tools()) {
                tools.addObject().put("name", spec.name()).put("description", spec.description())
                        .set("input_schema", WireJson.callerObject(spec.inputSchemaJson(),
                                "the input schema of tool '" + spec.name() + "'"));
            }
            if (options.promptCaching()) {
                markCache((ObjectNode) tools.get(tools.size() - 1));
            }
            body.set("tool_choice", toolChoice(request.toolChoice()));
        }
        request.outputSchema().filter(s -> options.nativeStructuredOutput()).ifPresent(schema -> body
                .putObject("output_config").putObject("format").put("type", "json_schema")
                .set("schema", WireJson.callerObject(schema.schemaJson(), "output schema '" + schema.name() + "'")));
        if (options.thinkingBudget() > 0) {
            body.putObject("thinking").put("type", "enabled").put("budget_tokens", options.thinkingBudget());
        }
        request.temperature().ifPresent(t -> body.put("temperature", t));
        if (!request.stopSequences().isEmpty()) {
            ArrayNode stops = body.putArray("stop_sequences");
            request.stopSequences().forEach(stops::add);
        }
        body.put("stream", stream);
        return body;
    }

    private static ArrayNode systemBlocks(ModelRequest request) {
        ArrayNode blocks = Json.array();
        if (!request.system().isEmpty()) {
            blocks.addObject().put("type", "text").put("text", request.system());
        }
        for (Message m : request.messages()) {
            if (m instanceof SystemMessage s && !s.instructions().isEmpty()) {
                blocks.addObject().put("type", "text").put("text", s.instructions());
            }
        }
        return blocks;
    }

    private static JsonNode toolChoice(ToolChoice choice) {
        ObjectNode n = Json.object();
        if (choice instanceof ToolChoice.Named named) {
            return n.put("type", "tool").put("name", named.name());
        }
        return n.put("type", choice instanceof ToolChoice.Required ? "any"
                : choice instanceof ToolChoice.None ? "none" : "auto");
    }

    /** The transcript as Messages API turns; adjacent turns of one role merge, as the API wants. */
    static ArrayNode messages(List<Message> transcript) {
        ArrayNode out = Json.array();
        String lastRole = null;
        ArrayNode lastContent = null;
        for (Message m : transcript) {
            if (m instanceof SystemMessage) {
                continue;
            }
            String role = m instanceof AssistantMessage ? "assistant" : "user";
            ArrayNode blocks = Json.array();
            for (Content c : m.content()) {
                JsonNode block = block(c);
                if (block != null) {
                    blocks.add(block);
                }
            }
            if (blocks.isEmpty()) {
                continue;
            }
            if (role.equals(lastRole)) {
                lastContent.addAll(blocks);
            } else {
                ObjectNode turn = out.addObject();
                turn.put("role", role);
                lastContent = turn.putArray("content");
                lastContent.addAll(blocks);
                lastRole = role;
            }
        }
        return out;
    }

    /** One content block on the wire, or null for a block Anthropic cannot take (another provider's). */
    private static JsonNode block(Content c) {
        ObjectNode n = Json.object();
        if (c instanceof Content.Text t) {
            return t.text().isEmpty() ? null : n.put("type", "text").put("text", t.text());
        } else if (c instanceof Content.ToolUse u) {
            n.put("type", "tool_use").put("id", u.id()).put("name", u.name());
            return n.set("input", WireJson.argumentsObject(u.argumentsJson()));
        } else if (c instanceof Content.ToolOutput o) {
            return n.put("type", "tool_result").put("tool_use_id", o.toolUseId()).put("content", o.result().text())
                    .put("is_error", o.result().isError());
        } else if (c instanceof Content.Image i) {
            n.put("type", "image").putObject("source").put("type", "base64").put("media_type", i.mediaType())
                    .put("data", i.base64Data());
            return n;
        } else if (c instanceof Content.Thinking th) {
            if (th.redacted()) {
                return n.put("type", "redacted_thinking").put("data", th.text());
            }
            // Unsigned thinking came from another provider; Anthropic would reject it.
            return th.signature().isEmpty() ? null
                    : n.put("type", "thinking").put("thinking", th.text()).put("signature", th.signature());
        } else if (c instanceof Content.Unknown u) {
            return PROVIDER.equals(u.provider()) ? WireJson.tryParse(u.rawJson()).orElse(null) : null;
        }
        return null;
    }

    private static void markTranscript(ArrayNode messages) {
        if (messages.isEmpty()) {
            return;
        }
        markLastCacheable(messages.get(messages.size() - 1));
        // The previous request ended just before the latest assistant turn: mark it too, so the
        // cache it wrote is read even when this turn added more than the API looks back over.
        for (int i = messages.size() - 1; i > 0; i--) {
            if ("assistant".equals(messages.get(i).path("role").asText())) {
                markLastCacheable(messages.get(i - 1));
                return;
            }
        }
    }

    private static void markLastCacheable(JsonNode message) {
        JsonNode content = message.get("content");
        for (int i = content.size() - 1; i >= 0; i--) {
            String type = content.get(i).path("type").asText();
            if (type.equals("text") || type.equals("tool_result") || type.equals("tool_use") || type.equals("image")) {
                markCache((ObjectNode) content.get(i));
                return;
            }
        }
    }

    private static void markCache(ObjectNode block) {
        block.putObject("cache_control").put("type", "ephemeral");
    }
}
