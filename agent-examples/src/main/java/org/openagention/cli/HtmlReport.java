// SPDX-License-Identifier: Apache-2.0
package org.openagention.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;

/**
 * The run report: one self-contained HTML page (inline CSS, SVG and script, nothing fetched) from a
 * {@link RunRecord}. The task graph is SVG drawn here; the timeline is drawn in the page by its
 * script from the run's data, embedded as JSON. Every text from the journal is escaped, in the
 * markup and in the JSON. The script records what it rendered in {@code #render-check}
 * ({@code data-graph-nodes}, {@code data-timeline-items}, {@code data-errors}) so a headless
 * browser can check the page.
 */
final class HtmlReport {
    private static final int MAX_TEXT = 20_000;

    private HtmlReport() {}

    static String render(RunRecord r) {
        StringBuilder sb = new StringBuilder(64 * 1024);
        sb.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">")
                .append("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline';"
                        + " script-src 'unsafe-inline'; img-src data:\">")
                .append("<title>").append(Html.escape("OpenAgention run " + r.runId)).append("</title>")
                .append("<script>window.__errors=[];window.addEventListener('error',function(e){"
                        + "window.__errors.push(String(e.message));});</script>")
                .append("<style>").append(resource("report/report.css")).append("</style></head><body>\n");
        header(sb, r);
        if (r.orchestrated) {
            sb.append("<h2>Task graph</h2><div id=\"graph\">").append(GraphSvg.render(r)).append("</div>\n");
            tasksTable(sb, r);
        } else {
            sb.append("<div id=\"graph\"></div>");
        }
        sb.append("<h2>Timeline</h2><p class=\"legend muted\">one row per agent run<span style=\"background:#84adff\">"
                + "</span>model turn<span style=\"background:#32d583\"></span>tool call<span style=\"background:#f97066\">"
                + "</span>tool error</p><div id=\"timeline\" class=\"timeline\"></div>\n");
        problems(sb, r);
        if (r.orchestrated) {
            sb.append("<h2>Tasks</h2>");
            r.tasks.values().forEach(t -> TaskSections.task(sb, r, t));
        } else {
            sb.append("<h2>Transcript</h2>");
            r.agents.forEach(a -> TaskSections.agent(sb, a));
        }
        sb.append("<div id=\"render-check\"></div>\n<script type=\"application/json\" id=\"report-data\">")
                .append(Html.scriptJson(data(r).toString())).append("</script>\n<script>")
                .append(resource("report/report.js")).append("</script>\n</body></html>\n");
        return sb.toString();
    }

    private static void header(StringBuilder sb, RunRecord r) {
        sb.append("<h1>").append(r.orchestrated ? "Orchestrated run " : "Agent run ").append(Html.escape(r.runId))
                .append(" <span class=\"state s-").append(Html.escape(r.status)).append("\">")
                .append(Html.escape(r.status)).append("</span></h1>");
        if (!r.session.isEmpty()) {
            sb.append("<div class=\"replay\"><b>Recorded session (replay).</b> No model was called: the model's answers"
                    + " came from ").append(Html.escape(r.session)).append(". Everything else (edits, worktrees, shell"
                    + " commands, checks, merges, this journal) was real.</div>");
        }
        sb.append("<p><b>").append(r.orchestrated ? "Goal" : "Task").append(":</b> ").append(Html.escape(r.goal))
                .append("</p>");
        if (!r.detail.isEmpty()) {
            sb.append("<p class=\"muted\">").append(Html.escape(r.detail)).append("</p>");
        }
        sb.append("<div class=\"summary\">");
        stat(sb, "tasks", r.orchestrated ? String.valueOf(r.tasks.size()) : "1 agent");
        stat(sb, "agent runs", String.valueOf(r.agents.size()));
        // An orchestrated run's journal counts its workers' attempts; the planner and reviewer agents journal apart.
        stat(sb, r.orchestrated ? "worker tokens" : "tokens", String.format(Locale.ROOT, "%,d", r.tokens()));
        stat(sb, r.orchestrated ? "worker cost" : "cost", TextProgress.money(r.cost()));
        stat(sb, "input read from cache", RunRecord.cacheShare(r.agents.stream().map(a -> a.usage)
                .reduce(org.openagention.core.model.Usage.ZERO, org.openagention.core.model.Usage::plus)));
        stat(sb, "duration", r.started != null && r.finished != null
                ? seconds(Duration.between(r.started, r.finished)) : "unfinished");
        stat(sb, "errors and retries", String.valueOf(r.problems.size()));
        sb.append("</div>\n");
    }

    private static void stat(StringBuilder sb, String label, String value) {
        sb.append("<div><span class=\"muted\">").append(Html.escape(label)).append("</span><b>").append(Html.escape(value))
                .append("</b></div>");
    }

    private static void tasksTable(StringBuilder sb, RunRecord r) {
        sb.append("<table id=\"task-table\"><tr><th>task</th><th>state</th><th class=\"num\">attempts</th>"
                + "<th class=\"num\">turns</th><th class=\"num\">tokens</th><th class=\"num\">cache read</th>"
                + "<th class=\"num\">cost</th>"
                + "<th class=\"num\">time</th><th>merged</th></tr>");
        for (RunRecord.TaskRecord t : r.tasks.values()) {
            long ms = t.attempts.stream().mapToLong(a -> a.elapsedMs).sum();
            sb.append("<tr><td><a href=\"#task-").append(Html.escape(t.id)).append("\">").append(Html.escape(t.id))
                    .append("</a></td><td><span class=\"state s-").append(Html.escape(t.state)).append("\">")
                    .append(Html.escape(t.skippedBecause.isEmpty() ? t.state : "SKIPPED")).append("</span></td>")
                    .append("<td class=\"num\">").append(t.attempts.size()).append("</td><td class=\"num\">")
                    .append(t.turns()).append("</td><td class=\"num\">").append(String.format(Locale.ROOT, "%,d", t.tokens()))
                    .append("</td><td class=\"num\">").append(RunRecord.cacheShare(r.usage(t)))
                    .append("</td><td class=\"num\">").append(TextProgress.money(t.cost())).append("</td><td class=\"num\">")
                    .append(seconds(Duration.ofMillis(ms))).append("</td><td>")
                    .append(t.merged == null ? "-" : t.merged ? "yes" : "conflict").append("</td></tr>");
        }
        sb.append("</table>\n");
    }

    private static void problems(StringBuilder sb, RunRecord r) {
        sb.append("<h2>Errors and retries</h2>");
        if (r.problems.isEmpty()) {
            sb.append("<p class=\"muted\">none</p>");
            return;
        }
        sb.append("<table id=\"problems\"><tr><th>when</th><th>where</th><th>what</th><th>detail</th></tr>");
        for (RunRecord.Problem p : r.problems) {
            sb.append("<tr><td>").append(Html.escape(String.valueOf(p.at()))).append("</td><td>").append(Html.escape(p.where()))
                    .append("</td><td>").append(Html.escape(p.kind())).append("</td><td>")
                    .append(Html.escape(cut(p.text(), 600))).append("</td></tr>");
        }
        sb.append("</table>\n");
    }

    /** The data the page's script draws: the timeline lanes with their turns and tool calls. */
    private static ObjectNode data(RunRecord r) {
        ObjectNode root = EventJson.JSON.createObjectNode().put("runId", r.runId);
        ObjectNode timeline = root.putObject("timeline");
        long start = Long.MAX_VALUE;
        long end = Long.MIN_VALUE;
        ArrayNode lanes = timeline.putArray("lanes");
        for (RunRecord.AgentRun a : r.agents) {
            ObjectNode lane = lanes.addObject().put("lane", a.lane).put("agent", a.agent).put("runId", a.runId);
            if (!a.parentRunId.isEmpty()) { // a subagent: its lane follows its parent's, linked to the call
                lane.put("parentRunId", a.parentRunId).put("parentCallId", a.parentCallId);
            }
            ArrayNode items = lane.putArray("items");
            for (RunRecord.Turn t : a.turns) {
                long from = millis(t.started);
                long to = millis(t.responded);
                start = Math.min(start, from);
                end = Math.max(end, to);
                items.addObject().put("kind", "turn").put("label", "turn " + t.number + " (" + t.tokens + " tokens)")
                        .put("from", from).put("to", to).put("detail", cut(t.text, 300));
                for (RunRecord.Call c : t.calls) {
                    long done = c.finished == null ? to : millis(c.finished);
                    end = Math.max(end, done);
                    items.addObject().put("kind", "tool").put("label", c.name + " " + cut(c.arguments, 200))
                            .put("from", to).put("to", done).put("error", c.error).put("detail", cut(c.result, 300));
                }
            }
        }
        if (start == Long.MAX_VALUE) {
            start = 0;
            end = 1;
        }
        timeline.put("start", start).put("end", end);
        return root;
    }

    private static long millis(Instant at) {
        return at == null ? 0 : at.toEpochMilli();
    }

    static String seconds(Duration d) {
        long ms = d.toMillis();
        return ms < 10_000 ? String.format(Locale.ROOT, "%.1fs", ms / 1000.0)
                : ms < 120_000 ? (ms / 1000) + "s" : (ms / 60_000) + "m" + String.format(Locale.ROOT, "%02d", ms / 1000 % 60) + "s";
    }

    static String cut(String s, int max) {
        return s.length() <= max ? s : s.substring(0, max) + "… (" + (s.length() - max) + " more characters)";
    }

    static String text(String s) {
        return cut(s, MAX_TEXT);
    }

    private static String resource(String name) {
        try (InputStream in = HtmlReport.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new CliException("the report asset " + name + " is missing from the build", 1);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new CliException("cannot read the report asset " + name + ": " + e.getMessage(), 1);
        }
    }
}
