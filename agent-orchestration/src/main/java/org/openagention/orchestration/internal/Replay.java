package org.openagention.orchestration.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.openagention.core.journal.JournalEntry;
import org.openagention.core.journal.JournalException;
import org.openagention.orchestration.FailureKind;
import org.openagention.orchestration.ReviewDecision;
import org.openagention.orchestration.RunStatus;
import org.openagention.orchestration.Spend;
import org.openagention.orchestration.Task;
import org.openagention.orchestration.TaskGraph;
import org.openagention.orchestration.TaskState;

/** Rebuilds a run's state from its journal, through the same {@code apply} methods the live run used. */
final class Replay {
    private Replay() {}

    static RunState rebuild(Settings s, String runId, TaskGraph originals) {
        List<JournalEntry> entries = s.journal().read(runId);
        if (entries.isEmpty() || !entries.get(0).type().equals("graph.started")) {
            throw new JournalException("the journal holds no orchestrated run '" + runId + "'"
                    + (entries.isEmpty() ? "" : " (its first entry is " + entries.get(0).type() + ", not graph.started)"));
        }
        RunState st = new RunState(runId, s.reviews());
        Function<String, Task> given = originals == null ? null : id -> originals.task(id).orElse(null);
        Function<String, Task> current = id -> st.tracks.containsKey(id) ? st.tracks.get(id).task : null;
        for (JournalEntry e : entries) {
            JsonNode p;
            try {
                p = TaskCodec.JSON.readTree(e.payloadJson());
            } catch (JsonProcessingException ex) {
                throw new JournalException("entry " + e.sequence() + " of run " + runId + " is not JSON: " + ex.getMessage(), ex);
            }
            apply(st, e, p, given, current);
        }
        st.rebuildReadiness();
        return st;
    }

    private static void apply(RunState st, JournalEntry e, JsonNode p, Function<String, Task> given,
            Function<String, Task> current) {
        String task = p.path("task").asText("");
        switch (e.type()) {
            case "graph.started": {
                List<Task> tasks = new ArrayList<>();
                p.get("tasks").forEach(n -> tasks.add(TaskCodec.read(n, given, current)));
                st.applyStarted(p.path("goal").asText(""), TaskGraph.of(tasks), e.at());
                break;
            }
            case "task.state": {
                String kind = p.path("kind").asText("");
                st.applyState(st.track(task), TaskState.valueOf(p.get("to").asText()),
                        kind.isEmpty() ? null : FailureKind.valueOf(kind), p.path("failure").asText(""),
                        p.path("backoff").asBoolean(false));
                break;
            }
            case "task.attempt.started":
                st.applyAttemptStarted(st.track(task), p.get("attempt").asInt());
                break;
            case "task.attempt.finished":
                st.applyAttemptFinished(st.track(task), new Spend(p.get("tokens").asLong(), p.get("costUsd").asDouble(),
                        java.time.Duration.ofMillis(p.get("elapsedMs").asLong())), p.get("output").asText(),
                        p.get("checkOutput").asText(), p.get("checkpoint").asText());
                break;
            case "task.review.submitted":
                st.applyReviewSubmitted(st.track(task), p.get("item").asText(), p.get("content").asText(),
                        p.get("resubmit").asBoolean(), p.get("revision").asInt());
                break;
            case "task.review.decided":
                st.applyReviewDecided(st.track(task), p.get("item").asText(), decision(p));
                break;
            case "task.merged":
                st.applyMerged(st.track(task), p.get("merged").asBoolean(), p.path("unresolved").asText(""));
                break;
            case "graph.task.added": {
                List<String> dependents = new ArrayList<>();
                p.get("dependents").forEach(d -> dependents.add(d.asText()));
                st.applyTaskAdded(TaskCodec.read(p.get("spec"), given, current), dependents, p.get("conflictOf").asText());
                break;
            }
            case "graph.replanned": {
                List<String> removed = new ArrayList<>();
                p.get("removed").forEach(r -> removed.add(r.asText()));
                List<Task> added = new ArrayList<>();
                p.get("added").forEach(n -> added.add(TaskCodec.read(n, given, current)));
                st.applyReplanned(p.get("failedTask").asText(), removed, added);
                break;
            }
            case "task.skipped":
                st.applySkipped(st.track(task), p.get("because").asText());
                break;
            case "task.gave_up":
                st.applyGaveUp(st.track(task), p.get("failFast").asBoolean(), p.get("detail").asText());
                break;
            case "graph.finished":
                st.applyFinished(RunStatus.valueOf(p.get("status").asText()), p.get("detail").asText());
                break;
            default:
                break; // graph.resumed, graph.replan_failed: notes only
        }
    }

    private static ReviewDecision decision(JsonNode p) {
        String reviewer = p.get("reviewer").asText();
        switch (p.get("decision").asText()) {
            case "approve":
                return ReviewDecision.approve(reviewer);
            case "reject":
                return ReviewDecision.reject(reviewer, p.get("feedback").asText());
            default:
                return ReviewDecision.revise(reviewer, p.get("feedback").asText());
        }
    }
}
