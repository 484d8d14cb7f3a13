// SPDX-License-Identifier: Apache-2.0
package org.openagention.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import org.openagention.core.AgentEvent;
import org.openagention.core.model.Usage;
import org.openagention.orchestration.OrchestrationEvent;
/**
 * Events as one JSON object each, for {@code --json}: a {@code type} field ({@code agent.*} for
 * {@link AgentEvent}s, {@code graph.*} / {@code task.*} for {@link OrchestrationEvent}s), the run id,
 * the time, the lane (the task and attempt an agent works for) and the event's fields.
 */
final class EventJson {
    static final ObjectMapper JSON = new ObjectMapper();

    private EventJson() {}

    static ObjectNode of(String lane, AgentEvent e) {
        ObjectNode n = base(e.runId(), e.at());
        n.put("lane", lane);
        if (e instanceof AgentEvent.RunStarted s) {
            n.put("type", "agent.run_started").put("agent", s.agentName()).put("input", s.input()).put("resumed", s.resumed());
        } else if (e instanceof AgentEvent.TurnStarted t) {
            n.put("type", "agent.turn_started").put("turn", t.turn());
        } else if (e instanceof AgentEvent.ModelRequested r) {
            n.put("type", "agent.model_requested").put("turn", r.turn()).put("messages", r.request().messages().size());
        } else if (e instanceof AgentEvent.ModelStreamed s) {
            n.put("type", "agent.model_streamed").put("turn", s.turn()).put("event", s.event().getClass().getSimpleName());
        } else if (e instanceof AgentEvent.ModelResponded r) {
            n.put("type", "agent.model_responded").put("turn", r.turn()).put("model", r.response().modelId())
                    .put("finish", r.response().finishReason().name()).put("text", r.response().text())
                    .put("toolCalls", r.response().toolCalls().size()).put("elapsedMs", r.elapsed().toMillis())
                    .put("replayed", r.replayed());
            n.set("usage", usage(r.response().usage()));
        } else if (e instanceof AgentEvent.ToolCallStarted s) {
            n.put("type", "agent.tool_started").put("turn", s.turn()).put("tool", s.call().name())
                    .put("callId", s.call().id()).put("arguments", s.call().argumentsJson());
        } else if (e instanceof AgentEvent.ToolCallFinished f) {
            n.put("type", "agent.tool_finished").put("turn", f.turn()).put("tool", f.call().name())
                    .put("callId", f.call().id()).put("error", f.result().isError()).put("result", f.result().text())
                    .put("elapsedMs", f.elapsed().toMillis()).put("replayed", f.replayed());
        } else if (e instanceof AgentEvent.ApprovalDecided a) {
            n.put("type", "agent.approval").put("tool", a.call().name()).put("approved", a.approved())
                    .put("decidedBy", a.decidedBy()).put("reason", a.reason());
        } else if (e instanceof AgentEvent.ContextCompacted c) {
            n.put("type", "agent.context_compacted").put("messagesBefore", c.messagesBefore())
                    .put("messagesAfter", c.messagesAfter());
        } else if (e instanceof AgentEvent.LimitReached l) {
            n.put("type", "agent.limit_reached").put("reason", l.reason().name()).put("detail", l.detail());
        } else if (e instanceof AgentEvent.ErrorOccurred err) {
            n.put("type", "agent.error").put("message", err.message());
        } else if (e instanceof AgentEvent.Notice notice) {
            n.put("type", "agent.notice").put("source", notice.source()).put("message", notice.message());
        } else if (e instanceof AgentEvent.SubagentStarted s) {
            n.put("type", "agent.subagent_started").put("turn", s.turn()).put("callId", s.callId())
                    .put("childRunId", s.childRunId()).put("agent", s.agentName());
        } else if (e instanceof AgentEvent.SubagentFinished f) {
            n.put("type", "agent.subagent_finished").put("turn", f.turn()).put("callId", f.callId())
                    .put("childRunId", f.childRunId()).put("stopReason", f.result().stopReason().name());
        } else if (e instanceof AgentEvent.HandedOff h) {
            n.put("type", "agent.handed_off").put("turn", h.turn()).put("from", h.fromAgent()).put("to", h.toAgent());
        } else if (e instanceof AgentEvent.RunFinished f) {
            n.put("type", "agent.run_finished").put("agent", f.result().agentName()).put("stopReason", f.result().stopReason().name())
                    .put("detail", f.result().detail()).put("turns", f.result().turns())
                    .put("costUsd", f.result().costUsd()).put("finalText", f.result().finalText());
            n.set("usage", usage(f.result().usage()));
        }
        return n;
    }

    static ObjectNode of(OrchestrationEvent e) {
        ObjectNode n = base(e.runId(), e.at());
        if (e instanceof OrchestrationEvent.RunStarted s) {
            n.put("type", "graph.started").put("tasks", s.tasks()).put("resumed", s.resumed());
        } else if (e instanceof OrchestrationEvent.TaskStateChanged c) {
            n.put("type", "task.state").put("task", c.taskId()).put("from", c.from().name()).put("to", c.to().name())
                    .put("reason", c.reason());
        } else if (e instanceof OrchestrationEvent.AttemptStarted a) {
            n.put("type", "task.attempt_started").put("task", a.taskId()).put("attempt", a.attempt());
        } else if (e instanceof OrchestrationEvent.AttemptFinished f) {
            n.put("type", "task.attempt_finished").put("task", f.taskId()).put("attempt", f.attempt())
                    .put("turns", f.turns()).put("tokens", f.tokens()).put("costUsd", f.costUsd())
                    .put("elapsedMs", f.elapsed().toMillis()).put("outcome", f.outcome());
        } else if (e instanceof OrchestrationEvent.ReviewDecided r) {
            n.put("type", "task.review").put("task", r.taskId()).put("item", r.itemId())
                    .put("decision", r.decision().name()).put("reviewer", r.reviewer()).put("feedback", r.feedback());
        } else if (e instanceof OrchestrationEvent.TaskMerged m) {
            n.put("type", "task.merged").put("task", m.taskId()).put("merged", m.merged())
                    .put("conflictTask", m.conflictTask());
            ArrayNode files = n.putArray("files");
            m.files().forEach(files::add);
        } else if (e instanceof OrchestrationEvent.TaskAdded a) {
            n.put("type", "task.added").put("task", a.taskId()).put("reason", a.reason());
        } else if (e instanceof OrchestrationEvent.Replanned r) {
            n.put("type", "graph.replanned").put("failedTask", r.failedTask());
            ArrayNode removed = n.putArray("removed");
            r.removed().forEach(removed::add);
            ArrayNode added = n.putArray("added");
            r.added().forEach(added::add);
        } else if (e instanceof OrchestrationEvent.TaskSkipped s) {
            n.put("type", "task.skipped").put("task", s.taskId()).put("because", s.because());
        } else if (e instanceof OrchestrationEvent.RunFinished f) {
            n.put("type", "graph.finished").put("status", f.result().status().name()).put("detail", f.result().detail())
                    .put("tokens", f.result().spend().tokens()).put("costUsd", f.result().spend().costUsd());
        }
        return n;
    }

    /** A message of the CLI itself (banner, before/after test runs, the report's path). */
    static ObjectNode note(String kind, String text) {
        return JSON.createObjectNode().put("type", "cli." + kind).put("text", text);
    }

    private static ObjectNode base(String runId, Instant at) {
        // "type" first, so a person reading the stream sees it first.
        ObjectNode n = JSON.createObjectNode();
        n.put("type", "");
        n.put("runId", runId).put("at", at.toString());
        return n;
    }

    private static ObjectNode usage(Usage u) {
        return JSON.createObjectNode().put("input", u.inputTokens()).put("output", u.outputTokens())
                .put("cacheRead", u.cacheReadTokens()).put("cacheWrite", u.cacheWriteTokens());
    }
}
