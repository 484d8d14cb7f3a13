// SPDX-License-Identifier: Apache-2.0
package org.openagention.cli.acp;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.util.List;
import org.openagention.core.journal.JournalEntry;
import org.openagention.core.tool.ToolCall;

/**
 * A loaded session's history told again as {@code session/update}s, from its index and its runs'
 * journals: each prompt as a {@code user_message_chunk}, then what the agent said and thought and
 * the tool calls it made with their outcomes, as they were journaled.
 */
final class Replay {
    private Replay() {}

    static void replay(AcpSession session) {
        SessionUpdates updates = session.updates();
        for (SessionIndex.Exchange e : session.exchanges()) {
            updates.send(SessionUpdates.chunk("user_message_chunk", e.prompt()));
            List<JournalEntry> entries = session.journal().read(e.runId());
            if (entries.isEmpty()) {
                updates.send(SessionUpdates.chunk("agent_message_chunk", e.answer()));
                continue;
            }
            for (JournalEntry entry : entries) {
                JsonNode p = json(entry);
                if (entry.type().equals("model.response")) {
                    response(session, p);
                } else if (entry.type().equals("tool.result")) {
                    String step = entry.stepId();
                    int tool = step.indexOf("/tool/");
                    int dash = tool < 0 ? -1 : step.indexOf('-', tool + 6);
                    if (dash > 0) {
                        String callId = step.substring(dash + 1);
                        boolean failed = p.has("error");
                        com.fasterxml.jackson.databind.node.ObjectNode u = ToolCallView.status(callId,
                                failed ? "failed" : "completed");
                        u.set("content", AcpJson.array().add(AcpJson.object().put("type", "content")
                                .set("content", AcpJson.text(ToolCallView.clip(p.path("text").asText(""))))));
                        updates.send(u);
                    }
                }
            }
        }
    }

    private static void response(AcpSession session, JsonNode p) {
        for (JsonNode c : p.path("content")) {
            switch (c.path("type").asText()) {
                case "text" -> {
                    if (!c.path("text").asText().isEmpty()) {
                        session.updates().send(SessionUpdates.chunk("agent_message_chunk", c.path("text").asText()));
                    }
                }
                case "thinking" -> {
                    if (!c.path("text").asText().isEmpty()) {
                        session.updates().send(SessionUpdates.chunk("agent_thought_chunk", c.path("text").asText()));
                    }
                }
                case "tool_use" -> session.updates().send(ToolCallView.announced(new ToolCall(c.path("id").asText(),
                        c.path("name").asText(), c.path("arguments").asText("{}")), session.cwd()));
                default -> { }
            }
        }
    }

    private static JsonNode json(JournalEntry e) {
        try {
            return AcpJson.MAPPER.readTree(e.payloadJson());
        } catch (IOException ex) {
            return AcpJson.object();
        }
    }
}
