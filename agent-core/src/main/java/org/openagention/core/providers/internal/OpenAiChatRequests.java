// SPDX-License-Identifier: Apache-2.0
package org.openagention.core.providers.internal;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.util.ByteArrayBuilder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import org.openagention.core.internal.Json;
import org.openagention.core.message.AssistantMessage;
import org.openagention.core.message.Content;
import org.openagention.core.message.Message;
import org.openagention.core.message.SystemMessage;
import org.openagention.core.message.ToolResultMessage;
import org.openagention.core.message.UserMessage;
import org.openagention.core.model.ModelRequest;
import org.openagention.core.model.OutputSchema;
import org.openagention.core.model.ToolChoice;
import org.openagention.core.tool.ToolSpec;

/**
 * Writes a {@link ModelRequest} as an OpenAI Chat Completions request body, straight to bytes
 * with Jackson's streaming generator (no tree, no intermediate string). Tool schemas and output
 * schemas are JSON text already and are copied in raw. Thinking and unknown blocks have no Chat
 * Completions form and are left out. Stateless; thread-safe.
 */
public final class OpenAiChatRequests {

    /**
     * Per-model choices that shape the body.
     *
     * @param promptCacheKey whether to send {@code prompt_cache_key}, derived from the request's
     *     {@code run_id} metadata: OpenAI routes requests with the same key and prefix to the same
     *     cache, so concurrent runs that share a system prompt and tools do not crowd each other out
     */
    public record Options(String defaultModel, boolean useMaxCompletionTokens, boolean strictJsonSchema,
            boolean promptCacheKey) {
        public Options(String defaultModel, boolean useMaxCompletionTokens, boolean strictJsonSchema) {
            this(defaultModel, useMaxCompletionTokens, strictJsonSchema, false);
        }
    }

    private OpenAiChatRequests() {}

    /** A short, stable key for a run: {@code oa-} and 32 hex digits of the run id's SHA-256. */
    public static String cacheKey(String runId) {
        try {
            byte[] digest = java.security.MessageDigest.getInstance("SHA-256")
                    .digest(runId.getBytes(java.nio.charset.StandardCharsets.UTF_8));
            return "oa-" + java.util.HexFormat.of().formatHex(digest, 0, 16);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }

    public static byte[] write(ModelRequest request, Options options, boolean stream) {
        ByteArrayBuilder bytes = new ByteArrayBuilder(Json.MAPPER.getFactory()._getBufferRecycler(), 2048);
        try (JsonGenerator g = Json.MAPPER.getFactory().createGenerator(bytes)) {
            g.writeStartObject();
            g.writeStringField("model", request.model().orElse(options.defaultModel()));
            writeMessages(g, request);
            if (!request.tools().isEmpty()) {
                writeTools(g, request.tools());
                writeToolChoice(g, request.toolChoice());
            }
            if (request.outputSchema().isPresent()) {
                writeResponseFormat(g, request.outputSchema().get(), options.strictJsonSchema());
            }
            if (request.maxOutputTokens() > 0) {
                g.writeNumberField(options.useMaxCompletionTokens() ? "max_completion_tokens" : "max_tokens",
                        request.maxOutputTokens());
            }
            if (request.temperature().isPresent()) {
                g.writeNumberField("temperature", request.temperature().getAsDouble());
            }
            if (!request.stopSequences().isEmpty()) {
                g.writeArrayFieldStart("stop");
                for (String s : request.stopSequences()) {
                    g.writeString(s);
                }
                g.writeEndArray();
            }
            String runId = request.metadata().get("run_id");
            if (options.promptCacheKey() && runId != null && !runId.isEmpty()) {
                g.writeStringField("prompt_cache_key", cacheKey(runId));
            }
            if (stream) {
                g.writeBooleanField("stream", true);
                g.writeObjectFieldStart("stream_options");
                g.writeBooleanField("include_usage", true);
                g.writeEndObject();
            }
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        byte[] out = bytes.toByteArray();
        bytes.release();
        return out;
    }

    private static void writeMessages(JsonGenerator g, ModelRequest request) throws IOException {
        g.writeArrayFieldStart("messages");
        if (!request.system().isEmpty()) {
            writeTextMessage(g, "system", request.system());
        }
        for (Message m : request.messages()) {
            if (m instanceof SystemMessage s) {
                writeTextMessage(g, "system", s.instructions());
            } else if (m instanceof UserMessage u) {
                writeUser(g, u.content());
            } else if (m instanceof AssistantMessage a) {
                writeAssistant(g, a);
            } else if (m instanceof ToolResultMessage t) {
                for (Content.ToolOutput o : t.outputs()) {
                    g.writeStartObject();
                    g.writeStringField("role", "tool");
                    g.writeStringField("tool_call_id", o.toolUseId());
                    g.writeStringField("content", o.result().text());
                    g.writeEndObject();
                }
            }
        }
        g.writeEndArray();
    }

    private static void writeTextMessage(JsonGenerator g, String role, String text) throws IOException {
        g.writeStartObject();
        g.writeStringField("role", role);
        g.writeStringField("content", text);
        g.writeEndObject();
    }

    private static void writeUser(JsonGenerator g, List<Content> content) throws IOException {
        boolean simple = true;
        int texts = 0;
        for (Content c : content) {
            if (c instanceof Content.Text) {
                texts++;
            } else if (c instanceof Content.Image) {
                simple = false;
            }
        }
        g.writeStartObject();
        g.writeStringField("role", "user");
        if (simple && texts <= 1) {
            String text = "";
            for (Content c : content) {
                if (c instanceof Content.Text t) {
                    text = t.text();
                }
            }
            g.writeStringField("content", text);
        } else {
            g.writeArrayFieldStart("content");
            for (Content c : content) {
                if (c instanceof Content.Text t) {
                    g.writeStartObject();
                    g.writeStringField("type", "text");
                    g.writeStringField("text", t.text());
                    g.writeEndObject();
                } else if (c instanceof Content.Image i) {
                    g.writeStartObject();
                    g.writeStringField("type", "image_url");
                    g.writeObjectFieldStart("image_url");
                    g.writeStringField("url", "data:" + i.mediaType() + ";base64," + i.base64Data());
                    g.writeEndObject();
                    g.writeEndObject();
                }
            }
            g.writeEndArray();
        }
        g.writeEndObject();
    }

    private static void writeAssistant(JsonGenerator g, AssistantMessage a) throws IOException {
        String text = a.text();
        boolean hasCalls = false;
        for (Content c : a.content()) {
            if (c instanceof Content.ToolUse) {
                hasCalls = true;
                break;
            }
        }
        g.writeStartObject();
        g.writeStringField("role", "assistant");
        if (!text.isEmpty() || !hasCalls) {
            g.writeStringField("content", text);
        }
        if (hasCalls) {
            g.writeArrayFieldStart("tool_calls");
            for (Content c : a.content()) {
                if (c instanceof Content.ToolUse u) {
                    g.writeStartObject();
                    g.writeStringField("id", u.id());
                    g.writeStringField("type", "function");
                    g.writeObjectFieldStart("function");
                    g.writeStringField("name", u.name());
                    g.writeStringField("arguments", u.argumentsJson());
                    g.writeEndObject();
                    g.writeEndObject();
                }
            }
            g.writeEndArray();
        }
        g.writeEndObject();
    }

    private static void writeTools(JsonGenerator g, List<ToolSpec> tools) throws IOException {
        g.writeArrayFieldStart("tools");
        for (ToolSpec t : tools) {
            g.writeStartObject();
            g.writeStringField("type", "function");
            g.writeObjectFieldStart("function");
            g.writeStringField("name", t.name());
            if (!t.description().isEmpty()) {
                g.writeStringField("description", t.description());
            }
            g.writeFieldName("parameters");
            g.writeRawValue(t.inputSchemaJson());
            g.writeEndObject();
            g.writeEndObject();
        }
        g.writeEndArray();
    }

    private static void writeToolChoice(JsonGenerator g, ToolChoice choice) throws IOException {
        if (choice instanceof ToolChoice.Required) {
            g.writeStringField("tool_choice", "required");
        } else if (choice instanceof ToolChoice.None) {
            g.writeStringField("tool_choice", "none");
        } else if (choice instanceof ToolChoice.Named n) {
            g.writeObjectFieldStart("tool_choice");
            g.writeStringField("type", "function");
            g.writeObjectFieldStart("function");
            g.writeStringField("name", n.name());
            g.writeEndObject();
            g.writeEndObject();
        }
        // auto is the API's default when tools are present: not sent
    }

    private static void writeResponseFormat(JsonGenerator g, OutputSchema schema, boolean strict) throws IOException {
        g.writeObjectFieldStart("response_format");
        g.writeStringField("type", "json_schema");
        g.writeObjectFieldStart("json_schema");
        g.writeStringField("name", schema.name());
        g.writeFieldName("schema");
        g.writeRawValue(schema.schemaJson());
        g.writeBooleanField("strict", strict);
        g.writeEndObject();
        g.writeEndObject();
    }
}
