// SPDX-License-Identifier: Apache-2.0
package org.openagention.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.openagention.core.journal.JournalEntry;
import org.openagention.core.journal.JournalStore;
import org.openagention.core.model.PriceTable;

/**
 * What the web console shows of a journal directory, read from the journals themselves: the runs
 * (worker agents folded into their orchestrated run) with their status, turns, recent tool calls
 * and task states, and the calls waiting for approval. {@link #fingerprint} changes whenever a
 * journal or an approval file does, so the console recomputes only then. Used by one thread at a time.
 */
final class ConsoleState {
    /** A run whose journal has not grown for this long, with nothing waiting, is shown as stopped. */
    private static final Duration QUIET = Duration.ofMinutes(10);
    private static final int RECENT_CALLS = 8;
    /** How long before its graph starts an orchestrated run's planner may have started. */
    private static final Duration PLANNING = Duration.ofMinutes(30);

    private final Path dir;
    private final JournalStore store;
    private final ApprovalFiles approvals;
    private final List<ApprovalSource> others;

    ConsoleState(Path dir) {
        this(dir, List.of());
    }

    /** With {@code others}: further sources of waiting calls (Temporal runs), listed beside the files'. */
    ConsoleState(Path dir, List<ApprovalSource> others) {
        this.dir = dir;
        this.store = JournalStore.file(dir);
        this.approvals = new ApprovalFiles(dir);
        this.others = List.copyOf(others);
    }

    JournalStore store() {
        return store;
    }

    ApprovalFiles approvals() {
        return approvals;
    }

    /** Names, sizes and times of the journal and approval files: equal while nothing changed. */
    String fingerprint() {
        StringBuilder b = new StringBuilder();
        for (Path d : List.of(dir, approvals.dir())) {
            if (!Files.isDirectory(d)) {
                continue;
            }
            List<String> parts = new ArrayList<>();
            try (DirectoryStream<Path> files = Files.newDirectoryStream(d)) {
                for (Path f : files) {
                    try {
                        parts.add(f.getFileName() + ":" + Files.size(f) + ":" + Files.getLastModifiedTime(f).toMillis());
                    } catch (IOException e) {
                        parts.add(f.getFileName() + ":gone");
                    }
                }
            } catch (IOException e) {
                parts.add("unreadable");
            }
            parts.sort(null);
            b.append(d).append(parts);
        }
        for (ApprovalSource s : others) {
            s.pending().forEach(p -> b.append(' ').append(p.id()));
            s.openRuns().forEach((id, entries) -> b.append(' ').append(id).append(':').append(entries.size()));
        }
        return b.toString();
    }

    /** The whole state: {@code runs} (newest first) and {@code approvals}. */
    ObjectNode snapshot(Instant now) {
        List<ApprovalFiles.Pending> pending = new ArrayList<>(approvals.pending());
        for (ApprovalSource s : others) {
            pending.addAll(s.pending());
        }
        pending.sort((a, b) -> a.askedAt().compareTo(b.askedAt()));
        Map<String, RunRecord> records = new HashMap<>();
        Set<String> workers = new HashSet<>();
        Map<String, String> parentOf = new HashMap<>();
        for (String id : store.runIds()) {
            List<JournalEntry> entries = store.read(id);
            if (entries.isEmpty()) {
                continue;
            }
            RunRecord r = RunRecord.read(store, id, entries, PriceTable.defaults());
            records.put(id, r);
            for (RunRecord.TaskRecord t : r.tasks.values()) {
                for (RunRecord.Attempt a : t.attempts) {
                    if (!a.workerRunId.isEmpty()) {
                        workers.add(a.workerRunId);
                        parentOf.put(a.workerRunId, id);
                    }
                }
            }
        }
        Set<String> open = new HashSet<>();
        for (ApprovalSource s : others) {
            s.openRuns().forEach((id, entries) -> {
                if (!entries.isEmpty() && !records.containsKey(id)) {
                    records.put(id, RunRecord.read(JournalStore.inMemory(), id, entries, PriceTable.defaults()));
                    open.add(id);
                }
            });
        }
        for (RunRecord r : records.values()) {
            if (helperOfOrchestratedRun(r, records.values(), now)) {
                workers.add(r.runId);
            }
        }
        ObjectNode state = EventJson.JSON.createObjectNode().put("journalDir", dir.toString());
        ArrayNode runs = state.putArray("runs");
        records.values().stream().filter(r -> !workers.contains(r.runId))
                .sorted((a, b) -> compare(b.started, a.started))
                .forEach(r -> runs.add(run(r, now, pending, parentOf, open.contains(r.runId))));
        ArrayNode list = state.putArray("approvals");
        for (ApprovalFiles.Pending p : pending) {
            list.add(EventJson.JSON.createObjectNode().put("id", p.id())
                    .put("runId", parentOf.getOrDefault(p.runId(), p.runId())).put("agentRunId", p.runId())
                    .put("tool", p.tool()).put("arguments", HtmlReport.cut(p.arguments(), 2_000)).put("rule", p.rule())
                    .put("askedAt", p.askedAt()));
        }
        return state;
    }

    private ObjectNode run(RunRecord r, Instant now, List<ApprovalFiles.Pending> pending, Map<String, String> parentOf,
            boolean open) {
        boolean waiting = pending.stream().anyMatch(p -> r.runId.equals(parentOf.getOrDefault(p.runId(), p.runId())));
        String status = open ? "RUNNING" : r.status; // an open Temporal run goes on until its workflow closes
        if (status.equals("UNFINISHED")) {
            Instant last = lastModified(r.runId);
            status = waiting || (last != null && Duration.between(last, now).compareTo(QUIET) < 0) ? "RUNNING" : "STOPPED";
        }
        ObjectNode o = EventJson.JSON.createObjectNode().put("id", r.runId).put("goal", HtmlReport.cut(r.goal, 300))
                .put("status", status).put("orchestrated", r.orchestrated).put("waiting", waiting)
                .put("started", r.started == null ? "" : r.started.toString())
                .put("finished", r.finished == null ? "" : r.finished.toString())
                .put("tokens", r.tokens()).put("costUsd", Math.round(r.cost() * 10_000) / 10_000.0)
                .put("detail", HtmlReport.cut(r.detail, 300));
        int turns = 0;
        List<ObjectNode> calls = new ArrayList<>();
        for (RunRecord.AgentRun a : r.agents) {
            turns += a.turns.size();
            for (RunRecord.Turn t : a.turns) {
                for (RunRecord.Call c : t.calls) {
                    calls.add(EventJson.JSON.createObjectNode().put("agent", a.lane).put("turn", t.number)
                            .put("tool", c.name).put("arguments", HtmlReport.cut(c.arguments, 160))
                            .put("state", !c.done ? "running" : c.error ? "error" : "done")
                            .put("result", HtmlReport.cut(TextProgress.gist(c.result), 160)));
                }
            }
        }
        o.put("turns", turns).put("toolCalls", calls.size());
        ArrayNode recent = o.putArray("recentCalls");
        calls.subList(Math.max(0, calls.size() - RECENT_CALLS), calls.size()).forEach(recent::add);
        ArrayNode tasks = o.putArray("tasks");
        for (RunRecord.TaskRecord t : r.tasks.values()) {
            tasks.add(EventJson.JSON.createObjectNode().put("id", t.id).put("goal", HtmlReport.cut(t.goal, 200))
                    .put("state", t.state).put("attempts", t.attempts.size()));
        }
        return o;
    }

    /**
     * Whether {@code r} is the CLI's planner or reviewer agent of an orchestrated run: their
     * journals are not linked from the run's, so they are matched by name and time (the planner
     * runs shortly before the graph starts, reviewers while it runs). Shown in the run, not beside it.
     */
    private static boolean helperOfOrchestratedRun(RunRecord r, java.util.Collection<RunRecord> all, Instant now) {
        if (r.orchestrated || r.agents.isEmpty() || r.started == null
                || !List.of("planner", "reviewer").contains(r.agents.get(0).agent)) {
            return false;
        }
        for (RunRecord o : all) {
            if (o.orchestrated && o.started != null && !r.started.isBefore(o.started.minus(PLANNING))
                    && !r.started.isAfter(o.finished != null ? o.finished : now)) {
                return true;
            }
        }
        return false;
    }

    private Instant lastModified(String runId) {
        try {
            return Files.getLastModifiedTime(dir.resolve(runId + ".jsonl")).toInstant();
        } catch (IOException e) {
            return null;
        }
    }

    private static int compare(Instant a, Instant b) {
        return a == null ? (b == null ? 0 : -1) : b == null ? 1 : a.compareTo(b);
    }
}
