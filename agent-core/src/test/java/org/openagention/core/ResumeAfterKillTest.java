// SPDX-License-Identifier: Apache-2.0
package org.openagention.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openagention.core.testing.RecordingListener;

class ResumeAfterKillTest {
    @TempDir
    Path dir;

    @Test
    void runKilledWithSigkillResumesWithoutRepeatingCompletedToolCalls() throws Exception {
        Path journal = dir.resolve("journal");
        Path log = dir.resolve("calls.log");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process child = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                ResumeScenario.class.getName(), journal.toString(), log.toString())
                .redirectError(ProcessBuilder.Redirect.INHERIT).start();
        String runId;
        try (BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
            String first = out.readLine();
            assertThat(first).startsWith("RUN ");
            runId = first.substring(4);
            assertThat(out.readLine()).isEqualTo("READY"); // the child is blocked in its fourth model call
            child.destroyForcibly(); // SIGKILL on Linux and macOS
            assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
        }
        assertThat(child.exitValue()).isEqualTo(137);
        assertThat(Files.readAllLines(log)).containsExactly("t0a", "t1a", "t2a");

        RecordingListener events = new RecordingListener();
        Agent agent = ResumeScenario.agent(journal, log, 0).toBuilder().addListener(events).build();
        RunResult resumed = agent.resume(runId, ResumeScenario.options(journal));

        assertThat(resumed.stopReason()).isEqualTo(StopReason.COMPLETED);
        assertThat(resumed.finalText()).isEqualTo(ResumeScenario.FINAL);
        assertThat(resumed.runId()).isEqualTo(runId);
        // Every append ran exactly once across both processes.
        assertThat(Files.readAllLines(log)).containsExactly("t0a", "t1a", "t2a", "t3a", "t4a");
        List<AgentEvent.ModelResponded> responses = events.events(AgentEvent.ModelResponded.class);
        assertThat(responses).extracting(AgentEvent.ModelResponded::replayed)
                .containsExactly(true, true, true, false, false, false);
        assertThat(events.events(AgentEvent.ToolCallFinished.class)).filteredOn(AgentEvent.ToolCallFinished::replayed)
                .hasSize(6);
        assertThat(events.events(AgentEvent.RunStarted.class).get(0).resumed()).isTrue();

        // The same as a run that was never interrupted.
        Path freshLog = dir.resolve("fresh.log");
        RunResult uninterrupted = ResumeScenario.agent(dir.resolve("fresh-journal"), freshLog, 0).run("do the work",
                ResumeScenario.options(dir.resolve("fresh-journal")));
        assertThat(resumed.transcript()).isEqualTo(uninterrupted.transcript());
        assertThat(resumed.usage()).isEqualTo(uninterrupted.usage());
        assertThat(Files.readAllLines(freshLog)).isEqualTo(Files.readAllLines(log));
    }

    @Test
    void resumingAFinishedRunReplaysItWithoutCallingAnything() throws Exception {
        Path journal = dir.resolve("journal");
        Path log = dir.resolve("calls.log");
        Agent agent = ResumeScenario.agent(journal, log, 0);
        RunResult first = agent.run("do the work", ResumeScenario.options(journal));
        RunResult again = agent.resume(first.runId(), ResumeScenario.options(journal));
        assertThat(again.transcript()).isEqualTo(first.transcript());
        assertThat(Files.readAllLines(log)).hasSize(5);
    }

    @Test
    void resumeOfUnknownRunSaysSo() {
        Agent agent = ResumeScenario.agent(dir.resolve("j"), dir.resolve("l"), 0);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> agent.resume("run-missing",
                        ResumeScenario.options(dir.resolve("j"))))
                .isInstanceOf(org.openagention.core.journal.JournalException.class)
                .hasMessageContaining("no run 'run-missing'");
    }
}
