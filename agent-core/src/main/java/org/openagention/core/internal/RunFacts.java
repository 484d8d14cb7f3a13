// SPDX-License-Identifier: Apache-2.0
package org.openagention.core.internal;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Optional;
import org.openagention.core.StopReason;
import org.openagention.core.journal.JournalEntry;
import org.openagention.core.journal.StepCodec;
import org.openagention.core.model.Usage;

/**
 * The facts an agent loop records in its run's journal, with their codecs. The JSON is the journal
 * format readers (reports, the CLI, resume) rely on: {@code run.started} carries
 * {@code agent}, {@code input} and optionally {@code model}; {@code run.finished} carries
 * {@code stopReason}, {@code detail}, {@code turns}, {@code costUsd} and {@code usage};
 * {@code tool.started} carries {@code step}, {@code callId}, {@code tool} and {@code arguments}.
 */
public final class RunFacts {
    private RunFacts() {}

    /** A run began: which agent, on what input, with which model id (empty for the model's default). */
    public record Started(String agent, String input, String model) {}

    /**
     * A mutating tool call is about to run (its intent), journaled after validation, approvals and
     * the other interceptors, right before the tool's own code: {@code stepId} is the step whose
     * result will follow, {@code argumentsJson} the arguments the tool gets. A resumed run that finds
     * this fact without the step's result knows the call may have run.
     */
    public record ToolStarted(String stepId, String callId, String tool, String argumentsJson) {}

    /** A run ended, and what it spent. */
    public record Finished(StopReason stopReason, String detail, int turns, double costUsd, Usage usage) {}

    public static final StepCodec<Started> STARTED = Codecs.codec("run.started", v -> {
        ObjectNode n = Json.object().put("agent", v.agent()).put("input", v.input());
        if (!v.model().isEmpty()) {
            n.put("model", v.model());
        }
        return Json.write(n);
    }, n -> new Started(Json.text(n, "agent", ""), n.get("input").asText(), Json.text(n, "model", "")));

    public static final StepCodec<ToolStarted> TOOL_STARTED = Codecs.codec("tool.started",
            v -> Json.write(Json.object().put("step", v.stepId()).put("callId", v.callId()).put("tool", v.tool())
                    .put("arguments", v.argumentsJson())),
            n -> new ToolStarted(n.get("step").asText(), Json.text(n, "callId", ""), n.get("tool").asText(),
                    Json.text(n, "arguments", "{}")));

    public static final StepCodec<Finished> FINISHED = Codecs.codec("run.finished", v -> {
        ObjectNode n = Json.object().put("stopReason", v.stopReason().name()).put("detail", v.detail())
                .put("turns", v.turns()).put("costUsd", v.costUsd());
        n.set("usage", Codecs.usageToJson(v.usage()));
        return Json.write(n);
    }, n -> new Finished(StopReason.valueOf(n.get("stopReason").asText()), Json.text(n, "detail", ""),
            n.path("turns").asInt(), n.path("costUsd").asDouble(), Codecs.usageFromJson(n.get("usage"))));

    /** The last finish fact among a run's journal entries, if it holds one. */
    public static Optional<Finished> finished(Iterable<JournalEntry> entries) {
        Finished last = null;
        for (JournalEntry e : entries) {
            if (e.type().equals(FINISHED.type())) {
                last = FINISHED.decode(e.payloadJson());
            }
        }
        return Optional.ofNullable(last);
    }

    /** The start fact among a run's journal entries, if it holds one. */
    public static Optional<Started> started(Iterable<JournalEntry> entries) {
        for (JournalEntry e : entries) {
            if (e.type().equals(STARTED.type())) {
                return Optional.of(STARTED.decode(e.payloadJson()));
            }
        }
        return Optional.empty();
    }
}
