// SPDX-License-Identifier: Apache-2.0
package org.openagention.core.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.openagention.core.RunResult;
import org.openagention.core.StopReason;
import org.openagention.core.journal.JournalException;
import org.openagention.core.journal.Step;
import org.openagention.core.model.ModelRequest;
import org.openagention.core.model.OutputSchema;
import org.openagention.core.model.ToolChoice;
import org.openagention.core.tool.ToolCall;
import org.openagention.core.tool.ToolSpec;

/** JSON for {@link Step} (a step sent to another process) and {@link RunResult} (a run's outcome sent back). */
public final class StepJson {
    private StepJson() {}

    public static String write(Step<?> step) {
        ObjectNode n = Json.object();
        n.put("id", step.id()).put("runId", step.runId()).put("turn", step.turn());
        if (step instanceof Step.ModelCall m) {
            n.put("kind", "model").put("streaming", m.streaming());
            n.set("request", requestToJson(m.request()));
        } else if (step instanceof Step.ToolCall t) {
            n.put("kind", "tool");
            n.putObject("call").put("id", t.call().id()).put("name", t.call().name())
                    .put("arguments", t.call().argumentsJson());
        }
        return Json.write(n);
    }

    public static Step<?> read(String json) {
        JsonNode n;
        try {
            n = Json.parse(json);
        } catch (Exception e) {
            throw new JournalException("a step is not valid JSON: " + e.getMessage());
        }
        String kind = required(n, "kind").asText();
        String id = required(n, "id").asText();
        String runId = required(n, "runId").asText();
        int turn = required(n, "turn").asInt();
        return switch (kind) {
            case "model" -> new Step.ModelCall(id, runId, turn, requestFromJson(required(n, "request")),
                    n.path("streaming").asBoolean());
            case "tool" -> {
                JsonNode c = required(n, "call");
                yield new Step.ToolCall(id, runId, turn, new ToolCall(required(c, "id").asText(),
                        required(c, "name").asText(), required(c, "arguments").asText()));
            }
            default -> throw new JournalException("a step has unknown kind '" + kind + "' (expected model or tool)");
        };
    }

    private static JsonNode required(JsonNode n, String field) {
        JsonNode v = n.get(field);
        if (v == null || v.isNull()) {
            throw new JournalException("a step's JSON lacks field '" + field + "'");
        }
        return v;
    }

    static ObjectNode requestToJson(ModelRequest r) {
        ObjectNode n = Json.object();
        r.model().ifPresent(m -> n.put("model", m));
        n.put("system", r.system());
        n.set("messages", Codecs.messagesToJson(r.messages()));
        ArrayNode tools = n.putArray("tools");
        for (ToolSpec t : r.tools()) {
            tools.addObject().put("name", t.name()).put("description", t.description()).put("schema", t.inputSchemaJson());
        }
        ToolChoice choice = r.toolChoice();
        n.put("toolChoice", choice instanceof ToolChoice.Named named ? "named:" + named.name()
                : choice instanceof ToolChoice.Required ? "required" : choice instanceof ToolChoice.None ? "none" : "auto");
        r.outputSchema().ifPresent(s -> n.putObject("outputSchema").put("name", s.name()).put("schema", s.schemaJson()));
        n.put("maxOutputTokens", r.maxOutputTokens());
        if (r.temperature().isPresent()) {
            n.put("temperature", r.temperature().getAsDouble());
        }
        ArrayNode stops = n.putArray("stopSequences");
        r.stopSequences().forEach(stops::add);
        ObjectNode meta = n.putObject("metadata");
        r.metadata().forEach(meta::put);
        return n;
    }

    static ModelRequest requestFromJson(JsonNode n) {
        ModelRequest.Builder b = ModelRequest.builder().system(Json.text(n, "system", ""))
                .messages(Codecs.messagesFromJson(n.get("messages")))
                .maxOutputTokens(n.path("maxOutputTokens").asInt());
        if (n.hasNonNull("model")) {
            b.model(n.get("model").asText());
        }
        for (JsonNode t : n.path("tools")) {
            b.addTool(new ToolSpec(t.get("name").asText(), t.get("description").asText(), t.get("schema").asText()));
        }
        String choice = Json.text(n, "toolChoice", "auto");
        b.toolChoice(choice.startsWith("named:") ? new ToolChoice.Named(choice.substring(6))
                : choice.equals("required") ? ToolChoice.REQUIRED : choice.equals("none") ? ToolChoice.NONE : ToolChoice.AUTO);
        JsonNode schema = n.get("outputSchema");
        if (schema != null && !schema.isNull()) {
            b.outputSchema(new OutputSchema(schema.get("name").asText(), schema.get("schema").asText()));
        }
        if (n.hasNonNull("temperature")) {
            b.temperature(n.get("temperature").asDouble());
        }
        List<String> stops = new java.util.ArrayList<>();
        n.path("stopSequences").forEach(s -> stops.add(s.asText()));
        b.stopSequences(stops);
        for (Map.Entry<String, JsonNode> e : n.path("metadata").properties()) {
            b.putMetadata(e.getKey(), e.getValue().asText());
        }
        return b.build();
    }

    public static String writeResult(RunResult r) {
        ObjectNode n = Json.object();
        n.put("runId", r.runId()).put("finalText", r.finalText()).put("stopReason", r.stopReason().name())
                .put("detail", r.detail()).put("turns", r.turns()).put("costUsd", r.costUsd())
                .put("elapsedMillis", r.elapsed().toMillis()).put("agent", r.agentName());
        n.set("usage", Codecs.usageToJson(r.usage()));
        n.set("transcript", Codecs.messagesToJson(r.transcript()));
        return Json.write(n);
    }

    public static RunResult readResult(String json) {
        JsonNode n;
        try {
            n = Json.parse(json);
        } catch (Exception e) {
            throw new JournalException("a run result is not valid JSON: " + e.getMessage());
        }
        for (String field : List.of("runId", "stopReason", "transcript")) {
            if (!n.hasNonNull(field)) {
                throw new JournalException("a run result's JSON lacks field '" + field + "'");
            }
        }
        return new RunResult(n.get("runId").asText(), Json.text(n, "finalText", ""),
                StopReason.valueOf(n.get("stopReason").asText()), Json.text(n, "detail", ""),
                Codecs.messagesFromJson(n.get("transcript")), n.path("turns").asInt(),
                Codecs.usageFromJson(n.get("usage")), n.path("costUsd").asDouble(),
                Duration.ofMillis(n.path("elapsedMillis").asLong()), Json.text(n, "agent", ""));
    }
}
