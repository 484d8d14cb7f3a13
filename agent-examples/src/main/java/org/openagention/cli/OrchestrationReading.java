// SPDX-License-Identifier: Apache-2.0
package org.openagention.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import org.openagention.core.journal.JournalEntry;

/** Reads an orchestrated run's {@code graph.*}, {@code task.*} and {@code lane.diff} entries into a {@link RunRecord}. */
final class OrchestrationReading {
    private OrchestrationReading() {}

    static void apply(RunRecord r, List<JournalEntry> entries) {
        for (JournalEntry e : entries) {
            JsonNode p = JournalRead.json(e);
            String taskId = p.path("task").asText("");
            RunRecord.TaskRecord t = taskId.isEmpty() ? null : task(r, taskId);
            switch (e.type()) {
                case "graph.started" -> {
                    r.goal = p.path("goal").asText("");
                    r.started = e.at();
                    p.path("tasks").forEach(spec -> define(r, spec, ""));
                }
                case "graph.task.added" -> define(r, p.path("spec"), p.path("reason").asText(""));
                case "graph.replanned" -> {
                    p.path("added").forEach(spec -> define(r, spec, "added by replanning after "
                            + p.path("failedTask").asText() + " failed"));
                    r.problems.add(new RunRecord.Problem(e.at(), "graph", "replan", "after task "
                            + p.path("failedTask").asText() + " failed: removed " + p.path("removed") + ", added "
                            + p.path("added").size() + " task(s)"));
                }
                case "graph.replan_failed" -> r.problems.add(new RunRecord.Problem(e.at(), taskId, "replan failed",
                        p.path("problems").asText("")));
                case "task.state" -> {
                    t.state = p.path("to").asText();
                    if (t.state.equals("FAILED")) {
                        r.problems.add(new RunRecord.Problem(e.at(), taskId, p.path("kind").asText("failed"),
                                p.path("failure").asText(p.path("reason").asText(""))));
                    } else if (t.state.equals("PENDING") && p.path("reason").asText("").startsWith("retry")) {
                        r.problems.add(new RunRecord.Problem(e.at(), taskId, "retry", p.path("reason").asText()));
                    }
                }
                case "task.attempt.started" -> {
                    RunRecord.Attempt a = new RunRecord.Attempt();
                    a.number = p.path("attempt").asInt();
                    a.started = e.at();
                    t.attempts.add(a);
                }
                case "task.attempt.finished" -> finishAttempt(t, e, p);
                case "task.review.decided" -> t.reviews.add(p.path("decision").asText() + " by "
                        + p.path("reviewer").asText() + (p.path("feedback").asText("").isEmpty() ? ""
                        : ": " + p.path("feedback").asText()));
                case "task.merged" -> {
                    t.merged = p.path("merged").asBoolean();
                    t.mergedFiles.clear();
                    p.path("files").forEach(f -> t.mergedFiles.add(f.asText()));
                    if (!t.merged) {
                        r.problems.add(new RunRecord.Problem(e.at(), taskId, "merge conflict", "in "
                                + t.mergedFiles + (p.path("conflictTask").asText("").isEmpty()
                                ? "; not resolved: " + p.path("unresolved").asText("")
                                : "; resolved by task " + p.path("conflictTask").asText())));
                    }
                }
                case "task.skipped" -> {
                    t.skippedBecause = p.path("because").asText("");
                    r.problems.add(new RunRecord.Problem(e.at(), taskId, "skipped", t.skippedBecause));
                }
                case "task.gave_up" -> r.problems.add(new RunRecord.Problem(e.at(), taskId, "gave up",
                        p.path("detail").asText("")));
                case DiffJournalingLanes.DIFF_ENTRY -> {
                    t.diff = p.path("diff").asText("") + (p.path("truncated").asBoolean() ? "\n(diff cut short)" : "");
                    t.numstat = p.path("numstat").asText("");
                    t.diffOutcome = p.path("outcome").asText("");
                }
                case Demo.SESSION_ENTRY -> r.session = p.path("session").asText("recorded session");
                case "graph.finished" -> {
                    r.status = p.path("status").asText();
                    r.detail = p.path("detail").asText("");
                    r.finished = e.at();
                }
                default -> { }
            }
        }
    }

    private static void finishAttempt(RunRecord.TaskRecord t, JournalEntry e, JsonNode p) {
        int n = p.path("attempt").asInt();
        RunRecord.Attempt a = t.attempts.stream().filter(x -> x.number == n).reduce((x, y) -> y).orElseGet(() -> {
            RunRecord.Attempt made = new RunRecord.Attempt();
            made.number = n;
            t.attempts.add(made);
            return made;
        });
        a.finished = e.at();
        a.outcome = p.path("outcome").asText("");
        a.turns = p.path("turns").asInt();
        a.tokens = p.path("tokens").asLong();
        a.costUsd = p.path("costUsd").asDouble();
        a.elapsedMs = p.path("elapsedMs").asLong();
        a.failure = p.path("failure").asText("");
        a.checkOutput = p.path("checkOutput").asText("");
        a.output = p.path("output").asText("");
        a.workerRunId = p.path("workerRunId").asText("");
    }

    private static RunRecord.TaskRecord task(RunRecord r, String id) {
        return r.tasks.computeIfAbsent(id, k -> {
            RunRecord.TaskRecord t = new RunRecord.TaskRecord();
            t.id = k;
            return t;
        });
    }

    private static void define(RunRecord r, JsonNode spec, String addedBecause) {
        RunRecord.TaskRecord t = task(r, spec.path("id").asText());
        t.goal = spec.path("goal").asText("");
        t.dependsOn.clear();
        spec.path("dependsOn").forEach(d -> t.dependsOn.add(d.asText()));
        JsonNode check = spec.path("check");
        t.check = check.path("type").asText("").equals("command")
                ? String.join(" ", EventJson.JSON.convertValue(check.path("command"), String[].class))
                : check.path("description").asText("");
        t.reviewer = spec.path("reviewer").asBoolean(false);
        t.addedBecause = addedBecause;
    }
}
