// SPDX-License-Identifier: Apache-2.0
package org.openagention.cli;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.openagention.core.testing.ReplayModel;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import org.openagention.core.Sleeper;
import org.openagention.core.journal.JournalStore;
import org.openagention.core.journal.StepExecutor;
import org.openagention.core.model.PriceTable;
import org.openagention.orchestration.OrchestrationResult;
import org.openagention.orchestration.Orchestrator;
import org.openagention.orchestration.graph.TaskGraph;
import org.openagention.tools.Approver;

/**
 * The offline demo: the bundled sample project copied into a fresh git repository, then the whole
 * orchestrated system run on it (planner, workers in worktrees, real file edits and shell commands,
 * acceptance checks, reviews, merges, journal, report) with a {@link ReplayModel} in place of the
 * model. Ends by running the project's tests on the merged main branch.
 */
final class Demo {
    static final String SESSION_ENTRY = "cli.session";
    static final String SESSION_RESOURCE = "recorded/demo-session.json";
    static final String GOAL = "Fix the cart total (it ignores quantities), implement coupons (Coupons.apply), then"
            + " document coupons in the README.";
    static final String BANNER = String.join("\n",
            "== OpenAgention demo: a RECORDED SESSION (replay) ==",
            "No model is called: the model's answers are replayed from a recording bundled in this jar, and the run",
            "checks at every step that it is asked what was recorded. Everything else is real: the sample project's",
            "git repository, the worktrees, the file edits, the shell commands and tests, the checks, the reviews,",
            "the merges, the journal and the HTML report.",
            "To use a real model, set ANTHROPIC_API_KEY, or OPENAI_API_KEY (OPENAI_BASE_URL for a local or compatible",
            "server), optionally OPENAGENTION_MODEL=provider:model, then: openagention run \"<task>\" --repo DIR --plan");

    /** What the demo did. */
    record Outcome(boolean success, String runId, Path project, Path report, String detail) {}

    private Demo() {}

    /**
     * Runs the demo in {@code workDir} (the sample project goes to {@code workDir/shop}).
     *
     * @param journalDir where journals go; null for the project's {@code .openagention/runs}
     */
    static Outcome run(Path workDir, Path journalDir, int parallelism, Progress progress) {
        progress.note("banner", BANNER);
        Path project = SampleProject.create(workDir.resolve("shop"));
        Git.exclude(project, ".openagention/");
        progress.note("project", "Sample project: " + project + " (git repository on branch main)");
        SampleProject.TestRun before = SampleProject.runTests(project);
        progress.note("tests", "Before: java tests/RunTests.java -> " + before.summary() + (before.passed() ? "" : " (as expected)"));

        Path journals = journalDir != null ? journalDir : project.resolve(".openagention").resolve("runs");
        JournalStore journal = JournalStore.file(journals);
        ReplayModel replay = recordedSession();
        Assembly assembly = new Assembly(new Assembly.Settings(replay, "", ApprovalMode.FULL_ACCESS, Approver.nobody(),
                30, 0, 0, Duration.ZERO, parallelism, journal, progress, Clock.systemUTC()));
        String runId = Assembly.newRunId("demo");
        TaskGraph graph;
        try {
            graph = assembly.withReviewers(assembly.planner().plan(GOAL));
        } catch (RuntimeException e) {
            progress.close();
            return new Outcome(false, runId, project, null, "planning failed: " + JournalRead.oneLine(
                    replay.divergence().orElse(e.getMessage())));
        }
        progress.note("plan", "Plan: " + graph.ids() + " (" + graph.batches().size() + " batches)");
        if (progress instanceof TextProgress text) {
            text.tasks(graph.ids());
        }
        Orchestrator orchestrator = assembly.orchestrator(project, "main");
        OrchestrationResult result = orchestrator.run(runId, GOAL, graph);
        StepExecutor.journaling(journal, Clock.systemUTC(), Sleeper.SYSTEM).open(runId).record(
                new JsonFacts(SESSION_ENTRY), EventJson.JSON.createObjectNode().put("session", "the recording "
                        + SESSION_RESOURCE + " (" + replay.name() + ")"));
        progress.close();

        SampleProject.TestRun after = SampleProject.runTests(project);
        progress.note("tests", "After, on the merged main branch: java tests/RunTests.java\n" + after.output().strip());
        Path report = ReportCommand.write(journal, journals, runId, null);
        progress.note("report", "Report: " + report);
        String detail = result.status() + (result.detail().isEmpty() ? "" : ": " + result.detail());
        if (replay.divergence().isPresent()) {
            detail = replay.divergence().get();
        } else if (!replay.unplayed().isEmpty() && result.status().isSuccess()) {
            detail = "the run ended before the recording did: " + replay.unplayed();
        }
        boolean ok = result.status().isSuccess() && after.passed() && replay.divergence().isEmpty();
        return new Outcome(ok, runId, project, report, detail);
    }

    /** A fresh temporary directory for the demo. */
    static Path tempDir() {
        try {
            return Files.createTempDirectory("openagention-demo-");
        } catch (IOException e) {
            throw new CliException("cannot create a temporary directory for the demo: " + e.getMessage(), 1);
        }
    }

    static PriceTable prices() {
        return PriceTable.defaults();
    }

    /** The bundled recorded session the demo replays. */
    static ReplayModel recordedSession() {
        try (InputStream in = Demo.class.getResourceAsStream(SESSION_RESOURCE)) {
            if (in == null) {
                throw new CliException("the recorded session " + SESSION_RESOURCE + " is missing from the build", 1);
            }
            return ReplayModel.fromJson(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException | IllegalArgumentException e) {
            throw new CliException("the recorded session " + SESSION_RESOURCE + " cannot be read: " + e.getMessage(), 1);
        }
    }
}
