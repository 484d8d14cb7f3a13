// SPDX-License-Identifier: Apache-2.0
package org.openagention.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openagention.core.journal.JournalEntry;
import org.openagention.core.journal.JournalStore;

/** The offline demo end to end: everything real but the model, on the bundled sample project. */
class DemoTest {
    @TempDir
    Path dir;

    @Test
    void theSampleProjectsOwnTestsFailBeforeTheDemo() {
        Path project = SampleProject.create(dir.resolve("shop"));
        SampleProject.TestRun before = SampleProject.runTests(project);
        assertThat(before.passed()).isFalse();
        assertThat(before.output()).contains("FAIL CartTest.testTotalCountsQuantities",
                "FAIL CouponsTest.testSave10TakesTenPercentOff", "2 passed, 5 failed");
        assertThat(Git.check(project, "status", "--porcelain")).isEmpty();
    }

    @Test
    void demoFixesTheBugAddsTheFeatureMergesAndReports() throws Exception {
        Cli.Outcome o = Cli.inProcess(Map.of(), "demo", "--dir", dir.toString(), "--progress", "plain");
        assertThat(o.exitCode()).as("demo output:\n%s\n%s", o.out(), o.err()).isZero();
        assertThat(o.out()).contains("RECORDED SESSION (replay)", "ANTHROPIC_API_KEY", "OPENAI_API_KEY",
                "Before: java tests/RunTests.java -> 2 passed, 5 failed",
                "add-coupons: attempt 1 check_failed", "add-coupons: failed -> pending (retry: attempt 2 of 2)",
                "fix-total: review approved by reviewer", "docs: merged (README.md)", "7 passed, 0 failed",
                "Demo finished");

        Path project = dir.resolve("shop");
        SampleProject.TestRun after = SampleProject.runTests(project);
        assertThat(after.passed()).as(after.output()).isTrue();
        assertThat(Git.check(project, "rev-parse", "--abbrev-ref", "HEAD").strip()).isEqualTo("main");
        assertThat(Git.check(project, "status", "--porcelain")).isEmpty(); // .openagention is excluded
        assertThat(Files.readString(project.resolve("README.md"))).contains("SAVE10");

        String reportLine = o.out().lines().filter(l -> l.startsWith("Report: ")).findFirst().orElseThrow();
        Path report = Path.of(reportLine.substring("Report: ".length()));
        assertThat(report).exists().startsWith(project.resolve(".openagention/runs"));
        String runId = report.getFileName().toString().replace(".html", "");
        assertThat(Git.check(project, "log", "--format=%s", "main")).contains("Merge task " + runId + ".fix-total",
                "Merge task " + runId + ".add-coupons", "Merge task " + runId + ".docs");
        assertThat(Git.check(project, "branch", "--list", "openagention*")).isEmpty();
        JournalStore journal = JournalStore.file(project.resolve(".openagention/runs"));
        List<JournalEntry> entries = journal.read(runId);
        // The run's start time is its first step; its first fact is graph.started.
        assertThat(entries).extracting(JournalEntry::type).startsWith("clock.now", "graph.started");
        assertThat(entries).filteredOn(e -> e.type().equals(DiffJournalingLanes.DIFF_ENTRY)).hasSize(3)
                .allSatisfy(e -> assertThat(e.payloadJson()).contains("\"outcome\":\"merged\""))
                .anySatisfy(e -> assertThat(e.payloadJson()).contains("item.quantity()"));
        assertThat(entries).extracting(JournalEntry::type).contains("graph.finished", Demo.SESSION_ENTRY);

        RunRecord record = RunRecord.read(journal, runId, entries, Demo.prices());
        assertThat(record.status).isEqualTo("COMPLETED");
        assertThat(record.tasks.get("add-coupons").attempts).hasSize(2);
        assertThat(record.tasks.get("docs").diffOutcome).isEqualTo("merged");
        assertThat(TaskSections.stat(record.tasks.get("docs").numstat)).startsWith(" · 1 file, +");
        assertThat(record.agents).hasSize(4);
        assertThat(record.problems).extracting(RunRecord.Problem::kind).contains("CHECK_FAILED", "retry", "tool error");

        Chromium.Page page = Chromium.load(report, Files.createDirectories(dir.resolve("profile")));
        assertThat(page.check("data-errors")).as(page.check("data-errors") + " " + page.dom()).isEqualTo("0");
        assertThat(page.check("data-graph-nodes")).isEqualTo("3");
        assertThat(page.check("data-timeline-items")).isEqualTo(String.valueOf(record.timelineItems()));
        assertThat(record.timelineItems()).isGreaterThan(20);
        assertThat(page.consoleErrors()).isEmpty();
    }

    @Test
    void offlineRunWithJsonPrintsOneEventPerLine() throws Exception {
        Cli.Outcome o = Cli.inProcess(Map.of(), "run", "--offline", "--json", "--journal-dir", dir.resolve("j").toString());
        assertThat(o.exitCode()).as(o.err()).isZero();
        List<String> lines = o.out().lines().toList();
        assertThat(lines).isNotEmpty();
        for (String line : lines) {
            JsonNode n = EventJson.JSON.readTree(line);
            assertThat(n.path("type").asText()).as(line).isNotEmpty();
        }
        assertThat(lines).anySatisfy(l -> assertThat(l).startsWith("{\"type\":\"cli.banner\""));
        assertThat(lines).anySatisfy(l -> assertThat(l).contains("\"type\":\"agent.tool_started\"", "\"lane\":\"fix-total#1\""));
        assertThat(lines).anySatisfy(l -> assertThat(l).contains("\"type\":\"graph.finished\"", "\"status\":\"COMPLETED\""));
        try (Stream<Path> files = Files.list(dir.resolve("j"))) {
            assertThat(files.map(p -> p.getFileName().toString())).anyMatch(n -> n.startsWith("demo-") && n.endsWith(".html"));
        }
    }
}
