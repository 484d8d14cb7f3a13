// SPDX-License-Identifier: Apache-2.0
package org.openagention.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.openagention.core.journal.JournalEntry;
import org.openagention.core.journal.JournalStore;
import org.openagention.core.model.PriceTable;
import org.openagention.core.model.Usage;

/**
 * A run as its journal tells it, for the report: an orchestrated run's tasks (goal, dependencies,
 * check, states, attempts, reviews, merge, diff) with the journals of the worker agents of each
 * attempt, or a single agent's run. Built by {@link #read}; plain mutable data, used on one thread.
 */
final class RunRecord {
    String runId;
    boolean orchestrated;
    String goal = "";
    String status = "UNFINISHED";
    String detail = "";
    String session = "";
    Instant started;
    Instant finished;
    final Map<String, TaskRecord> tasks = new LinkedHashMap<>();
    final List<AgentRun> agents = new ArrayList<>();
    final List<Problem> problems = new ArrayList<>();

    static final class TaskRecord {
        String id;
        String goal = "";
        List<String> dependsOn = new ArrayList<>();
        String check = "";
        boolean reviewer;
        String state = "PENDING";
        String addedBecause = "";
        String skippedBecause = "";
        Boolean merged;
        List<String> mergedFiles = new ArrayList<>();
        String diff = "";
        String numstat = "";
        /** What became of the diff's work: merged, conflict or abandoned. */
        String diffOutcome = "";
        final List<Attempt> attempts = new ArrayList<>();
        final List<String> reviews = new ArrayList<>();

        long tokens() {
            return attempts.stream().mapToLong(a -> a.tokens).sum();
        }

        double cost() {
            return attempts.stream().mapToDouble(a -> a.costUsd).sum();
        }

        int turns() {
            return attempts.stream().mapToInt(a -> a.turns).sum();
        }
    }

    static final class Attempt {
        int number;
        Instant started;
        Instant finished;
        String outcome = "running";
        int turns;
        long tokens;
        double costUsd;
        long elapsedMs;
        String failure = "";
        String checkOutput = "";
        String output = "";
        String workerRunId = "";
    }

    /** One agent run: its turns, each with the tool calls it made. */
    static final class AgentRun {
        String runId;
        String lane;
        String agent = "";
        String input = "";
        Instant started;
        Instant finished;
        String stopReason = "";
        String detail = "";
        long tokens;
        /** Input, output, cache reads and writes of the run (or of its turns so far, when unfinished). */
        Usage usage = Usage.ZERO;
        double costUsd;
        /** For a subagent's run: the run and the call that started it; empty otherwise. */
        String parentRunId = "";
        String parentCallId = "";
        final List<Turn> turns = new ArrayList<>();
    }

    static final class Turn {
        int number;
        Instant started;
        Instant responded;
        String text = "";
        long tokens;
        Usage usage = Usage.ZERO;
        String model = "";
        final List<Call> calls = new ArrayList<>();
    }

    static final class Call {
        String id;
        String name;
        String arguments;
        String result = "";
        boolean error;
        boolean done;
        Instant finished;
    }

    /** An error or retry, in the order the journal has it. */
    record Problem(Instant at, String where, String kind, String text) {}

    static RunRecord read(JournalStore store, String runId, List<JournalEntry> entries, PriceTable prices) {
        RunRecord r = new RunRecord();
        r.runId = runId;
        r.orchestrated = entries.stream().anyMatch(e -> e.type().equals("graph.started"));
        if (r.orchestrated) {
            OrchestrationReading.apply(r, entries);
            for (TaskRecord t : r.tasks.values()) {
                for (Attempt a : t.attempts) {
                    if (!a.workerRunId.isEmpty()) {
                        List<JournalEntry> worker = store.read(a.workerRunId);
                        if (!worker.isEmpty()) {
                            r.agents.add(agentRun(r, a.workerRunId, t.id + "#" + a.number, worker, prices));
                        }
                    }
                }
            }
        } else {
            AgentRun a = agentRun(r, runId, "agent", entries, prices);
            r.agents.add(a);
            addSubagents(r, store, a, prices);
            r.goal = a.input;
            r.started = a.started;
            r.finished = a.finished;
            r.status = a.stopReason.isEmpty() ? "UNFINISHED" : a.stopReason;
            r.detail = a.detail;
        }
        return r;
    }

    private static AgentRun agentRun(RunRecord r, String runId, String lane, List<JournalEntry> entries,
            PriceTable prices) {
        AgentRun a = new AgentRun();
        a.runId = runId;
        a.lane = lane;
        Map<String, Call> calls = new LinkedHashMap<>();
        Instant last = null;
        for (JournalEntry e : entries) {
            JsonNode p = JournalRead.json(e);
            switch (e.type()) {
                case "run.started" -> {
                    a.agent = p.path("agent").asText("");
                    a.input = p.path("input").asText("");
                    a.started = e.at();
                }
                case "model.response" -> {
                    Turn t = new Turn();
                    t.number = turnOf(e.stepId());
                    t.started = last != null ? last : e.at();
                    t.responded = e.at();
                    t.model = p.path("model").asText("");
                    t.usage = usage(p.path("usage"));
                    t.tokens = t.usage.totalTokens();
                    StringBuilder text = new StringBuilder();
                    int index = 0;
                    for (JsonNode c : p.path("content")) {
                        if (c.path("type").asText().equals("text")) {
                            text.append(c.path("text").asText());
                        } else if (c.path("type").asText().equals("tool_use")) {
                            Call call = new Call();
                            call.id = c.path("id").asText();
                            call.name = c.path("name").asText();
                            call.arguments = c.path("arguments").asText();
                            t.calls.add(call);
                            // the loop's step id of a call: turn-N/tool/<index in the turn>-<call id>
                            calls.put("turn-" + t.number + "/tool/" + index++ + "-" + call.id, call);
                        }
                    }
                    t.text = text.toString();
                    a.turns.add(t);
                }
                case "tool.result" -> {
                    Call call = calls.get(e.stepId());
                    if (call != null) {
                        call.result = p.path("text").asText("");
                        call.error = p.has("error");
                        call.done = true;
                        call.finished = e.at();
                        if (call.error) {
                            r.problems.add(new Problem(e.at(), lane, "tool error",
                                    call.name + ": " + TextProgress.gist(call.result)));
                        }
                    }
                }
                case "run.finished" -> {
                    a.finished = e.at();
                    a.stopReason = p.path("stopReason").asText("");
                    a.detail = p.path("detail").asText("");
                    a.costUsd = p.path("costUsd").asDouble();
                    a.usage = usage(p.path("usage"));
                    a.tokens = a.usage.totalTokens();
                    if (!a.stopReason.equals("COMPLETED")) {
                        r.problems.add(new Problem(e.at(), lane, "agent stopped", a.stopReason + ": " + a.detail));
                    }
                }
                default -> { }
            }
            last = e.at();
        }
        if (a.finished == null) {
            a.usage = a.turns.stream().map(t -> t.usage).reduce(Usage.ZERO, Usage::plus);
            a.tokens = a.turns.stream().mapToLong(t -> t.tokens).sum();
            a.costUsd = 0;
            for (Turn t : a.turns) {
                a.costUsd += prices.cost(t.model, new org.openagention.core.model.Usage(t.tokens, 0));
            }
        }
        return a;
    }

    private static Usage usage(JsonNode u) {
        return new Usage(Math.max(0, u.path("input").asLong()), Math.max(0, u.path("output").asLong()),
                Math.max(0, u.path("cacheRead").asLong()), Math.max(0, u.path("cacheWrite").asLong()));
    }

    /** The usage of a task's worker runs, over its attempts. */
    Usage usage(TaskRecord t) {
        Usage sum = Usage.ZERO;
        for (Attempt a : t.attempts) {
            for (AgentRun ag : agents) {
                if (!a.workerRunId.isEmpty() && ag.runId.equals(a.workerRunId)) {
                    sum = sum.plus(ag.usage);
                }
            }
        }
        return sum;
    }

    /** The share of input read from the prompt cache, as "85%", or "-" with no input. */
    static String cacheShare(Usage u) {
        return u.totalInputTokens() == 0 ? "-" : String.format(java.util.Locale.ROOT, "%.0f%%", 100 * u.cacheReadShare());
    }

    /** The journaled runs of {@code parent}'s subagent calls, each right after its parent, nested as deep as they go. */
    private static void addSubagents(RunRecord r, JournalStore store, AgentRun parent, PriceTable prices) {
        for (Turn t : parent.turns) {
            for (Call c : t.calls) {
                String childId = org.openagention.core.Subagent.childRunId(parent.runId, t.number, c.id);
                List<JournalEntry> child = store.read(childId);
                if (!child.isEmpty()) {
                    AgentRun a = agentRun(r, childId, parent.lane + " > " + c.name, child, prices);
                    a.parentRunId = parent.runId;
                    a.parentCallId = c.id;
                    r.agents.add(a);
                    addSubagents(r, store, a, prices);
                }
            }
        }
    }

    private static int turnOf(String stepId) {
        // "turn-3/model"
        try {
            int slash = stepId.indexOf('/');
            return Integer.parseInt(stepId.substring(5, slash < 0 ? stepId.length() : slash));
        } catch (RuntimeException e) {
            return 0;
        }
    }

    long tokens() {
        return orchestrated ? tasks.values().stream().mapToLong(TaskRecord::tokens).sum()
                : agents.stream().filter(a -> a.parentRunId.isEmpty()).mapToLong(a -> a.tokens).sum();
    }

    double cost() {
        return orchestrated ? tasks.values().stream().mapToDouble(TaskRecord::cost).sum()
                : agents.stream().filter(a -> a.parentRunId.isEmpty()).mapToDouble(a -> a.costUsd).sum();
    }

    /** How many items the timeline shows: every turn and every tool call of every agent. */
    int timelineItems() {
        int n = 0;
        for (AgentRun a : agents) {
            for (Turn t : a.turns) {
                n += 1 + t.calls.size();
            }
        }
        return n;
    }
}
