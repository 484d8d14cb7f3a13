// SPDX-License-Identifier: Apache-2.0
package org.openagention.cli;

import java.util.Locale;

/** The report's detail sections: each task (attempts, reviews, diff) and each agent's transcript. */
final class TaskSections {
    private TaskSections() {}

    static void task(StringBuilder sb, RunRecord r, RunRecord.TaskRecord t) {
        sb.append("<section id=\"task-").append(Html.escape(t.id)).append("\"><h3>").append(Html.escape(t.id))
                .append(" <span class=\"state s-").append(Html.escape(t.state)).append("\">").append(Html.escape(t.state))
                .append("</span></h3><p>").append(Html.escape(t.goal)).append("</p><p class=\"muted\">");
        if (!t.dependsOn.isEmpty()) {
            sb.append("after ").append(Html.escape(String.join(", ", t.dependsOn))).append(" · ");
        }
        sb.append("check: ").append(t.check.isEmpty() ? "none" : "<code>" + Html.escape(t.check) + "</code>")
                .append(t.reviewer ? " · reviewed" : "");
        if (!t.addedBecause.isEmpty()) {
            sb.append(" · ").append(Html.escape(t.addedBecause));
        }
        if (!t.skippedBecause.isEmpty()) {
            sb.append(" · skipped: ").append(Html.escape(t.skippedBecause));
        }
        sb.append("</p>");
        for (RunRecord.Attempt a : t.attempts) {
            sb.append("<details class=\"attempt\"").append(a.number == t.attempts.size() ? " open" : "").append("><summary>")
                    .append("attempt ").append(a.number).append(" <span class=\"state s-").append(Html.escape(a.outcome))
                    .append("\">").append(Html.escape(a.outcome.toLowerCase(Locale.ROOT))).append("</span> ")
                    .append(a.turns).append(" turns, ").append(String.format(Locale.ROOT, "%,d", a.tokens))
                    .append(" tokens, ").append(TextProgress.money(a.costUsd)).append("</summary>");
            if (!a.failure.isEmpty()) {
                sb.append("<p><b>Failure:</b></p><pre>").append(Html.escape(HtmlReport.text(a.failure))).append("</pre>");
            }
            if (!a.output.isEmpty()) {
                sb.append("<p><b>Worker's report:</b></p><pre>").append(Html.escape(HtmlReport.text(a.output))).append("</pre>");
            }
            if (!a.checkOutput.isEmpty() && !a.checkOutput.equals(a.failure)) {
                sb.append("<p><b>Check output:</b></p><pre>").append(Html.escape(HtmlReport.text(a.checkOutput)))
                        .append("</pre>");
            }
            r.agents.stream().filter(ag -> ag.runId.equals(a.workerRunId)).forEach(ag -> agent(sb, ag));
            sb.append("</details>");
        }
        for (String review : t.reviews) {
            sb.append("<p><b>Review:</b> ").append(Html.escape(review)).append("</p>");
        }
        if (!t.diff.isEmpty()) {
            boolean merged = t.diffOutcome.isEmpty() || t.diffOutcome.equals("merged");
            sb.append("<details open><summary>diff").append(merged ? "" : " (" + Html.escape(t.diffOutcome) + ", not merged)")
                    .append(Html.escape(stat(t.numstat))).append("</summary>");
            diff(sb, t.diff);
            sb.append("</details>");
        }
        sb.append("</section>\n");
    }

    static void agent(StringBuilder sb, RunRecord.AgentRun a) {
        sb.append("<details class=\"transcript\"><summary>transcript of ").append(Html.escape(a.lane)).append(" (run ")
                .append(Html.escape(a.runId)).append(", ").append(a.turns.size()).append(" turns")
                .append(a.stopReason.isEmpty() ? "" : ", " + Html.escape(a.stopReason.toLowerCase(Locale.ROOT)))
                .append(")</summary><p><b>Prompt:</b></p><pre>").append(Html.escape(HtmlReport.text(a.input))).append("</pre>");
        for (RunRecord.Turn t : a.turns) {
            sb.append("<p><b>Turn ").append(t.number).append("</b> <span class=\"muted\">").append(t.tokens)
                    .append(" tokens</span></p>");
            if (!t.text.isEmpty()) {
                sb.append("<pre>").append(Html.escape(HtmlReport.text(t.text))).append("</pre>");
            }
            for (RunRecord.Call c : t.calls) {
                sb.append("<details class=\"call").append(c.error ? " error" : "").append("\"><summary>")
                        .append(Html.escape(c.name)).append(' ').append(Html.escape(HtmlReport.cut(c.arguments, 160)))
                        .append(c.error ? " (error)" : "").append("</summary><pre>").append(Html.escape(HtmlReport.text(c.arguments)))
                        .append("</pre><pre>").append(Html.escape(HtmlReport.text(c.done ? c.result : "(no result journaled)")))
                        .append("</pre></details>");
            }
        }
        if (!a.detail.isEmpty()) {
            sb.append("<p class=\"muted\">").append(Html.escape(a.detail)).append("</p>");
        }
        sb.append("</details>");
    }

    /** {@code git diff --numstat} in a few words: " · 2 files, +10 -3" (binary files count as files only). */
    static String stat(String numstat) {
        int files = 0;
        long added = 0;
        long deleted = 0;
        for (String line : numstat.split("\n")) {
            String[] f = line.split("\t");
            if (f.length < 3) {
                continue;
            }
            files++;
            added += f[0].matches("\\d+") ? Long.parseLong(f[0]) : 0;
            deleted += f[1].matches("\\d+") ? Long.parseLong(f[1]) : 0;
        }
        return files == 0 ? "" : " · " + files + (files == 1 ? " file" : " files") + ", +" + added + " -" + deleted;
    }

    private static void diff(StringBuilder sb, String diff) {
        sb.append("<pre class=\"diff\">");
        for (String line : diff.split("\n", -1)) {
            String cls = line.startsWith("+") && !line.startsWith("+++") ? "add"
                    : line.startsWith("-") && !line.startsWith("---") ? "del" : line.startsWith("@@") ? "hunk" : "";
            if (cls.isEmpty()) {
                sb.append(Html.escape(line)).append('\n');
            } else {
                sb.append("<span class=\"").append(cls).append("\">").append(Html.escape(line)).append("</span>");
            }
        }
        sb.append("</pre>");
    }
}
