// SPDX-License-Identifier: Apache-2.0
package org.openagention.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openagention.core.journal.JournalEntry;
import org.openagention.core.journal.JournalStore;
import org.openagention.core.testing.Fault;
import org.openagention.core.testing.FaultyProvider;
import org.openagention.core.testing.Reply;
import org.openagention.tools.process.ProcessTree;

/**
 * {@code run --timeout}: a time limit that fires during a silent model call or during a long shell
 * command ends the run (issue 11, problem 1: it crashed with {@code cannot append to journal}):
 * the CLI prints its {@code Result:} line, exits 1, writes the report, the journal ends with
 * {@code run.finished}, and the command's process tree is gone. The CLI runs as a child process.
 */
class TimeLimitCliTest {
    @TempDir
    Path dir;

    private Cli.Outcome runWithTimeLimit(FaultyProvider provider, Path repo) throws Exception {
        Map<String, String> env = Map.of("OPENAI_API_KEY", "sk-test", "OPENAI_BASE_URL", provider.baseUrl(),
                "XDG_CACHE_HOME", dir.resolve("cache").toString());
        Cli.Running running = Cli.start(dir, env, "run", "Fix it", "--repo", repo.toString(), "--model",
                "openai:gpt-4o-mini", "--approval", "full-access", "--progress", "plain", "--timeout", "3s");
        // Far below the provider's silence (until closed) and the command's sleep (10 minutes).
        if (!running.process().waitFor(90, TimeUnit.SECONDS)) {
            running.process().destroyForcibly();
            throw new AssertionError("the CLI did not end at its time limit");
        }
        return running.outcome();
    }

    private void assertEndedByTheTimeLimit(Cli.Outcome run, Path repo) throws Exception {
        assertThat(run.exitCode()).as("%s\n%s", run.out(), run.err()).isEqualTo(1);
        assertThat(run.out()).contains("Result: TIMEOUT (the run passed its time limit of PT3S)");
        assertThat(run.err()).doesNotContain("cannot append");
        Path journals = repo.resolve(".openagention/runs");
        String runId;
        try (Stream<Path> files = Files.list(journals)) {
            List<Path> jsonl = files.filter(p -> p.toString().endsWith(".jsonl")).toList();
            assertThat(jsonl).hasSize(1);
            String name = jsonl.get(0).getFileName().toString();
            runId = name.substring(0, name.length() - ".jsonl".length());
        }
        List<JournalEntry> entries = JournalStore.file(journals).read(runId);
        assertThat(entries.get(entries.size() - 1).type()).isEqualTo("run.finished");
        assertThat(entries.get(entries.size() - 1).payloadJson()).contains("TIMEOUT");
        assertThat(journals.resolve(runId + ".html")).isRegularFile();
        assertThat(run.out()).contains("Report: " + journals.resolve(runId + ".html").toAbsolutePath().normalize());
    }

    private static String stat(String pid) {
        try {
            return Files.readString(Path.of("/proc", pid.strip(), "stat"));
        } catch (java.io.IOException e) {
            return "gone";
        }
    }

    @Test
    void aTimeLimitDuringASilentModelCallEndsTheRun() throws Exception {
        Path repo = SampleProject.create(dir.resolve("shop"));
        try (FaultyProvider provider = FaultyProvider.openAi().then(Fault.silence()).start()) {
            Cli.Outcome run = runWithTimeLimit(provider, repo);

            assertEndedByTheTimeLimit(run, repo);
            assertThat(provider.requests()).hasSize(1);
        }
    }

    @Test
    void aTimeLimitDuringALongShellCommandEndsTheRunAndKillsTheCommandsProcessTree() throws Exception {
        Path repo = SampleProject.create(dir.resolve("shop"));
        Path pids = dir.resolve("pids");
        String command = "echo $$ > " + pids + "; sleep 600 & echo $! >> " + pids + "; wait";
        try (FaultyProvider provider = FaultyProvider.openAi()
                .then(Reply.toolCall("shell", EventJson.JSON.createObjectNode().put("command", command).toString()))
                .otherwise(Reply.text("done")).start()) {
            Cli.Outcome run = runWithTimeLimit(provider, repo);

            assertEndedByTheTimeLimit(run, repo);
            assertThat(provider.requests()).as("the run stopped instead of asking the model again").hasSize(1);
        }
        List<String> started = Files.readAllLines(pids);
        assertThat(started).as("the shell and its background sleep").hasSize(2);
        for (String pid : started) {
            assertThat(ProcessHandle.of(Long.parseLong(pid.strip())).filter(h -> !ProcessTree.isGone(h)))
                    .as("process %s of the command: %s", pid, stat(pid)).isEmpty();
        }
    }
}
