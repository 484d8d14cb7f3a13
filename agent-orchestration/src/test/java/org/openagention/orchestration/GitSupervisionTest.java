// SPDX-License-Identifier: Apache-2.0
package org.openagention.orchestration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.openagention.orchestration.GitRepos.extraWorktrees;
import static org.openagention.orchestration.GitRepos.git;
import static org.openagention.orchestration.GitRepos.show;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openagention.core.RetryPolicy;
import org.openagention.core.journal.JournalStore;
import org.openagention.core.model.Usage;
import org.openagention.core.testing.FakeModel;
import org.openagention.core.testing.FakeSleeper;
import org.openagention.orchestration.graph.Budget;
import org.openagention.orchestration.graph.FailureKind;
import org.openagention.orchestration.graph.Task;
import org.openagention.orchestration.graph.TaskGraph;
import org.openagention.orchestration.graph.TaskState;
import org.openagention.orchestration.lanes.Worker;
import org.openagention.orchestration.lanes.WorkerFactory;
import org.openagention.orchestration.review.AcceptanceCheck;
import org.openagention.orchestration.review.ReviewDecision;
import org.openagention.orchestration.review.ReviewItem;
import org.openagention.orchestration.review.ReviewState;
import org.openagention.orchestration.review.Reviewer;
import org.openagention.orchestration.review.Verdict;

/** Budgets, stalls and reviews on a real git repository. */
class GitSupervisionTest {
    @TempDir
    Path dir;
    Path repo;

    @BeforeEach
    void repository() {
        repo = GitRepos.init(dir.resolve("repo"), Map.of("README.md", "# Project\n"));
    }

    /** A worker writing {@code <id>.txt}, reading it first when it exists: two turns, 30 tokens. */
    private static WorkerFactory writers(String contentPrefix) {
        return writers(contentPrefix, new Usage(10, 5));
    }

    /** Like {@link #writers(String)}, each turn reporting {@code perTurn}. */
    private static WorkerFactory writers(String contentPrefix, Usage perTurn) {
        return (task, ws, attempt) -> {
            String file = task.id() + ".txt";
            FakeModel model = new FakeModel();
            if (Files.exists(ws.resolve(file))) {
                model.enqueue(Fixtures.toolCall("read_file", Fixtures.readArgs(file)).toBuilder().usage(perTurn).build());
            }
            model.enqueue(Fixtures.toolCall("write_file", Fixtures.writeArgs(file, contentPrefix + attempt)).toBuilder()
                            .usage(perTurn).build())
                    .enqueue(Fixtures.answer("wrote " + file).toBuilder().usage(perTurn).build());
            return Worker.of(Fixtures.fileAgent(ws, model));
        };
    }

    @Test
    void aGraphBudgetSpentMidGraphStopsNewTasksWithTheFinishedWorkMerged() {
        TaskGraph chain = TaskGraph.builder().add(Fixtures.task("a")).add(Fixtures.task("b", "a"))
                .add(Fixtures.task("c", "b")).add(Fixtures.task("d", "c")).build();

        OrchestrationResult result = Orchestrator.builder().workers(writers("v", new Usage(10_000, 5_000))).repository(repo)
                .budget(Budget.UNLIMITED.withMaxTokens(60_000)).build().run("budget", "", chain);

        // 30,000 tokens a task: a (30,000), b (60,000): the budget is spent, and c and d never start.
        assertThat(result.status()).isEqualTo(RunStatus.BUDGET_SPENT);
        assertThat(result.detail()).contains("the graph's budget of 60000 tokens is spent (60000 used)").contains("[c, d]");
        assertThat(result.tasks()).extracting(t -> t.spend().tokens()).containsExactly(30_000L, 30_000L, 0L, 0L);
        assertThat(result.states()).containsEntry("b", TaskState.DONE).containsEntry("c", TaskState.PENDING);
        assertThat(git(repo, "ls-tree", "--name-only", "main").split("\n")).containsExactly("README.md", "a.txt", "b.txt");
        assertThat(extraWorktrees(repo)).isEmpty();
    }

    @Test
    void aStallEndsTheRunKeepingTheBlockedTasksWorktreeAndResumeFinishesItThere() {
        AtomicBoolean keyProvided = new AtomicBoolean();
        AcceptanceCheck needsKey = ctx -> keyProvided.get() ? Verdict.passed("deployed")
                : Verdict.blocked("the deploy needs DEPLOY_KEY, which nobody has provided");
        TaskGraph graph = TaskGraph.builder()
                .add(Task.builder("deploy").goal("Deploy").check(needsKey).retry(RetryPolicy.none()).build())
                .add(Fixtures.task("smoke", "deploy")).add(Fixtures.task("docs")).build();
        JournalStore journal = JournalStore.inMemory();
        Orchestrator orchestrator = Orchestrator.builder().workers(writers("v")).repository(repo).journal(journal).build();

        OrchestrationResult stalled = orchestrator.run("stall", "", graph);

        assertThat(stalled.status()).isEqualTo(RunStatus.STALLED);
        assertThat(stalled.detail()).isEqualTo("nothing is ready and nothing is running; blocked: [deploy (blocked: the"
                + " deploy needs DEPLOY_KEY, which nobody has provided)]; waiting on them: [smoke]");
        assertThat(extraWorktrees(repo)).as("the blocked task's work waits in its worktree").containsExactly("stall.deploy");
        assertThat(git(repo, "ls-tree", "--name-only", "main").split("\n")).containsExactly("README.md", "docs.txt");

        keyProvided.set(true);
        OrchestrationResult resumed = Orchestrator.builder().workers(writers("v")).repository(repo).journal(journal)
                .build().resume("stall", graph);

        assertThat(resumed.status()).isEqualTo(RunStatus.COMPLETED);
        assertThat(resumed.task("deploy").orElseThrow().attempts()).isEqualTo(2);
        assertThat(resumed.task("docs").orElseThrow().attempts()).isEqualTo(1);
        assertThat(show(repo, "main", "deploy.txt")).isEqualTo("v2");
        assertThat(show(repo, "main", "smoke.txt")).isEqualTo("v1");
        assertThat(extraWorktrees(repo)).isEmpty();
    }

    @Test
    void aReviewRejectedThenRevisedThenApprovedMergesTheLastRevision() {
        Deque<ReviewDecision> decisions = new ArrayDeque<>(List.of(
                ReviewDecision.reject("alice", "This documents the wrong tool"),
                ReviewDecision.revise("alice", "Mention the --json flag"),
                ReviewDecision.approve("alice")));
        List<String> seenByReviewer = new java.util.concurrent.CopyOnWriteArrayList<>();
        Reviewer person = item -> {
            seenByReviewer.add(git(repo, "ls-tree", "--name-only", "main"));
            synchronized (decisions) {
                return decisions.pop();
            }
        };
        Task docs = Task.builder("docs").goal("Document the CLI").reviewer(person)
                .retry(RetryPolicy.builder().maxAttempts(3).build()).retryOn(FailureKind.REJECTED).build();
        Orchestrator orchestrator = Orchestrator.builder().workers(writers("CLI docs, revision ")).repository(repo)
                .sleeper(new FakeSleeper()).build();

        OrchestrationResult result = orchestrator.run("review", "", TaskGraph.builder().add(docs).build());

        assertThat(result.status()).isEqualTo(RunStatus.COMPLETED);
        assertThat(result.task("docs").orElseThrow().attempts()).isEqualTo(3);
        assertThat(orchestrator.reviewQueue().list()).extracting(ReviewItem::state)
                .containsExactly(ReviewState.REJECTED, ReviewState.APPROVED);
        assertThat(seenByReviewer).as("nothing reaches the target before approval").containsOnly("README.md");
        assertThat(show(repo, "main", "docs.txt")).isEqualTo("CLI docs, revision 3");
        assertThat(git(repo, "log", "--format=%s", "--merges", "main")).isEqualTo("Merge task review.docs"
                + " (openagention/review.docs)");
    }
}
