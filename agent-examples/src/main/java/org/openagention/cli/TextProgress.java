// SPDX-License-Identifier: Apache-2.0
package org.openagention.cli;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.openagention.core.AgentEvent;
import org.openagention.core.AgentListener;
import org.openagention.core.model.PriceTable;
import org.openagention.core.model.Usage;
import org.openagention.orchestration.OrchestrationEvent;
/**
 * Progress for a person: on a terminal, a table of the tasks (state, attempt, turns, tokens, cost,
 * elapsed, the call each worker is making) redrawn in place once a second and on every event, with
 * milestones (state changes, attempts, reviews, merges, errors) printed above it; otherwise one log
 * line per event, tool calls included. Ends with the table as a summary.
 */
final class TextProgress implements Progress {
    private static final int MAX_CALL = 70;

    private final Terminal terminal;
    private final PriceTable prices;
    private final Map<String, Row> rows = new LinkedHashMap<>();
    /** The label of each subagent run, by its run id (guarded by this). */
    private final Map<String, String> subagents = new java.util.HashMap<>();
    private final ScheduledExecutorService ticker;
    private volatile boolean closed;

    private static final class Row {
        final String id;
        String state = "pending";
        int attempt;
        int turns;
        long tokens;
        Usage usage = Usage.ZERO;
        double cost;
        long startNanos;
        long endNanos;
        String now = "";

        Row(String id) {
            this.id = id;
        }
    }

    TextProgress(Terminal terminal, PriceTable prices) {
        this.terminal = terminal;
        this.prices = prices;
        if (terminal.ansi()) {
            ticker = Executors.newSingleThreadScheduledExecutor(r -> {
                Thread t = new Thread(r, "openagention-progress");
                t.setDaemon(true);
                return t;
            });
            ticker.scheduleAtFixedRate(this::redraw, 1, 1, TimeUnit.SECONDS);
        } else {
            ticker = null;
        }
    }

    @Override
    public AgentListener lane(String rowId, String label) {
        return event -> onAgent(rowId, label, event);
    }

    private void onAgent(String rowId, String agentLabel, AgentEvent e) {
        String line = null;
        boolean milestone = false;
        synchronized (this) {
            Row row = row(rowId);
            // A subagent's events come through its parent's lane, under the child's run id: shown nested.
            String child = subagents.get(e.runId());
            String label = child != null ? child : agentLabel;
            if (e instanceof AgentEvent.SubagentStarted s) {
                subagents.put(s.childRunId(), label + " > " + s.agentName());
                line = label + ": subagent " + s.agentName() + " started";
            } else if (e instanceof AgentEvent.SubagentFinished f) {
                line = label + ": subagent " + f.result().agentName() + " finished: "
                        + f.result().stopReason().name().toLowerCase(Locale.ROOT);
            } else if (e instanceof AgentEvent.HandedOff h) {
                line = label + ": handed off from " + h.fromAgent() + " to " + h.toAgent();
                milestone = true;
            } else if (e instanceof AgentEvent.RunStarted) {
                if (row.startNanos == 0) {
                    row.startNanos = System.nanoTime();
                }
                if (row.state.equals("pending")) {
                    row.state = "running";
                }
            } else if (e instanceof AgentEvent.TurnStarted) {
                row.turns++;
                row.now = "thinking";
            } else if (e instanceof AgentEvent.ModelResponded r) {
                row.tokens += r.response().usage().totalTokens();
                row.usage = row.usage.plus(r.response().usage());
                row.cost += prices.cost(r.response().modelId(), r.response().usage());
                row.now = "";
            } else if (e instanceof AgentEvent.ToolCallStarted s) {
                row.now = s.call().name() + " " + cut(s.call().argumentsJson(), MAX_CALL);
                line = label + ": " + row.now;
            } else if (e instanceof AgentEvent.ToolCallFinished f) {
                row.now = "";
                if (f.result().isError()) {
                    line = label + ": " + f.call().name() + " returned an error: " + gist(f.result().text());
                }
            } else if (e instanceof AgentEvent.ApprovalDecided a && !(a.approved() && a.decidedBy().equals("policy"))) {
                line = label + ": " + a.call().name() + (a.approved() ? " approved" : " denied") + " by " + a.decidedBy()
                        + (a.approved() ? "" : ": " + a.reason());
                milestone = !a.approved();
            } else if (e instanceof AgentEvent.ErrorOccurred err) {
                line = label + ": error: " + firstLine(err.message());
                milestone = true;
            } else if (e instanceof AgentEvent.LimitReached l) {
                line = label + ": stopped: " + l.reason().name().toLowerCase(Locale.ROOT) + " (" + l.detail() + ")";
                milestone = true;
            } else if (e instanceof AgentEvent.RunFinished f && child == null
                    && (rowId.equals("agent") || rowId.equals("planner"))) {
                row.state = f.result().isSuccess() ? "done" : "failed";
                row.endNanos = System.nanoTime();
                row.now = "";
            }
        }
        emit(line, milestone);
    }

    @Override
    public void onEvent(OrchestrationEvent e) {
        String line = null;
        synchronized (this) {
            if (e instanceof OrchestrationEvent.TaskStateChanged c) {
                Row row = row(c.taskId());
                row.state = c.to().name().toLowerCase(Locale.ROOT);
                if (c.to().name().equals("DONE") || c.to().name().equals("FAILED")) {
                    row.endNanos = System.nanoTime();
                    row.now = "";
                } else {
                    row.endNanos = 0;
                }
                line = c.taskId() + ": " + c.from().name().toLowerCase(Locale.ROOT) + " -> " + row.state
                        + (c.reason().isEmpty() ? "" : " (" + gist(c.reason()) + ")");
            } else if (e instanceof OrchestrationEvent.AttemptStarted a) {
                Row row = row(a.taskId());
                row.attempt = a.attempt();
                if (row.startNanos == 0) {
                    row.startNanos = System.nanoTime();
                }
            } else if (e instanceof OrchestrationEvent.AttemptFinished f) {
                line = f.taskId() + ": attempt " + f.attempt() + " " + f.outcome().toLowerCase(Locale.ROOT) + " ("
                        + f.turns() + " turns, " + String.format(Locale.ROOT, "%,d", f.tokens()) + " tokens, "
                        + money(f.costUsd()) + ")";
            } else if (e instanceof OrchestrationEvent.ReviewDecided r) {
                line = r.taskId() + ": review " + r.decision().name().toLowerCase(Locale.ROOT) + " by " + r.reviewer()
                        + (r.feedback().isEmpty() ? "" : ": " + firstLine(r.feedback()));
            } else if (e instanceof OrchestrationEvent.TaskMerged m) {
                line = m.taskId() + ": " + (m.merged() ? "merged (" + String.join(", ", m.files()) + ")"
                        : "merge conflict in " + m.files() + (m.conflictTask().isEmpty()
                                ? ", left for a person (its work stays on its branch)"
                                : ", resolved by new task " + m.conflictTask()));
            } else if (e instanceof OrchestrationEvent.TaskAdded a) {
                row(a.taskId());
                line = a.taskId() + ": added (" + a.reason() + ")";
            } else if (e instanceof OrchestrationEvent.TaskSkipped s) {
                row(s.taskId()).state = "skipped";
                line = s.taskId() + ": skipped (" + s.because() + ")";
            } else if (e instanceof OrchestrationEvent.Replanned r) {
                r.added().forEach(this::row);
                line = "replanned after " + r.failedTask() + " failed: removed " + r.removed() + ", added " + r.added();
            } else if (e instanceof OrchestrationEvent.RunFinished f) {
                line = "run " + f.runId() + " finished: " + f.result().status().name()
                        + (f.result().detail().isEmpty() ? "" : " (" + firstLine(f.result().detail()) + ")");
            } else if (e instanceof OrchestrationEvent.RunStarted s) {
                line = "run " + s.runId() + (s.resumed() ? " resumed" : " started") + ": " + s.tasks() + " tasks";
            }
        }
        emit(line, true);
    }

    /** Declares the tasks up front, so the table shows them all from the start. */
    synchronized void tasks(List<String> ids) {
        ids.forEach(this::row);
    }

    @Override
    public void note(String kind, String text) {
        for (String line : text.split("\n", -1)) {
            terminal.println(line);
        }
        redraw();
    }

    private void emit(String line, boolean milestone) {
        if (line != null && (milestone || !terminal.ansi())) {
            terminal.println(line);
        }
        redraw();
    }

    private void redraw() {
        if (terminal.ansi() && !closed) {
            terminal.draw(table(true));
        }
    }

    @Override
    public void close() {
        closed = true;
        if (ticker != null) {
            ticker.shutdownNow();
        }
        List<String> summary = table(false);
        if (terminal.ansi()) {
            terminal.draw(summary);
            terminal.release();
        } else if (summary.size() > 1) {
            summary.forEach(terminal::println);
        }
    }

    private synchronized List<String> table(boolean live) {
        List<String> lines = new ArrayList<>();
        if (rows.isEmpty()) {
            return lines;
        }
        lines.add(String.format(Locale.ROOT, "%-18s %-8s %3s %5s %9s %9s %7s  %s", "TASK", "STATE", "ATT", "TURNS",
                "TOKENS", "COST", "TIME", live ? "NOW" : ""));
        long tokens = 0;
        double cost = 0;
        for (Row r : rows.values()) {
            tokens += r.tokens;
            cost += r.cost;
            lines.add(String.format(Locale.ROOT, "%-18s %-8s %3s %5d %,9d %9s %7s  %s", cut(r.id, 18), r.state,
                    r.attempt == 0 ? "-" : String.valueOf(r.attempt), r.turns, r.tokens, money(r.cost), elapsed(r),
                    live ? r.now : ""));
        }
        lines.add(String.format(Locale.ROOT, "%-18s %-8s %3s %5s %,9d %9s", "total", "", "", "", tokens, money(cost)));
        Usage all = rows.values().stream().map(r -> r.usage).reduce(Usage.ZERO, Usage::plus);
        if (!live && all.totalInputTokens() > 0) {
            lines.add(cacheLine(all));
        }
        return lines;
    }

    private Row row(String id) {
        return rows.computeIfAbsent(id, Row::new);
    }

    private static String elapsed(Row r) {
        if (r.startNanos == 0) {
            return "-";
        }
        long end = r.endNanos != 0 ? r.endNanos : System.nanoTime();
        long s = Math.max(0, (end - r.startNanos) / 1_000_000_000L);
        return s < 60 ? s + "s" : (s / 60) + "m" + String.format(Locale.ROOT, "%02d", s % 60) + "s";
    }

    /** The prompt cache's part of the input, for the end-of-run summary. */
    static String cacheLine(Usage u) {
        return String.format(Locale.ROOT, "prompt cache: %,d input tokens read from it (%.0f%%), %,d written to it,"
                + " %,d uncached", u.cacheReadTokens(), 100 * u.cacheReadShare(), u.cacheWriteTokens(), u.inputTokens());
    }

    static String money(double usd) {
        return String.format(Locale.ROOT, "$%.4f", usd);
    }

    private static String cut(String s, int max) {
        String one = s.replace('\n', ' ');
        return one.length() <= max ? one : one.substring(0, max - 1) + "…";
    }

    /** The first line of a multi-line text and its last, which for a command's output is usually the verdict. */
    static String gist(String s) {
        List<String> lines = s.strip().lines().filter(l -> !l.isBlank()).toList();
        if (lines.size() <= 1) {
            return firstLine(s);
        }
        return cut(lines.get(0), 80) + " … " + cut(lines.get(lines.size() - 1), 80);
    }

    private static String firstLine(String s) {
        String t = s.strip();
        int nl = t.indexOf('\n');
        return cut(nl < 0 ? t : t.substring(0, nl), 160);
    }
}
