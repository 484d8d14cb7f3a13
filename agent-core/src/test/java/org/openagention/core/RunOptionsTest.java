// SPDX-License-Identifier: Apache-2.0
package org.openagention.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.openagention.core.journal.JournalEntry;
import org.openagention.core.journal.JournalStore;
import org.openagention.core.journal.StepExecutor;
import org.openagention.core.testing.FakeClock;
import org.openagention.core.testing.FakeModel;
import org.openagention.core.tool.Tool;
import org.openagention.core.tool.ToolResult;

class RunOptionsTest {
    record Note(String text) {}

    static final Tool ECHO = Tool.of("echo", "Echoes", Note.class, (a, ctx) -> ToolResult.success(a.text()));

    private final JournalStore journal = JournalStore.inMemory();

    @Test
    void aRunIdChosenBeforeTheRunKeysItsJournalAndItsResume() {
        FakeModel model = new FakeModel().enqueueToolCall("echo", "{\"text\":\"a\"}").enqueueText("done");
        Agent agent = Agent.builder().name("keeper").model(model).modelId("m-1").addTool(ECHO).build();
        String runId = RunOptions.newRunId();

        RunResult first = agent.run("go", RunOptions.builder().runId(runId).journal(journal).build());
        RunResult again = agent.resume(runId, RunOptions.builder().journal(journal).build());

        assertThat(first.runId()).isEqualTo(runId);
        assertThat(again.runId()).isEqualTo(runId);
        assertThat(again.transcript()).isEqualTo(first.transcript());
        assertThat(model.requests()).hasSize(2); // the resume replayed both calls
        JournalEntry started = journal.read(runId).stream().filter(e -> e.type().equals("run.started")).findFirst()
                .orElseThrow();
        assertThat(started.payloadJson()).isEqualTo("{\"agent\":\"keeper\",\"input\":\"go\",\"model\":\"m-1\"}");
        assertThat(journal.read(runId)).extracting(JournalEntry::type).startsWith("run.started", "clock.now")
                .contains("run.finished");
    }

    @Test
    void aStartedLoopKnowsItsRunIdBeforeAnyStep() {
        Agent agent = Agent.builder().model(new FakeModel().enqueueText("done")).build();
        AgentLoop loop = agent.start("go", RunOptions.builder().journal(journal).build());
        assertThat(loop.runId()).startsWith("run-");
        assertThat(journal.read(loop.runId())).isEmpty();
        loop.run();
        assertThat(journal.read(loop.runId())).isNotEmpty();
    }

    @Test
    void startingARunWhoseJournalHasEntriesIsRefused() {
        Agent agent = Agent.builder().model(new FakeModel().enqueueText("done")).build();
        RunOptions options = RunOptions.builder().runId("run-taken").journal(journal).build();
        agent.run("go", options);
        assertThatThrownBy(() -> agent.start("again", options)).isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("run 'run-taken' already has a journal");
    }

    @Test
    void resumeWithOptionsOfAnotherRunIsRefused() {
        Agent agent = Agent.builder().model(new FakeModel()).build();
        RunOptions options = RunOptions.builder().runId("run-a").journal(journal).build();
        assertThatThrownBy(() -> agent.resume("run-b", options)).isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("given options for run 'run-a'");
    }

    @Test
    void optionsRefuseAJournalTogetherWithAStepExecutorAndBadRunIds() {
        assertThatThrownBy(() -> RunOptions.builder().journal(journal).stepExecutor(StepExecutor.direct()).build())
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("a journal or a step executor, not both");
        assertThatThrownBy(() -> RunOptions.builder().runId("../etc/passwd"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("run id '../etc/passwd' is not valid");
        assertThatThrownBy(() -> RunOptions.builder().runId("")).isInstanceOf(IllegalArgumentException.class);
        assertThat(RunOptions.newRunId()).isNotEqualTo(RunOptions.newRunId()).matches("run-[0-9a-z]+-[0-9a-z]+");
    }

    @Test
    void oneAgentServesRunsWithDifferentLimits() {
        int[] n = {0};
        FakeModel model = FakeModel.answering(req -> org.openagention.core.model.ModelResponse.builder()
                .finishReason(org.openagention.core.model.FinishReason.TOOL_USE)
                .addToolUse("c" + (++n[0]), "echo", "{\"text\":\"" + n[0] + "\"}").build());
        Agent agent = Agent.builder().model(model).addTool(ECHO).build();
        RunResult two = agent.run("go", RunOptions.builder().limits(Limits.builder().maxTurns(2).build()).build());
        RunResult four = agent.run("go", RunOptions.builder().limits(Limits.builder().maxTurns(4).build()).build());
        assertThat(two.turns()).isEqualTo(2);
        assertThat(four.turns()).isEqualTo(4);
    }

    @Test
    void aResumedRunKeepsItsFirstStartForItsTimeLimit() {
        FakeClock clock = new FakeClock();
        FakeModel model = new FakeModel().enqueueToolCall("echo", "{\"text\":\"a\"}").enqueueText("never asked");
        Agent agent = Agent.builder().model(model).addTool(ECHO).build();
        RunOptions options = RunOptions.builder().journal(journal).clock(clock)
                .limits(Limits.builder().timeout(Duration.ofMinutes(30)).build()).build();
        AgentLoop loop = agent.start("go", options);
        assertThat(loop.step()).isTrue(); // one turn, then the process "dies"
        clock.advance(Duration.ofHours(1));

        RunResult resumed = agent.resume(loop.runId(), options);

        assertThat(resumed.stopReason()).isEqualTo(StopReason.TIMEOUT);
        assertThat(resumed.turns()).isEqualTo(1); // the first turn replayed, within the limit at the time
        assertThat(model.requests()).hasSize(1);
    }
}
