// SPDX-License-Identifier: Apache-2.0
package org.openagention.core.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import org.openagention.core.journal.StepCodec;
import org.openagention.core.message.AssistantMessage;
import org.openagention.core.message.Content;
import org.openagention.core.message.Message;
import org.openagention.core.message.SystemMessage;
import org.openagention.core.message.ToolResultMessage;
import org.openagention.core.message.UserMessage;
import org.openagention.core.model.FinishReason;
import org.openagention.core.model.ModelResponse;
import org.openagention.core.model.Usage;
import org.openagention.core.tool.ToolResult;

/** Journal JSON for the core's values: responses, tool results, messages, time, timers, random ids. */
public final class Codecs {
    private Codecs() {}

    public static final StepCodec<ModelResponse> MODEL_RESPONSE = new StepCodec<>() {
        @Override
        public String type() {
            return "model.response";
        }

        @Override
        public String encode(ModelResponse value) {
            return Json.write(responseToJson(value));
        }

        @Override
        public ModelResponse decode(String json) {
            return responseFromJson(Json.parseTrusted(json));
        }
    };

    public static final StepCodec<ToolResult> TOOL_RESULT = new StepCodec<>() {
        @Override
        public String type() {
            return "tool.result";
        }

        @Override
        public String encode(ToolResult value) {
            return Json.write(resultToJson(value));
        }

        @Override
        public ToolResult decode(String json) {
            return resultFromJson(Json.parseTrusted(json));
        }
    };

    /** A clock read ({@code clock.now}): {@code {"at": "2025-01-01T00:00:00Z"}}. */
    public static final StepCodec<Instant> NOW = codec("clock.now",
            v -> Json.write(Json.object().put("at", v.toString())),
            n -> Instant.parse(n.get("at").asText()));

    /** A finished sleep ({@code timer.fired}): {@code {"millis": 2000}}. */
    public static final StepCodec<Duration> SLEPT = codec("timer.fired",
            v -> Json.write(Json.object().put("millis", v.toMillis())),
            n -> Duration.ofMillis(n.get("millis").asLong()));

    /** A random id ({@code random.id}): {@code {"id": "..."}}. */
    public static final StepCodec<String> RANDOM_ID = codec("random.id",
            v -> Json.write(Json.object().put("id", v)),
            n -> n.get("id").asText());

    /** 128 random bits in hex; not a secret, so no SecureRandom (whose first use can block). */
    public static String newRandomId() {
        ThreadLocalRandom r = ThreadLocalRandom.current();
        return String.format("%016x%016x", r.nextLong(), r.nextLong());
    }

    /** A codec of a fixed entry type from an encoder and a decoder of trusted (our own) JSON. */
    static <T> StepCodec<T> codec(String type, java.util.function.Function<T, String> encode,
            java.util.function.Function<JsonNode, T> decode) {
        return new StepCodec<>() {
            @Override
            public String type() {
                return type;
            }

            @Override
            public String encode(T value) {
                return encode.apply(value);
            }

            @Override
            public T decode(String json) {
                return decode.apply(Json.parseTrusted(json));
            }
        };
    }

    public static ObjectNode responseToJson(ModelResponse r) {
        ObjectNode n = Json.object();
        n.put("id", r.id());
        n.put("model", r.modelId());
        n.put("finish", r.finishReason().name());
        n.set("usage", usageToJson(r.usage()));
        n.set("content", contentToJson(r.content()));
        return n;
    }

    public static ModelResponse responseFromJson(JsonNode n) {
        return ModelResponse.builder().id(Json.text(n, "id", "")).modelId(Json.text(n, "model", ""))
                .finishReason(FinishReason.valueOf(n.get("finish").asText()))
                .usage(usageFromJson(n.get("usage")))
                .content(contentFromJson(n.get("content")))
                .build();
    }

    public static ObjectNode usageToJson(Usage u) {
        ObjectNode n = Json.object();
        n.put("input", u.inputTokens());
        n.put("output", u.outputTokens());
        n.put("cacheRead", u.cacheReadTokens());
        n.put("cacheWrite", u.cacheWriteTokens());
        return n;
    }

    public static Usage usageFromJson(JsonNode n) {
        if (n == null || n.isNull()) {
            return Usage.ZERO;
        }
        return new Usage(n.path("input").asLong(), n.path("output").asLong(), n.path("cacheRead").asLong(),
                n.path("cacheWrite").asLong());
    }

    public static ObjectNode resultToJson(ToolResult r) {
        ObjectNode n = Json.object();
        if (r instanceof ToolResult.Error e) {
            n.put("error", e.kind().name());
        }
        n.put("text", r.text());
        return n;
    }

    public static ToolResult resultFromJson(JsonNode n) {
        String text = n.get("text").asText();
        JsonNode error = n.get("error");
        return error == null ? ToolResult.success(text)
                : ToolResult.error(ToolResult.ErrorKind.valueOf(error.asText()), text);
    }

    public static ArrayNode contentToJson(List<? extends Content> content) {
        ArrayNode a = Json.array();
        for (Content c : content) {
            ObjectNode n = a.addObject();
            if (c instanceof Content.Text t) {
                n.put("type", "text").put("text", t.text());
            } else if (c instanceof Content.ToolUse u) {
                n.put("type", "tool_use").put("id", u.id()).put("name", u.name()).put("arguments", u.argumentsJson());
            } else if (c instanceof Content.ToolOutput o) {
                n.put("type", "tool_output").put("toolUseId", o.toolUseId()).put("toolName", o.toolName());
                n.set("result", resultToJson(o.result()));
            } else if (c instanceof Content.Image i) {
                n.put("type", "image").put("mediaType", i.mediaType()).put("data", i.base64Data());
            } else if (c instanceof Content.Thinking th) {
                n.put("type", "thinking").put("text", th.text()).put("signature", th.signature())
                        .put("redacted", th.redacted());
            } else if (c instanceof Content.Unknown u) {
                n.put("type", "unknown").put("provider", u.provider()).put("blockType", u.type()).put("raw", u.rawJson());
            }
        }
        return a;
    }

    public static List<Content> contentFromJson(JsonNode a) {
        List<Content> out = new ArrayList<>();
        if (a == null) {
            return out;
        }
        for (JsonNode n : a) {
            String type = n.get("type").asText();
            out.add(switch (type) {
                case "text" -> new Content.Text(n.get("text").asText());
                case "tool_use" -> new Content.ToolUse(n.get("id").asText(), n.get("name").asText(), n.get("arguments").asText());
                case "tool_output" -> new Content.ToolOutput(n.get("toolUseId").asText(), n.get("toolName").asText(),
                        resultFromJson(n.get("result")));
                case "image" -> new Content.Image(n.get("mediaType").asText(), n.get("data").asText());
                case "thinking" -> new Content.Thinking(n.get("text").asText(), n.get("signature").asText(),
                        n.path("redacted").asBoolean());
                default -> new Content.Unknown(Json.text(n, "provider", ""), Json.text(n, "blockType", type),
                        Json.text(n, "raw", "{}"));
            });
        }
        return out;
    }

    public static ArrayNode messagesToJson(List<Message> messages) {
        ArrayNode a = Json.array();
        for (Message m : messages) {
            ObjectNode n = a.addObject();
            if (m instanceof SystemMessage s) {
                n.put("role", "system").put("text", s.instructions());
            } else {
                n.put("role", m instanceof UserMessage ? "user" : m instanceof AssistantMessage ? "assistant" : "tool");
                n.set("content", contentToJson(m.content()));
            }
        }
        return a;
    }

    public static List<Message> messagesFromJson(JsonNode a) {
        List<Message> out = new ArrayList<>();
        for (JsonNode n : a) {
            String role = n.get("role").asText();
            switch (role) {
                case "system" -> out.add(new SystemMessage(n.get("text").asText()));
                case "user" -> out.add(new UserMessage(contentFromJson(n.get("content"))));
                case "assistant" -> out.add(new AssistantMessage(contentFromJson(n.get("content"))));
                default -> {
                    List<Content.ToolOutput> outputs = new ArrayList<>();
                    for (Content c : contentFromJson(n.get("content"))) {
                        outputs.add((Content.ToolOutput) c);
                    }
                    out.add(new ToolResultMessage(outputs));
                }
            }
        }
        return out;
    }
}
