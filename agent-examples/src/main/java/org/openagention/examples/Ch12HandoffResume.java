// SPDX-License-Identifier: Apache-2.0
package org.openagention.examples;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import org.openagention.core.Agent;
import org.openagention.core.AgentLoop;
import org.openagention.core.ConfigurationException;
import org.openagention.core.Limits;
import org.openagention.core.RetryPolicy;
import org.openagention.core.RunOptions;
import org.openagention.core.journal.JournalException;
import org.openagention.core.journal.JournalStore;
import org.openagention.core.model.ModelResponse;
import org.openagention.core.testing.FakeModel;
import org.openagention.core.tool.Tool;
import org.openagention.core.tool.ToolResult;
import org.openagention.orchestration.OrchestrationResult;
import org.openagention.orchestration.Orchestrator;
import org.openagention.orchestration.graph.Task;
import org.openagention.orchestration.graph.TaskGraph;
import org.openagention.orchestration.lanes.TaskWorkspaces;
import org.openagention.orchestration.lanes.Worker;
import org.openagention.orchestration.lanes.WorkerFactory;
import org.openagention.orchestration.review.Verdict;
/**
 * Chapter 12, handoff and continuation: sessions end, processes restart and context windows
 * fill, so work continues from the run's journal rather than from memory.
 *
 * <p>Shows an agent run abandoned after two turns and finished by a new agent from the file
 * journal (completed tool calls replayed, not run again), a resume refused clearly when there is
 * nothing to resume, a worker out of turns handing off to a fresh worker that starts from a
 * checkpoint of what the first did, and an orchestrated run that stalled on a missing credential
 * resumed later without re-running its finished tasks.
 */
public final class Ch12HandoffResume {
    record Line(String text) {}

    public static void main(String[] args) throws Exception {
        try (Example ex = Example.start(12, "handoff and continuation", args)) {
            Path dir = ex.tempDir();
            Path journalDir = dir.resolve("journal");
            Path sideEffects = dir.resolve("side-effects.log");
            Tool append = Tool.of("append_line", "Appends a line to the log", Line.class, (a, ctx) -> {
                Files.writeString(sideEffects, a.text() + "\n", StandardOpenOption.CREATE, StandardOpenOption.APPEND);
                return ToolResult.success("appended");
            });

            ex.step("A run stops after two turns (the session ends); everything so far is in the file journal");
            FakeModel first = new FakeModel()
                    .enqueueToolCall("append_line", "{\"text\":\"step 1\"}")
                    .enqueueToolCall("append_line", "{\"text\":\"step 2\"}");
            Agent agent = Agent.builder().model(first).addTool(append).addListener(ex.trace()).build();
            String runId = RunOptions.newRunId(); // chosen (and could be stored) before the run starts
            RunOptions journaled = RunOptions.builder().runId(runId).journal(JournalStore.file(journalDir)).build();
            AgentLoop loop = agent.start("Append three steps to the log, then say done.", journaled);
            loop.step();
            loop.step();
            ex.say("abandoned " + runId + " after " + loop.turns() + " turns; journal entries: "
                    + JournalStore.file(journalDir).read(runId).size());

            ex.step("A new agent (as in a new process) finishes the run from the journal");
            FakeModel second = new FakeModel()
                    .enqueueToolCall("append_line", "{\"text\":\"step 3\"}")
                    .enqueueText("done");
            Agent fresh = agent.toBuilder().model(second).build();
            RunOptions reopened = RunOptions.builder().journal(JournalStore.file(journalDir)).build();
            ex.say("finished: " + fresh.resume(runId, reopened).stopReason());
            ex.say("side effects, each exactly once: " + Files.readAllLines(sideEffects));

            ex.step("Nothing to resume is refused clearly");
            try {
                fresh.resume("run-that-never-was", reopened);
            } catch (JournalException e) {
                ex.refused("an unknown run", e);
            }
            try {
                Agent.builder().model(second).build().resume(runId, RunOptions.defaults());
            } catch (ConfigurationException e) {
                ex.refused("resume without a journal", e);
            }

            ex.step("Handoff: worker 1 runs out of turns; worker 2 starts from a checkpoint of worker 1's work");
            FakeModel worker1 = new FakeModel()
                    .enqueueToolCall("append_line", "{\"text\":\"renamed Parser to CsvParser\"}")
                    .enqueueToolCall("append_line", "{\"text\":\"updated 3 call sites\"}");
            FakeModel worker2 = new FakeModel().enqueueText("Rename finished; the tests pass.");
            Orchestrator handoff = Orchestrator.builder()
                    .workers((task, ws, attempt) -> Worker.of(Agent.builder()
                            .name("worker-" + attempt).model(attempt == 1 ? worker1 : worker2).addTool(append).build(),
                            RunOptions.builder().limits(Limits.builder().maxTurns(2).build()).build()))
                    .workspaces(TaskWorkspaces.directories(dir.resolve("lanes")))
                    .addListener(ex.orchestrationTrace())
                    .build();
            Task rename = Task.builder("rename").goal("Rename Parser to CsvParser everywhere")
                    .retry(RetryPolicy.builder().maxAttempts(2).initialBackoff(Duration.ZERO).build()).build();
            handoff.run(TaskGraph.builder().add(rename).build());
            String prompt = worker2.requests().get(0).messages().get(0).text();
            ex.say("worker 2's prompt begins:\n" + prompt.substring(0, prompt.indexOf("Your task")).strip());

            ex.step("A run that stalled on a missing credential is resumed later; finished tasks are not re-run");
            Path key = dir.resolve("api-key.txt");
            TaskGraph graph = TaskGraph.builder()
                    .add(Task.builder("build").goal("Build the release").build())
                    .add(Task.builder("upload").goal("Upload the release").dependsOn("build")
                            .check(c -> Files.exists(key) ? Verdict.passed("uploaded") : Verdict.blocked("no API key yet"))
                            .build())
                    .build();
            Orchestrator.Builder orchestrator = Orchestrator.builder()
                    .workers(WorkerFactory.agents((task, ws) -> Agent.builder().model(FakeModel.answering(
                            r -> ModelResponse.ofText("did " + task.id()))).build()))
                    .workspaces(TaskWorkspaces.directories(dir.resolve("release")))
                    .journal(JournalStore.file(dir.resolve("orchestration-journal")))
                    .addListener(ex.orchestrationTrace());
            OrchestrationResult stalled = orchestrator.build().run(graph);
            Files.writeString(key, "secret");
            ex.say("the key has arrived; a new orchestrator resumes " + stalled.runId());
            OrchestrationResult resumed = orchestrator.build().resume(stalled.runId(), graph);
            ex.say("attempts per task: build " + resumed.task("build").orElseThrow().attempts()
                    + ", upload " + resumed.task("upload").orElseThrow().attempts());
        }
    }
}
