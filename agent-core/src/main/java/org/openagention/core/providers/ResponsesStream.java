// SPDX-License-Identifier: Apache-2.0
package org.openagention.core.providers;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;
import org.openagention.core.internal.Json;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.openagention.core.model.ModelException;
import org.openagention.core.model.ModelResponse;
import org.openagention.core.providers.internal.MalformedResponseException;
import org.openagention.core.providers.internal.ProviderErrors;
import org.openagention.core.providers.internal.Redactor;
import org.openagention.core.model.StreamEvent;
import org.openagention.core.model.StreamListener;
import org.openagention.core.tool.ToolCall;

/**
 * Assembles the server-sent events of a streamed Responses API call into the same
 * {@link ModelResponse} the blocking call returns, telling a listener about each piece as it
 * arrives. Works with and without {@code sequence_number}. One instance per response; not
 * thread-safe.
 */
final class ResponsesStream {
    private final StreamListener listener;
    private final TreeMap<Integer, JsonNode> doneItems = new TreeMap<>();
    private final Map<Integer, Integer> toolIndexByOutput = new HashMap<>();
    private JsonNode terminal;
    private boolean emitted;

    private final Redactor redactor;

    ResponsesStream(StreamListener listener, Redactor redactor) {
        this.listener = listener;
        this.redactor = redactor;
    }

    /** Whether anything reached the listener yet (after that, a failure must not be retried). */
    boolean emitted() {
        return emitted;
    }

    /** Takes one event; {@code event} may be null when the server sent no {@code event:} line. */
    void accept(String event, String data) {
        JsonNode n = WireJson.tryParse(data).orElseThrow(() -> new MalformedResponseException(
                "a stream event is not valid JSON: " + (data.length() > 200 ? data.substring(0, 200) + "..." : data)));
        String type = Json.text(n, "type", event == null ? "" : event);
        int outputIndex = n.path("output_index").asInt(-1);
        switch (type) {
            case "response.output_item.added" -> itemAdded(outputIndex, n.path("item"));
            case "response.output_text.delta", "response.refusal.delta" -> {
                String delta = Json.text(n, "delta", "");
                if (!delta.isEmpty()) {
                    emit(new StreamEvent.TextDelta(delta));
                }
            }
            case "response.reasoning_summary_text.delta", "response.reasoning_text.delta" -> {
                String delta = Json.text(n, "delta", "");
                if (!delta.isEmpty()) {
                    emit(new StreamEvent.ThinkingDelta(delta));
                }
            }
            case "response.function_call_arguments.delta" -> {
                Integer tool = toolIndexByOutput.get(outputIndex);
                String delta = Json.text(n, "delta", "");
                if (tool != null && !delta.isEmpty()) {
                    emit(new StreamEvent.ToolCallDelta(tool, delta));
                }
            }
            case "response.output_item.done" -> itemDone(outputIndex, n.path("item"));
            case "response.completed", "response.incomplete" -> terminal = n.path("response");
            case "response.failed" -> throw failed(n.path("response").path("error"));
            case "error" -> throw failed(n.has("error") ? n.get("error") : n);
            default -> { } // created, in_progress, content_part.*, *.done and later additions
        }
    }

    /** The assembled response; fails when the stream ended before its terminal event. */
    ModelResponse finish() {
        if (terminal == null || !terminal.isObject()) {
            throw new MalformedResponseException("the stream ended before response.completed (cut off?)");
        }
        return ResponsesParser.parse(terminal, new ArrayList<>(doneItems.values()));
    }

    private void itemAdded(int outputIndex, JsonNode item) {
        if (!"function_call".equals(Json.text(item, "type", ""))) {
            return;
        }
        int tool = toolIndexByOutput.size();
        toolIndexByOutput.put(outputIndex, tool);
        emit(new StreamEvent.ToolCallStarted(tool, Json.text(item, "call_id", Json.text(item, "id", "")),
                Json.text(item, "name", "")));
    }

    private void itemDone(int outputIndex, JsonNode item) {
        doneItems.put(outputIndex, item);
        if (!toolIndexByOutput.containsKey(outputIndex)) {
            itemAdded(outputIndex, item); // servers that skip output_item.added for calls
        }
        Integer tool = toolIndexByOutput.get(outputIndex);
        if (tool != null) {
            emit(new StreamEvent.ToolCallFinished(tool, new ToolCall(Json.text(item, "call_id", Json.text(item, "id", "")),
                    Json.text(item, "name", ""),
                    WireJson.canonicalArguments(ResponsesParser.arguments(item.get("arguments"))))));
        }
    }

    /** The typed exception for an error the stream reported (the transport adds no request id here). */
    private ModelException failed(JsonNode error) {
        ObjectNode body = Json.object();
        body.set("error", error.isObject() ? error : Json.object().put("message", error.asText("")));
        return ProviderErrors.fromResponse("openai-responses", 0, null, Json.write(body), null, redactor);
    }

    private void emit(StreamEvent event) {
        emitted = true;
        listener.onEvent(event);
    }
}
