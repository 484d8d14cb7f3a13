// SPDX-License-Identifier: Apache-2.0
package org.openagention.cli.acp;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.openagention.core.AgentEvent;
import org.openagention.core.AgentListener;
import org.openagention.core.message.Content;
import org.openagention.core.model.StreamEvent;
import org.openagention.core.tool.ToolCall;

/**
 * Turns a session's agent events into {@code session/update} notifications: streamed text and
 * reasoning as {@code agent_message_chunk} and {@code agent_thought_chunk} (the whole response's
 * when the model did not stream), each tool call as {@code tool_call} then
 * {@code tool_call_update}s (with the diffs and terminals {@link EditorTools} attached), and
 * {@code todo_write} plans as {@code plan} entries. A listener: it never throws.
 */
final class SessionUpdates implements AgentListener {
    private final String sessionId;
    private final Path cwd;
    private final EditorClient editor;
    private final Map<String, ArrayNode> attached = new ConcurrentHashMap<>();
    private volatile int streamedTurn = -1;

    SessionUpdates(String sessionId, Path cwd, EditorClient editor) {
        this.sessionId = sessionId;
        this.cwd = cwd;
        this.editor = editor;
    }

    /** Sends one update now. */
    void send(ObjectNode update) {
        editor.update(sessionId, update);
    }

    /** Keeps {@code content} (a diff, a terminal) to show with the call's result, and shows it now. */
    void attach(String toolCallId, ObjectNode content) {
        ArrayNode list = attached.computeIfAbsent(toolCallId, k -> AcpJson.array());
        list.add(content);
        ObjectNode u = ToolCallView.status(toolCallId, "in_progress");
        u.set("content", list.deepCopy());
        send(u);
    }

    @Override
    public void onEvent(AgentEvent event) {
        try {
            handle(event);
        } catch (RuntimeException e) {
            // a listener must not break the run; the editor misses one update
        }
    }

    private void handle(AgentEvent event) {
        if (event instanceof AgentEvent.ModelStreamed s) {
            if (s.event() instanceof StreamEvent.TextDelta t && !t.text().isEmpty()) {
                streamedTurn = s.turn();
                send(chunk("agent_message_chunk", t.text()));
            } else if (s.event() instanceof StreamEvent.ThinkingDelta t && !t.text().isEmpty()) {
                streamedTurn = s.turn();
                send(chunk("agent_thought_chunk", t.text()));
            }
        } else if (event instanceof AgentEvent.ModelResponded r) {
            if (streamedTurn != r.turn()) {
                for (Content c : r.response().content()) {
                    if (c instanceof Content.Thinking t && !t.redacted() && !t.text().isEmpty()) {
                        send(chunk("agent_thought_chunk", t.text()));
                    } else if (c instanceof Content.Text t && !t.text().isEmpty()) {
                        send(chunk("agent_message_chunk", t.text()));
                    }
                }
            }
            for (ToolCall call : r.response().toolCalls()) {
                send(ToolCallView.announced(call, cwd));
            }
        } else if (event instanceof AgentEvent.ToolCallStarted s && s.call().name().equals("todo_write")) {
            send(plan(s.call()));
        } else if (event instanceof AgentEvent.ToolCallFinished f) {
            ObjectNode u = ToolCallView.finished(f.call(), f.result());
            ArrayNode extra = attached.remove(f.call().id());
            if (extra != null) {
                ArrayNode content = AcpJson.array();
                content.addAll(extra);
                content.addAll((ArrayNode) u.get("content"));
                u.set("content", content);
            }
            send(u);
        }
    }

    static ObjectNode chunk(String kind, String text) {
        ObjectNode u = AcpJson.object().put("sessionUpdate", kind);
        u.set("content", AcpJson.text(text));
        return u;
    }

    /** A {@code plan} update from a {@code todo_write} call's arguments (the complete plan). */
    static ObjectNode plan(ToolCall call) {
        ArrayNode entries = AcpJson.array();
        for (JsonNode item : AcpJson.parse(call.argumentsJson()).path("todos")) {
            String status = item.path("status").asText("pending");
            entries.add(AcpJson.object().put("content", item.path("content").asText(""))
                    .put("priority", "medium")
                    .put("status", status.equals("in_progress") || status.equals("completed") ? status : "pending"));
        }
        ObjectNode u = AcpJson.object().put("sessionUpdate", "plan");
        u.set("entries", entries);
        return u;
    }
}
