// SPDX-License-Identifier: Apache-2.0
package org.openagention.orchestration.automation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openagention.core.Agent;
import org.openagention.core.ConfigurationException;
import org.openagention.core.journal.JournalEntry;
import org.openagention.core.journal.JournalStore;
import org.openagention.core.journal.StepExecutor;
import org.openagention.core.message.UserMessage;
import org.openagention.core.model.FinishReason;
import org.openagention.core.model.ModelRequest;
import org.openagention.core.model.ModelResponse;
import org.openagention.core.testing.FakeModel;
import org.openagention.orchestration.skills.SkillLoader;
import org.openagention.orchestration.skills.SkillSet;

class AutomationRunnerTest {
    @TempDir
    Path dir;

    final ManualTicker ticker = new ManualTicker();
    final RunRecorder recorder = new RunRecorder();
    final JournalStore journal = JournalStore.inMemory();
    final CountDownLatch release = new CountDownLatch(1);
    AutomationRunner runner;

    @AfterEach
    void close() {
        release.countDown();
        if (runner != null) {
            runner.close();
        }
    }

    private AutomationRunner runner(SkillSet skills) {
        AutomationRunner.Builder b = AutomationRunner.builder().ticker(ticker).journal(journal);
        if (skills != null) {
            b.skills(skills);
        }
        runner = b.build();
        runner.addListener(recorder);
        return runner;
    }

    static Agent answering(String text) {
        return Agent.builder().model(FakeModel.answering(r -> ModelResponse.builder().addText(text)
                .finishReason(FinishReason.END_TURN).build())).build();
    }

    static String prompt(ModelRequest request) {
        return ((UserMessage) request.messages().get(0)).text();
    }

    /** An agent whose model blocks until released or interrupted, after counting down {@code entered}. */
    private Agent blocking(CountDownLatch entered) {
        return Agent.builder().model(FakeModel.answering(r -> {
            entered.countDown();
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted", e);
            }
            return ModelResponse.builder().addText("late").finishReason(FinishReason.END_TURN).build();
        })).build();
    }

    @Test
    void manualRunCompletesInTheBackgroundWithItsOwnJournal() throws Exception {
        FakeModel model = FakeModel.answering(r -> ModelResponse.builder().addText("checked")
                .finishReason(FinishReason.END_TURN).build());
        runner(null).register(Automation.builder("check").trigger(Trigger.manual())
                .agent(() -> Agent.builder().model(model).build()).input("Check the build.").build());
        assertThat(runner.status("check")).isEqualTo(AutomationStatus.IDLE);

        runner.trigger("check");
        AutomationRun run = recorder.nextFinished("check");

        assertThat(run.status()).isEqualTo(AutomationStatus.COMPLETED);
        assertThat(run.result()).get().satisfies(r -> assertThat(r.finalText()).isEqualTo("checked"));
        assertThat(prompt(model.requests().get(0))).isEqualTo("Check the build.\n\nTrigger: started by hand");
        assertThat(journal.read(run.runId())).extracting(JournalEntry::type)
                .containsExactly("automation.triggered", "automation.status", "automation.status", "automation.status");
        assertThat(journal.read(run.agentRunId())).extracting(JournalEntry::type).contains("run.started", "run.finished");
        assertThat(runner.status("check")).isEqualTo(AutomationStatus.COMPLETED);
    }

    @Test
    void aStepExecutorGetsEachRunsFactsAndItsAgentsSteps() throws Exception {
        List<String> opened = new java.util.concurrent.CopyOnWriteArrayList<>();
        StepExecutor.Factory journaling = StepExecutor.journaling(journal, java.time.Clock.systemUTC(),
                org.openagention.core.Sleeper.SYSTEM);
        runner = AutomationRunner.builder().ticker(ticker).stepExecutor(id -> {
            opened.add(id);
            return journaling.open(id);
        }).build();
        runner.addListener(recorder);
        runner.register(Automation.builder("check").trigger(Trigger.manual()).agent(() -> answering("checked")).build());

        runner.trigger("check");
        AutomationRun run = recorder.nextFinished("check");

        assertThat(run.status()).isEqualTo(AutomationStatus.COMPLETED);
        assertThat(opened).containsExactly(run.runId(), run.agentRunId());
        assertThat(journal.read(run.runId())).extracting(JournalEntry::type)
                .containsExactly("automation.triggered", "automation.status", "automation.status", "automation.status");
        assertThat(journal.read(run.agentRunId())).extracting(JournalEntry::type).contains("run.started", "run.finished");
    }

    @Test
    void aJournalAndAStepExecutorTogetherAreRefused() {
        assertThatThrownBy(() -> AutomationRunner.builder().journal(journal).stepExecutor(StepExecutor.direct()).build())
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("a journal(...) or a stepExecutor(...), not both");
    }

    @Test
    void missingSkillFailsThatRunAndTheOthersStillRun() throws Exception {
        Path skillDir = Files.createDirectories(dir.resolve("skills/triage"));
        Files.writeString(skillDir.resolve("SKILL.md"), "---\nname: triage\ndescription: Triage issues.\n---\nLabel it.\n");
        SkillSet skills = SkillSet.of(SkillLoader.load(dir.resolve("skills")).skills());
        runner(skills);
        runner.register(Automation.builder("deploy").trigger(Trigger.manual()).agent(() -> answering("deployed"))
                .skill("deploy-prod").build());
        runner.register(Automation.builder("triage").trigger(Trigger.manual()).agent(() -> answering("triaged"))
                .skill("triage").build());

        runner.trigger("deploy");
        runner.trigger("triage");

        AutomationRun failed = recorder.nextFinished("deploy");
        assertThat(failed.status()).isEqualTo(AutomationStatus.FAILED);
        assertThat(failed.detail()).isEqualTo("the skill 'deploy-prod' of automation 'deploy' could not be loaded:"
                + " no skill named 'deploy-prod'; the skills are: triage");
        assertThat(failed.result()).isEmpty();
        AutomationRun ok = recorder.nextFinished("triage");
        assertThat(ok.status()).isEqualTo(AutomationStatus.COMPLETED);
        assertThat(ok.result().orElseThrow().finalText()).isEqualTo("triaged");
        assertThat(journal.read(failed.runId()).get(2).payloadJson()).contains("FAILED").contains("deploy-prod");
    }

    @Test
    void timeoutEndsTheRunAsTimedOutWhileOthersKeepRunning() throws Exception {
        CountDownLatch entered = new CountDownLatch(1);
        runner(null);
        runner.register(Automation.builder("slow").trigger(Trigger.manual()).agent(() -> blocking(entered))
                .timeout(Duration.ofMinutes(5)).build());
        runner.register(Automation.builder("fast").trigger(Trigger.manual()).agent(() -> answering("quick")).build());

        runner.trigger("slow");
        assertThat(entered.await(20, TimeUnit.SECONDS)).isTrue();
        runner.trigger("fast");
        assertThat(recorder.nextFinished("fast").status()).isEqualTo(AutomationStatus.COMPLETED);
        assertThat(runner.status("slow")).isEqualTo(AutomationStatus.RUNNING);

        ticker.advance(Duration.ofMinutes(5));

        AutomationRun timedOut = recorder.nextFinished("slow");
        assertThat(timedOut.status()).isEqualTo(AutomationStatus.TIMED_OUT);
        assertThat(timedOut.detail()).isEqualTo("the run passed its timeout of PT5M and was cancelled");
        runner.trigger("fast");
        assertThat(recorder.nextFinished("fast").status()).isEqualTo(AutomationStatus.COMPLETED);
    }

    @Test
    void scheduleRunsEveryInterval() throws Exception {
        runner(null).register(Automation.builder("hourly").trigger(Trigger.every(Duration.ofHours(1)))
                .agent(() -> answering("tick")).build());

        ticker.advance(Duration.ofMinutes(59));
        assertThat(runner.runs("hourly")).isEmpty();
        ticker.advance(Duration.ofMinutes(1));
        AutomationRun first = recorder.nextFinished("hourly");
        ticker.advance(Duration.ofHours(1));
        AutomationRun second = recorder.nextFinished("hourly");

        assertThat(first.event().description()).isEqualTo("the schedule (every PT1H)");
        assertThat(List.of(first.status(), second.status())).containsOnly(AutomationStatus.COMPLETED);
        assertThat(first.runId()).isNotEqualTo(second.runId());
    }

    @Test
    void badRegistrationsAreRefusedWithTheReason() {
        runner(null).register(Automation.builder("a").trigger(Trigger.manual()).agent(() -> answering("x")).build());

        assertThatThrownBy(() -> runner.register(Automation.builder("a").trigger(Trigger.manual())
                .agent(() -> answering("x")).build())).isInstanceOf(ConfigurationException.class)
                .hasMessage("an automation with id 'a' is already registered");
        assertThatThrownBy(() -> runner.register(Automation.builder("w")
                .trigger(Trigger.fileChanges(dir.resolve("missing"), Duration.ofSeconds(1)))
                .agent(() -> answering("x")).build())).isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("missing: it is not a directory");
        assertThatThrownBy(() -> runner.register(Automation.builder("g")
                .trigger(Trigger.gitCommits(dir, "main", Duration.ofSeconds(1))).agent(() -> answering("x")).build()))
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("is not a git repository");
        assertThatThrownBy(() -> runner.trigger("nope")).isInstanceOf(ConfigurationException.class)
                .hasMessage("no automation with id 'nope' is registered; registered: a");
        assertThatThrownBy(() -> Automation.builder("has space")).isInstanceOf(IllegalArgumentException.class);
        assertThat(runner.automationIds()).containsExactly("a");
    }

    @Test
    void closeCancelsRunningAgentsAndRefusesNewWork() throws Exception {
        CountDownLatch entered = new CountDownLatch(1);
        runner(null).register(Automation.builder("long").trigger(Trigger.manual()).agent(() -> blocking(entered)).build());
        runner.trigger("long");
        assertThat(entered.await(20, TimeUnit.SECONDS)).isTrue();

        runner.close();

        AutomationRun run = recorder.nextFinished("long");
        assertThat(run.status()).isEqualTo(AutomationStatus.FAILED);
        assertThat(run.detail()).isEqualTo("the run was cancelled because the automation runner closed");
        assertThatThrownBy(() -> runner.register(Automation.builder("late").trigger(Trigger.manual())
                .agent(() -> answering("x")).build())).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void failingAgentFactoryFailsOnlyThatRun() throws Exception {
        runner(null).register(Automation.builder("broken").trigger(Trigger.manual()).agent(() -> {
            throw new IllegalStateException("no model configured");
        }).build());

        runner.trigger("broken");

        AutomationRun run = recorder.nextFinished("broken");
        assertThat(run.status()).isEqualTo(AutomationStatus.FAILED);
        assertThat(run.detail()).contains("the agent factory of automation 'broken' failed").contains("no model configured");
    }
}
