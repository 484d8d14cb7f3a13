// SPDX-License-Identifier: Apache-2.0
package org.openagention.orchestration.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import org.openagention.core.ConfigurationException;
import org.openagention.core.RetryPolicy;
import org.openagention.orchestration.graph.Budget;
import org.openagention.orchestration.graph.FailureKind;
import org.openagention.orchestration.graph.Lane;
import org.openagention.orchestration.graph.Task;
import org.openagention.orchestration.review.AcceptanceCheck;
import org.openagention.orchestration.review.Reviewer;
/**
 * Tasks as journal JSON and back. Built-in checks are written out in full; a custom check or a
 * reviewer (code, not data) is written as a marker and found again, on resume, in the graph the
 * caller supplies or, for a task derived from another (a conflict resolution, written with
 * {@code derivedFrom}), in that task.
 */
final class TaskCodec {
    static final ObjectMapper JSON = new ObjectMapper();

    private static final Set<FailureKind> DEFAULT_RETRY_ON = Task.builder("default").goal("default").build().retryOn();

    private TaskCodec() {}

    /** The task as compact JSON: fields at their default values are left out. */
    static String write(Task t) {
        Payload n = new Payload().put("id", t.id()).put("goal", t.goal());
        if (!t.dependencies().isEmpty()) {
            n.put("dependsOn", t.dependencies());
        }
        if (t.lane() != Lane.WORKTREE) {
            n.put("lane", t.lane().name());
        }
        if (t.estimatedCost() != 1) {
            n.put("estimatedCost", t.estimatedCost());
        }
        RetryPolicy r = t.retry();
        if (r.equals(RetryPolicy.none())) {
            n.put("retry", "none");
        } else if (!r.equals(RetryPolicy.defaults())) {
            n.putJson("retry", new Payload().put("maxAttempts", (long) r.maxAttempts())
                    .put("initialBackoffMs", r.initialBackoff().toMillis()).put("multiplier", r.multiplier())
                    .put("maxBackoffMs", r.maxBackoff().toMillis()).put("jitter", r.jitter()).json());
        }
        if (!t.retryOn().equals(DEFAULT_RETRY_ON)) {
            n.put("retryOn", t.retryOn().stream().sorted().map(Enum::name).toList());
        }
        Budget b = t.budget();
        if (!b.isUnlimited()) {
            n.putJson("budget", new Payload().put("maxTokens", b.maxTokens()).put("maxCostUsd", b.maxCostUsd())
                    .put("maxWallClockMs", b.maxWallClock().toMillis()).json());
        }
        if (t.check() instanceof CommandCheck c) {
            n.putJson("check", new Payload().put("type", "command").put("command", c.command())
                    .put("timeoutMs", c.timeout().toMillis()).json());
        } else if (!(t.check() instanceof NoCheck)) {
            n.putJson("check", new Payload().put("type", "custom").put("description", String.valueOf(t.check())).json());
        }
        if (t.reviewer().isPresent()) {
            n.put("reviewer", true);
        }
        t.conflictOf().ifPresent(from -> n.put("derivedFrom", from));
        return n.json();
    }

    /**
     * Reads a task back. Fields at their default values may be left out (as {@link #write} does);
     * a field that must be there and is not fails, naming the entry and the field.
     *
     * @param originals the caller's tasks by id (null when there are none), for custom checks and reviewers
     * @param current the run's tasks by id, for tasks derived from another
     */
    static Task read(EntryFields n, Function<String, Task> originals, Function<String, Task> current) {
        String id = n.text("id");
        Task.Builder b = Task.builder(id).goal(n.text("goal"));
        b.dependencies(n.has("dependsOn") ? n.texts("dependsOn") : List.of())
                .lane(n.has("lane") ? n.oneOf("lane", Lane.class) : Lane.WORKTREE)
                .estimatedCost(n.has("estimatedCost") ? n.decimal("estimatedCost") : 1);
        if (n.has("retry")) {
            b.retry(retry(n));
        }
        // retryOn sat inside "retry" in journals written before it moved to the task
        EntryFields retryOnHolder = n.has("retryOn") ? n
                : n.has("retry") && n.raw("retry").isObject() && n.object("retry").has("retryOn") ? n.object("retry") : null;
        if (retryOnHolder != null) {
            List<FailureKind> kinds = new ArrayList<>();
            for (String k : retryOnHolder.texts("retryOn")) {
                kinds.add(FailureKind.valueOf(k));
            }
            b.retryOn(kinds);
        }
        if (n.has("budget")) {
            EntryFields budget = n.object("budget");
            b.budget(new Budget(budget.number("maxTokens"), budget.decimal("maxCostUsd"),
                    Duration.ofMillis(budget.number("maxWallClockMs"))));
        }
        String from = n.has("derivedFrom") ? n.text("derivedFrom") : "";
        if (!from.isEmpty()) {
            b.conflictOf(from);
        }
        Task source = source(id, from, originals, current);
        EntryFields check = n.has("check") ? n.object("check") : null;
        String checkType = check == null ? "none" : check.text("type");
        switch (checkType) {
            case "none":
                b.check(AcceptanceCheck.none());
                break;
            case "command":
                b.check(new CommandCheck(check.texts("command"), Duration.ofMillis(check.number("timeoutMs"))));
                break;
            case "custom":
                if (source == null) {
                    throw new ConfigurationException("task '" + id + "' has a custom acceptance check ("
                            + check.text("description") + ") that the journal cannot restore: resume with"
                            + " Orchestrator.resume(runId, graph), giving the original graph");
                }
                b.check(source.check());
                break;
            default:
                throw check.problem("type", "is '" + checkType + "', not none, command or custom");
        }
        if (n.has("reviewer") && n.bool("reviewer")) {
            Reviewer reviewer = source == null ? null : source.reviewer().orElse(null);
            if (reviewer == null) {
                throw new ConfigurationException("task '" + id + "' has a reviewer that the journal cannot restore:"
                        + " resume with Orchestrator.resume(runId, graph), giving the original graph");
            }
            b.reviewer(reviewer);
        }
        return b.build();
    }

    private static RetryPolicy retry(EntryFields n) {
        JsonNode raw = n.raw("retry");
        if (raw.isTextual()) {
            if (!raw.asText().equals("none")) {
                throw n.problem("retry", "is '" + raw.asText() + "', not \"none\" or an object");
            }
            return RetryPolicy.none();
        }
        EntryFields r = n.object("retry");
        return RetryPolicy.builder().maxAttempts(r.integer("maxAttempts"))
                .initialBackoff(Duration.ofMillis(r.number("initialBackoffMs"))).multiplier(r.decimal("multiplier"))
                .maxBackoff(Duration.ofMillis(r.number("maxBackoffMs")))
                .jitter(r.has("jitter") ? r.decimal("jitter") : 0) // journals before jitter had none
                .build();
    }

    private static Task source(String id, String from, Function<String, Task> originals, Function<String, Task> current) {
        Task t = originals == null ? null : originals.apply(id);
        if (t == null && !from.isEmpty()) {
            t = current.apply(from);
        }
        return t;
    }
}
