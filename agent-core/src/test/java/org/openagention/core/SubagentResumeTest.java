// SPDX-License-Identifier: Apache-2.0
package org.openagention.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openagention.core.journal.JournalStore;
import org.openagention.core.testing.RecordingListener;

class SubagentResumeTest {
    @TempDir
    Path dir;

    @Test
    void parentKilledDuringItsSubagentResumesTheChildWithoutRepeatingItsFinishedCalls() throws Exception {
        Path journal = dir.resolve("journal");
        Path log = dir.resolve("appends.log");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process process = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                SubagentResumeScenario.class.getName(), journal.toString(), log.toString())
                .redirectError(ProcessBuilder.Redirect.INHERIT).start();
        String runId;
        try (BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            String first = out.readLine();
            assertThat(first).startsWith("RUN ");
            runId = first.substring(4);
            assertThat(out.readLine()).isEqualTo("READY"); // the subagent is blocked in its third model call
            process.destroyForcibly(); // SIGKILL on Linux and macOS
            assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
        }
        assertThat(process.exitValue()).isEqualTo(137);
        assertThat(Files.readAllLines(log)).containsExactly("k0", "k1");
        String childId = Subagent.childRunId(runId, 1, "delegate-1");
        assertThat(JournalStore.file(journal).runIds()).contains(runId, childId);

        RecordingListener events = new RecordingListener();
        Agent parent = SubagentResumeScenario.parent(log, 0).toBuilder().addListener(events).build();
        RunResult resumed = parent.resume(runId, SubagentResumeScenario.options(journal));

        assertThat(resumed.stopReason()).isEqualTo(StopReason.COMPLETED);
        assertThat(resumed.finalText()).isEqualTo(SubagentResumeScenario.PARENT_FINAL);
        assertThat(Files.readAllLines(log)).containsExactly("k0", "k1", "k2"); // each append ran once
        var childStart = events.events(AgentEvent.RunStarted.class).stream().filter(e -> e.runId().equals(childId))
                .findFirst().orElseThrow();
        assertThat(childStart.resumed()).isTrue();
        assertThat(events.events(AgentEvent.ToolCallFinished.class)).filteredOn(e -> e.runId().equals(childId))
                .extracting(AgentEvent.ToolCallFinished::replayed).containsExactly(true, true, false);
        assertThat(events.events(AgentEvent.SubagentFinished.class)).singleElement()
                .satisfies(f -> assertThat(f.result().finalText()).isEqualTo(SubagentResumeScenario.CHILD_FINAL));

        // Resuming again replays the finished child from the parent's journal: nothing runs.
        RecordingListener again = new RecordingListener();
        RunResult replayed = SubagentResumeScenario.parent(log, 0).toBuilder().addListener(again).build()
                .resume(runId, SubagentResumeScenario.options(journal));
        assertThat(replayed.finalText()).isEqualTo(SubagentResumeScenario.PARENT_FINAL);
        assertThat(again.events(AgentEvent.SubagentStarted.class)).isEmpty();
        assertThat(replayed.usage()).isEqualTo(resumed.usage()); // the child's spend is counted on replay too
        assertThat(Files.readAllLines(log)).hasSize(3);
    }
}
