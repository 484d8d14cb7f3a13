// SPDX-License-Identifier: Apache-2.0
package org.openagention.orchestration.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openagention.core.Agent;
import org.openagention.core.RetryPolicy;
import org.openagention.core.journal.JournalEntry;
import org.openagention.core.journal.JournalException;
import org.openagention.core.journal.JournalStore;
import org.openagention.core.journal.StepExecutor;
import org.openagention.core.model.FinishReason;
import org.openagention.core.model.ModelResponse;
import org.openagention.core.model.Usage;
import org.openagention.core.testing.FakeModel;
import org.openagention.core.testing.FakeSleeper;
import org.openagention.orchestration.FailurePolicy;
import org.openagention.orchestration.OrchestrationEvent;
import org.openagention.orchestration.OrchestrationResult;
import org.openagention.orchestration.Orchestrator;
import org.openagention.orchestration.RunStatus;
import org.openagention.orchestration.Spend;
import org.openagention.orchestration.graph.FailureKind;
import org.openagention.orchestration.graph.Task;
import org.openagention.orchestration.graph.TaskGraph;
import org.openagention.orchestration.graph.TaskState;
import org.openagention.orchestration.lanes.TaskWorkspaces;
import org.openagention.orchestration.lanes.WorkerFactory;
import org.openagention.orchestration.review.ReviewDecision;
import org.openagention.orchestration.review.ReviewQueue;
import org.openagention.orchestration.review.Reviewer;
import org.openagention.orchestration.review.Verdict;
class RunFactsTest {
    @TempDir
    Path dir;

    /**
     * A run with a bit of everything: a retry after a failed check, a review that asks for a
     * revision and then approves, a task that fails for good, and its dependent skipped.
     */
    private static TaskGraph graph() {
        Task fix = Task.builder("fix").goal("Fix the parser")
                .check(ctx -> ctx.attempt() < 2 ? Verdict.failed("run " + ctx.attempt() + ": expected 4 got 5")
                        : Verdict.passed("all tests pass"))
                .retry(RetryPolicy.builder().maxAttempts(3).initialBackoff(Duration.ofSeconds(1)).jitter(0).build())
                .retryOn(FailureKind.CHECK_FAILED)
                .build();
        Task docs = Task.builder("docs").goal("Document the parser").dependsOn("fix")
                .reviewer(person(ReviewDecision.revise("alice", "Mention the --json flag"), ReviewDecision.approve("alice")))
                .retry(RetryPolicy.builder().maxAttempts(2).build()).build();
        Task broken = Task.builder("broken").goal("Port the lexer").check(ctx -> Verdict.failed("the lexer does not build"))
                .retry(RetryPolicy.none()).build();
        Task after = Task.builder("after").goal("Tune the lexer").dependsOn("broken").build();
        return TaskGraph.builder().add(fix).add(docs).add(broken).add(after).build();
    }

    private static Reviewer person(ReviewDecision... decisions) {
        Deque<ReviewDecision> left = new ArrayDeque<>(List.of(decisions));
        return item -> {
            synchronized (left) {
                return left.pop();
            }
        };
    }

    private Orchestrator orchestrator(JournalStore journal, List<OrchestrationEvent> events) {
        FakeModel model = FakeModel.answering(r -> ModelResponse.builder().addText("done").modelId("fake-model")
                .finishReason(FinishReason.END_TURN).usage(new Usage(10, 5)).build());
        return Orchestrator.builder().workers(WorkerFactory.agents((t, ws) -> Agent.builder().model(model).build()))
                .workspaces(TaskWorkspaces.directories(dir)).journal(journal).sleeper(new FakeSleeper())
                .failurePolicy(FailurePolicy.SKIP_DEPENDENTS).parallelism(1).addListener(events::add).build();
    }

    private static Settings settings(JournalStore journal) {
        return new Settings(null, null, steps(journal), 1, FailurePolicy.SKIP_DEPENDENTS, null, 0, null, List.of(), null,
                new ReviewQueue(), null);
    }

    private static StepExecutor.Factory steps(JournalStore journal) {
        return StepExecutor.journaling(journal, Clock.systemUTC(), new FakeSleeper());
    }

    @Test
    void replayingTheJournaledFactsGivesTheStateTheLiveRunEndedWith() {
        JournalStore journal = JournalStore.inMemory();
        OrchestrationResult live = orchestrator(journal, new CopyOnWriteArrayList<>()).run("mixed", "", graph());

        RunState replayed = Replay.rebuild(settings(journal), steps(journal).open("mixed"), "mixed", graph());

        assertThat(live.status()).isEqualTo(RunStatus.FAILED);
        assertThat(live.task("docs").orElseThrow().attempts()).isEqualTo(2);
        assertThat(live.task("after").orElseThrow().skipped()).isTrue();
        OrchestrationResult again = replayed.result(replayed.finished, replayed.finishedDetail);
        assertThat(again.status()).isEqualTo(live.status());
        assertThat(again.detail()).isEqualTo(live.detail());
        assertThat(again.graph().ids()).isEqualTo(live.graph().ids());
        assertThat(again.tasks()).isEqualTo(live.tasks()); // states, attempts, outputs, failures, spend, merged
        assertThat(live.spend().tokens()).isEqualTo(75);
    }

    @Test
    void theEventsDerivedFromTheJournalAreTheEventsAListenerSawLive() {
        JournalStore journal = JournalStore.inMemory();
        List<OrchestrationEvent> seen = new CopyOnWriteArrayList<>();
        orchestrator(journal, seen).run("mixed", "", graph());

        RunState st = new RunState("mixed", new ReviewQueue());
        FactCodec codec = Replay.codec(graph(), st);
        List<OrchestrationEvent> derived = new ArrayList<>();
        for (JournalEntry e : journal.read("mixed")) {
            RunFact fact = codec.decode(e).orElse(null);
            if (fact == null) {
                assertThat(e.stepId()).matches("graph/start/now|task/[a-z]+/attempt-2/backoff"); // steps, not facts
                continue;
            }
            st.apply(fact);
            derived.addAll(RunEvents.of(fact, st, Instant.EPOCH));
        }

        assertThat(seen).hasSizeGreaterThan(20);
        assertThat(derived).map(RunFactsTest::withoutTime).isEqualTo(seen.stream().map(RunFactsTest::withoutTime).toList());
    }

    /** The event as text without its time (a live event's time is when it was published). */
    private static String withoutTime(OrchestrationEvent e) {
        String text = e instanceof OrchestrationEvent.RunFinished f ? "RunFinished " + f.result() + " " + f.result().tasks()
                : e.toString();
        return text.replace("at=" + e.at(), "at=");
    }

    @Test
    void aJournalEntryWithARenamedFieldStopsTheResumeNamingTheEntryAndTheField() {
        JournalStore journal = JournalStore.inMemory();
        orchestrator(journal, new CopyOnWriteArrayList<>()).run("mixed", "", graph());
        JournalStore tampered = JournalStore.inMemory();
        boolean renamed = false;
        for (JournalEntry e : journal.read("mixed")) {
            String payload = e.payloadJson();
            if (!renamed && e.type().equals("task.state")) {
                payload = payload.replace("\"to\":", "\"state\":");
                renamed = true;
            }
            tampered.append("mixed", e.type(), e.stepId(), e.at(), payload);
        }
        long sequence = tampered.read("mixed").stream().filter(e -> e.type().equals("task.state")).findFirst()
                .orElseThrow().sequence();

        assertThatThrownBy(() -> orchestrator(tampered, new CopyOnWriteArrayList<>()).resume("mixed", graph()))
                .isInstanceOf(JournalException.class)
                .hasMessageContaining("entry " + sequence + " (task.state) of run mixed")
                .hasMessageContaining("field 'to' is missing");
    }

    @Test
    void aFactOfTheWrongKindInAKnownFieldIsRefusedNamingTheField() {
        FactCodec codec = new FactCodec(null, id -> null);
        String json = codec.encode(new RunFact.AttemptStarted("fix", 2, Duration.ofSeconds(1), "orch-1.fix.a2"))
                .replace("\"attempt\":2", "\"attempt\":\"two\"");

        assertThatThrownBy(() -> codec.decode(json)).isInstanceOf(JournalException.class)
                .hasMessageContaining("field 'attempt' is not a whole number");
    }

    @Test
    void factsComeBackFromTheirJsonAlone() {
        FactCodec codec = new FactCodec(null, id -> null);
        List<RunFact> facts = List.of(new RunFact.Resumed(),
                new RunFact.Moved("a", TaskState.PENDING, TaskState.RUNNING, "attempt 2"),
                new RunFact.Failed("a", TaskState.RUNNING, "boom", FailureKind.CHECK_FAILED, "boom\nand more"),
                new RunFact.Requeued("a", TaskState.FAILED, "retry: attempt 2 of 3", true),
                new RunFact.AttemptStarted("a", 2, Duration.ofMillis(1500), "orch-1.a.a2"),
                new RunFact.AttemptFinished("a", 2, "passed", 3, new Spend(15, 0.25, Duration.ofMillis(42)), "out",
                        "check", "", "summary", "COMPLETED", "worker-1"),
                new RunFact.AttemptFinished("a", 1, "WORKER_ERROR", 0, new Spend(0, 0, Duration.ZERO), "", "", "no worker",
                        "", "", ""),
                new RunFact.ReviewSubmitted("a", "run/a", "the work", false, 1),
                new RunFact.ReviewDecided("a", "run/a", ReviewDecision.revise("alice", "more tests")),
                new RunFact.ReviewDecided("a", "run/a", ReviewDecision.approve("alice")),
                new RunFact.Merged("a", false, "a-merge", List.of("x.txt"), ""),
                new RunFact.ReplanFailed("a", "the planner failed"), new RunFact.Skipped("b", "depends on a"),
                new RunFact.GaveUp("a", FailureKind.CHECK_FAILED, FailurePolicy.SKIP_DEPENDENTS, false, "gave up"),
                new RunFact.Finished(RunStatus.FAILED, "task 'a' failed"));

        for (RunFact fact : facts) {
            String json = codec.encode(fact);
            assertThat(json).startsWith("{\"fact\":\"" + codec.typeOf(fact) + "\"");
            assertThat(codec.decode(json)).isEqualTo(fact);
        }
    }
}
