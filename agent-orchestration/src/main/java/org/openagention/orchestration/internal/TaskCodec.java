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
import org.openagention.orchestration.AcceptanceCheck;
import org.openagention.orchestration.Budget;
import org.openagention.orchestration.FailureKind;
import org.openagention.orchestration.Lane;
import org.openagention.orchestration.Reviewer;
import org.openagention.orchestration.Task;

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
     * Reads a task back.
     *
     * @param originals the caller's tasks by id (null when there are none), for custom checks and reviewers
     * @param current the run's tasks by id, for tasks derived from another
     */
    static Task read(JsonNode n, Function<String, Task> originals, Function<String, Task> current) {
        String id = n.get("id").asText();
        Task.Builder b = Task.builder(id).goal(n.get("goal").asText());
        List<String> deps = new ArrayList<>();
        n.path("dependsOn").forEach(d -> deps.add(d.asText()));
        b.dependencies(deps).lane(Lane.valueOf(n.path("lane").asText(Lane.WORKTREE.name())))
                .estimatedCost(n.path("estimatedCost").asDouble(1));
        JsonNode r = n.path("retry");
        if (r.isTextual() && r.asText().equals("none")) {
            b.retry(RetryPolicy.none());
        } else if (r.isObject()) {
            b.retry(RetryPolicy.builder().maxAttempts(r.get("maxAttempts").asInt())
                    .initialBackoff(Duration.ofMillis(r.get("initialBackoffMs").asLong()))
                    .multiplier(r.get("multiplier").asDouble())
                    .maxBackoff(Duration.ofMillis(r.get("maxBackoffMs").asLong()))
                    .jitter(r.path("jitter").asDouble(0)).build()); // journals before jitter had none
        }
        // retryOn sat inside "retry" in journals written before it moved to the task
        JsonNode retryOn = n.has("retryOn") ? n.get("retryOn") : r.path("retryOn");
        if (retryOn.isArray()) {
            List<FailureKind> kinds = new ArrayList<>();
            retryOn.forEach(k -> kinds.add(FailureKind.valueOf(k.asText())));
            b.retryOn(kinds);
        }
        JsonNode budget = n.path("budget");
        if (budget.isObject()) {
            b.budget(new Budget(budget.get("maxTokens").asLong(), budget.get("maxCostUsd").asDouble(),
                    Duration.ofMillis(budget.get("maxWallClockMs").asLong())));
        }
        String from = n.path("derivedFrom").asText("");
        if (!from.isEmpty()) {
            b.conflictOf(from);
        }
        Task source = source(id, from, originals, current);
        JsonNode check = n.path("check");
        switch (check.path("type").asText("none")) {
            case "none":
                b.check(AcceptanceCheck.none());
                break;
            case "command":
                List<String> argv = new ArrayList<>();
                check.get("command").forEach(a -> argv.add(a.asText()));
                b.check(new CommandCheck(argv, Duration.ofMillis(check.get("timeoutMs").asLong())));
                break;
            default:
                if (source == null) {
                    throw new ConfigurationException("task '" + id + "' has a custom acceptance check ("
                            + check.path("description").asText() + ") that the journal cannot restore: resume with"
                            + " Orchestrator.resume(runId, graph), giving the original graph");
                }
                b.check(source.check());
        }
        if (n.path("reviewer").asBoolean(false)) {
            Reviewer reviewer = source == null ? null : source.reviewer().orElse(null);
            if (reviewer == null) {
                throw new ConfigurationException("task '" + id + "' has a reviewer that the journal cannot restore:"
                        + " resume with Orchestrator.resume(runId, graph), giving the original graph");
            }
            b.reviewer(reviewer);
        }
        return b.build();
    }

    private static Task source(String id, String from, Function<String, Task> originals, Function<String, Task> current) {
        Task t = originals == null ? null : originals.apply(id);
        if (t == null && !from.isEmpty()) {
            t = current.apply(from);
        }
        return t;
    }
}
