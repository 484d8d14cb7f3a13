// SPDX-License-Identifier: Apache-2.0
package org.openagention.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openagention.core.Agent;
import org.openagention.core.RunOptions;
import org.openagention.core.RunResult;
import org.openagention.core.journal.JournalEntry;
import org.openagention.core.journal.JournalStore;
import org.openagention.core.model.FinishReason;
import org.openagention.core.model.ModelResponse;
import org.openagention.core.model.Usage;
import org.openagention.core.testing.FakeModel;
import org.openagention.tools.Workspace;
import org.openagention.tools.files.FileTools;

/** The report of a single agent's run whose transcript tries to break out of the page. */
class HtmlReportTest {
    private static final String HOSTILE = "</script><script>window.__pwned=1</script><!-- <b>bold</b> & \u2028";

    @TempDir
    Path dir;

    private RunRecord hostileRun(Path journals) throws Exception {
        Path repo = Files.createDirectories(dir.resolve("repo"));
        Files.writeString(repo.resolve("notes.txt"), "line one\n" + HOSTILE + "\n");
        FakeModel model = new FakeModel("claude-sonnet-4-5");
        model.enqueue(ModelResponse.builder().modelId("claude-sonnet-4-5").usage(new Usage(900, 40))
                .finishReason(FinishReason.TOOL_USE).addText("Reading " + HOSTILE)
                .addToolUse("c1", "read_file", "{\"path\":\"notes.txt\"}")
                .addToolUse("c2", "read_file", "{\"path\":\"missing-" + HOSTILE.substring(0, 9).replace("/", "") + "\"}")
                .build());
        model.enqueueText("The notes say: " + HOSTILE);
        JournalStore journal = JournalStore.file(journals);
        RunResult result = Agent.builder().model(model).tools(FileTools.all(Workspace.local(repo)))
                .build().run("Summarise notes.txt " + HOSTILE, RunOptions.builder().journal(journal).build());
        assertThat(result.isSuccess()).isTrue();
        List<JournalEntry> entries = journal.read(result.runId());
        return RunRecord.read(journal, result.runId(), entries, Demo.prices());
    }

    @Test
    void everyTextIsEscapedInTheMarkupAndTheData() throws Exception {
        RunRecord record = hostileRun(dir.resolve("runs"));
        String html = HtmlReport.render(record);
        assertThat(html).doesNotContain("window.__pwned=1</script>").doesNotContain("<script>window.__pwned");
        assertThat(html.split("<script", -1)).hasSize(4); // the error hook, the data, the page script
        assertThat(html).contains("&lt;/script&gt;&lt;script&gt;window.__pwned=1").contains("\\u003c/script\\u003e");
        assertThat(html).doesNotContain("http://", "https://").contains("Content-Security-Policy");
        assertThat(record.timelineItems()).isEqualTo(4); // 2 turns, 2 tool calls
        assertThat(record.problems).extracting(RunRecord.Problem::kind).containsExactly("tool error");
    }

    @Test
    void theReportShowsTheShareOfInputReadFromThePromptCachePerTask() throws Exception {
        Path repo = Files.createDirectories(dir.resolve("cached"));
        FakeModel model = new FakeModel("claude-sonnet-4-5");
        model.enqueue(ModelResponse.builder().modelId("claude-sonnet-4-5").usage(new Usage(100, 40, 0, 900))
                .finishReason(FinishReason.TOOL_USE).addToolUse("c1", "list_dir", "{\"path\":\".\"}").build());
        model.enqueue(ModelResponse.builder().modelId("claude-sonnet-4-5").usage(new Usage(100, 20, 900, 0))
                .addText("done").build());
        JournalStore journal = JournalStore.file(dir.resolve("cache-runs"));
        RunResult result = Agent.builder().model(model).tools(FileTools.all(Workspace.local(repo))).build()
                .run("List the files", RunOptions.builder().journal(journal).build());
        assertThat(result.usage().cacheReadShare()).isEqualTo(0.45); // 900 of 2,000 input tokens
        RunRecord record = RunRecord.read(journal, result.runId(), journal.read(result.runId()), Demo.prices());
        assertThat(HtmlReport.render(record)).contains("input read from cache</span><b>45%</b>");

        // An orchestrated run: each task's share comes from its workers' runs.
        RunRecord.TaskRecord task = new RunRecord.TaskRecord();
        task.id = "fix";
        RunRecord.Attempt attempt = new RunRecord.Attempt();
        attempt.number = 1;
        attempt.workerRunId = result.runId();
        task.attempts.add(attempt);
        record.orchestrated = true;
        record.tasks.put(task.id, task);
        assertThat(RunRecord.cacheShare(record.usage(task))).isEqualTo("45%");
        assertThat(HtmlReport.render(record)).contains("<th class=\"num\">cache read</th>").contains(">45%</td>");
    }

    @Test
    void theReportRendersInHeadlessChromiumWithoutErrors() throws Exception {
        Path journals = dir.resolve("runs");
        RunRecord record = hostileRun(journals);
        Path file = ReportCommand.write(JournalStore.file(journals), journals, record.runId, dir.resolve("report.html"));
        Chromium.Page page = Chromium.load(file, Files.createDirectories(dir.resolve("profile")));
        assertThat(page.check("data-errors")).isEqualTo("0");
        assertThat(page.check("data-timeline-items")).isEqualTo("4");
        assertThat(page.check("data-graph-nodes")).isEqualTo("0"); // a single agent has no task graph
        assertThat(page.dom()).doesNotContain("__pwned=1</script>");
        assertThat(page.consoleErrors()).isEmpty();
    }

    @Test
    void reportCommandPrintsThePathOfTheFileItWrote() throws Exception {
        Path repo = Files.createDirectories(dir.resolve("repo"));
        RunRecord record = hostileRun(repo.resolve(".openagention/runs"));
        Cli.Outcome o = Cli.inProcess(java.util.Map.of(), "report", record.runId, "--repo", repo.toString());
        assertThat(o.exitCode()).as(o.err()).isZero();
        Path written = Path.of(o.out().strip());
        assertThat(written).exists().hasFileName(record.runId + ".html");
        assertThat(Files.readString(written)).contains("Agent run " + record.runId);
    }
}
