package org.openagention.orchestration.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.openagention.core.ConfigurationException;
import org.openagention.orchestration.AcceptanceCheck;
import org.openagention.orchestration.Budget;
import org.openagention.orchestration.FailureKind;
import org.openagention.orchestration.Lane;
import org.openagention.orchestration.Reviewer;
import org.openagention.orchestration.RetryPolicy;
import org.openagention.orchestration.Task;

/**
 * Tasks as journal JSON and back. Built-in checks are written out in full; a custom check or a
 * reviewer (code, not data) is written as a marker and found again, on resume, in the graph the
 * caller supplies or, for a task derived from another (a conflict resolution), in that task.
 */
final class TaskCodec {
    static final ObjectMapper JSON = new ObjectMapper();

    private TaskCodec() {}

    static ObjectNode write(Task t, String derivedFrom) {
        ObjectNode n = JSON.createObjectNode();
        n.put("id", t.id());
        n.put("goal", t.goal());
        ArrayNode deps = n.putArray("dependsOn");
        t.dependencies().forEach(deps::add);
        n.put("lane", t.lane().name());
        n.put("estimatedCost", t.estimatedCost());
        ObjectNode retry = n.putObject("retry");
        RetryPolicy r = t.retry();
        retry.put("maxAttempts", r.maxAttempts());
        retry.put("initialBackoffMs", r.initialBackoff().toMillis());
        retry.put("multiplier", r.multiplier());
        retry.put("maxBackoffMs", r.maxBackoff().toMillis());
        ArrayNode on = retry.putArray("retryOn");
        r.retryOn().stream().sorted().forEach(k -> on.add(k.name()));
        ObjectNode budget = n.putObject("budget");
        budget.put("maxTokens", t.budget().maxTokens());
        budget.put("maxCostUsd", t.budget().maxCostUsd());
        budget.put("maxWallClockMs", t.budget().maxWallClock().toMillis());
        ObjectNode check = n.putObject("check");
        if (t.check() instanceof NoCheck) {
            check.put("type", "none");
        } else if (t.check() instanceof CommandCheck c) {
            check.put("type", "command");
            ArrayNode argv = check.putArray("command");
            c.command().forEach(argv::add);
            check.put("timeoutMs", c.timeout().toMillis());
        } else {
            check.put("type", "custom");
            check.put("description", String.valueOf(t.check()));
        }
        n.put("reviewer", t.reviewer().isPresent());
        if (!derivedFrom.isEmpty()) {
            n.put("derivedFrom", derivedFrom);
        }
        return n;
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
        n.get("dependsOn").forEach(d -> deps.add(d.asText()));
        b.dependencies(deps).lane(Lane.valueOf(n.get("lane").asText()))
                .estimatedCost(n.get("estimatedCost").asDouble());
        JsonNode r = n.get("retry");
        List<FailureKind> kinds = new ArrayList<>();
        r.get("retryOn").forEach(k -> kinds.add(FailureKind.valueOf(k.asText())));
        b.retry(RetryPolicy.builder().maxAttempts(r.get("maxAttempts").asInt())
                .initialBackoff(Duration.ofMillis(r.get("initialBackoffMs").asLong()))
                .multiplier(r.get("multiplier").asDouble())
                .maxBackoff(Duration.ofMillis(r.get("maxBackoffMs").asLong()))
                .retryOn(kinds.toArray(new FailureKind[0])).build());
        JsonNode budget = n.get("budget");
        b.budget(new Budget(budget.get("maxTokens").asLong(), budget.get("maxCostUsd").asDouble(),
                Duration.ofMillis(budget.get("maxWallClockMs").asLong())));
        String from = n.path("derivedFrom").asText("");
        Task source = source(id, from, originals, current);
        JsonNode check = n.get("check");
        switch (check.get("type").asText()) {
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
        if (n.get("reviewer").asBoolean()) {
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
