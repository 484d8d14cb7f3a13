// SPDX-License-Identifier: Apache-2.0
package org.openagention.orchestration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.openagention.orchestration.Fixtures.entries;
import static org.openagention.orchestration.GitRepos.branches;
import static org.openagention.orchestration.GitRepos.extraWorktrees;
import static org.openagention.orchestration.GitRepos.git;
import static org.openagention.orchestration.GitRepos.show;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openagention.core.Agent;
import org.openagention.core.RetryPolicy;
import org.openagention.core.journal.JournalStore;
import org.openagention.core.testing.FakeModel;
import org.openagention.core.testing.FakeSleeper;
import org.openagention.orchestration.graph.InvalidGraphException;
import org.openagention.orchestration.graph.Task;
import org.openagention.orchestration.graph.TaskGraph;
import org.openagention.orchestration.graph.TaskState;
import org.openagention.orchestration.lanes.Worker;
import org.openagention.orchestration.lanes.WorkerFactory;
import org.openagention.orchestration.planning.FixedPlanner;
import org.openagention.orchestration.planning.LlmPlanner;
import org.openagention.orchestration.planning.Planner;
import org.openagention.orchestration.review.AcceptanceCheck;

/** Retries, failure policies and invalid plans, on a real git repository. */
class GitFailuresTest {
    @TempDir
    Path dir;
    Path repo;

    @BeforeEach
    void repository() {
        repo = GitRepos.init(dir.resolve("repo"), Map.of("README.md", "# Project\n"));
    }

    /** Workers that each write {@code <id>.txt} with the real file tools (reading it first on a retry). */
    private static WorkerFactory writers() {
        return (task, ws, attempt) -> {
            String file = task.id() + ".txt";
            FakeModel model = new FakeModel();
            if (attempt > 1) {
                model.enqueue(Fixtures.toolCall("read_file", Fixtures.readArgs(file)));
            }
            model.enqueue(Fixtures.toolCall("write_file", Fixtures.writeArgs(file, task.id() + " attempt " + attempt)))
                    .enqueue(Fixtures.answer("done " + task.id()));
            return Worker.of(Fixtures.fileAgent(ws, model));
        };
    }

    private static Task failing(String id, String... deps) {
        return Task.builder(id).goal("Do " + id).dependsOn(deps).retry(RetryPolicy.none())
                .check(AcceptanceCheck.shell("echo 'compilation failed in " + id + "'; exit 1")).build();
    }

    private Orchestrator.Builder orchestrator(FailurePolicy policy) {
        return Orchestrator.builder().workers(writers()).repository(repo).parallelism(1).failurePolicy(policy);
    }

    @Test
    void aTaskThatFailsItsCheckTwiceThenPassesEndsDoneWithThreeAttemptsInTheJournal() {
        Path counter = dir.resolve("check-runs");
        // A real test command: fails on its first two runs, and says where it ran.
        String check = "n=$(cat '" + counter + "' 2>/dev/null || echo 0); n=$((n+1)); echo $n > '" + counter + "'; "
                + "echo \"ran in $(pwd)\"; grep -q . fix.txt || exit 2; "
                + "if [ $n -lt 3 ]; then echo \"FAILED: test_parser run $n\"; exit 1; fi; echo 'all tests pass'";
        Task fix = Task.builder("fix").goal("Fix the parser").check(AcceptanceCheck.shell(check))
                .retry(RetryPolicy.builder().maxAttempts(3).initialBackoff(Duration.ofSeconds(1)).jitter(0).build())
                .build();
        JournalStore journal = JournalStore.inMemory();
        FakeSleeper sleeper = new FakeSleeper();

        OrchestrationResult result = Orchestrator.builder().workers(writers()).repository(repo).journal(journal)
                .sleeper(sleeper).build().run("retry", "", TaskGraph.builder().add(fix).build());

        assertThat(result.status()).isEqualTo(RunStatus.COMPLETED);
        assertThat(result.task("fix").orElseThrow().attempts()).isEqualTo(3);
        assertThat(entries(journal, "retry", "task.attempt.started")).hasSize(3);
        assertThat(entries(journal, "retry", "task.attempt.finished")).extracting(e -> e.payloadJson())
                .satisfiesExactly(
                        p -> assertThat(p).contains("\"outcome\":\"CHECK_FAILED\"").contains("FAILED: test_parser run 1")
                                .contains(".git/openagention/worktrees/retry.fix"),
                        p -> assertThat(p).contains("\"outcome\":\"CHECK_FAILED\"").contains("FAILED: test_parser run 2"),
                        p -> assertThat(p).contains("\"outcome\":\"passed\"").contains("all tests pass"));
        assertThat(sleeper.sleeps()).containsExactly(Duration.ofSeconds(1), Duration.ofSeconds(2));
        assertThat(show(repo, "main", "fix.txt")).isEqualTo("fix attempt 3");
    }

    @Test
    void failFastStartsNothingAfterAFailureAndKeepsTheFailedWorkOnAnAbandonedBranch() {
        TaskGraph graph = TaskGraph.builder().add(failing("a")).add(Fixtures.task("b")).add(Fixtures.task("c", "a"))
                .build();

        OrchestrationResult result = orchestrator(FailurePolicy.FAIL_FAST).build().run("ff", "", graph);

        assertThat(result.status()).isEqualTo(RunStatus.FAILED);
        assertThat(result.detail()).startsWith("task 'a' failed after 1 attempt");
        assertThat(result.states()).containsEntry("a", TaskState.FAILED).containsEntry("b", TaskState.PENDING)
                .containsEntry("c", TaskState.PENDING);
        assertThat(show(repo, "openagention-abandoned/ff.a/1", "a.txt")).isEqualTo("a attempt 1");
        assertThat(git(repo, "ls-tree", "--name-only", "main")).isEqualTo("README.md");
        assertThat(extraWorktrees(repo)).isEmpty();
    }

    @Test
    void skipDependentsSkipsEveryTaskDownstreamAndMergesTheRest() {
        TaskGraph graph = TaskGraph.builder().add(failing("a")).add(Fixtures.task("b")).add(Fixtures.task("c", "a"))
                .add(Fixtures.task("d", "c")).add(Fixtures.task("e", "b")).build();

        OrchestrationResult result = orchestrator(FailurePolicy.SKIP_DEPENDENTS).build().run("skip", "", graph);

        assertThat(result.status()).isEqualTo(RunStatus.FAILED);
        assertThat(result.tasks()).filteredOn(TaskReport::skipped).extracting(TaskReport::taskId).containsExactly("c", "d");
        assertThat(git(repo, "ls-tree", "--name-only", "main").split("\n")).containsExactly("README.md", "b.txt", "e.txt");
        assertThat(branches(repo, "openagention")).containsExactly("openagention-abandoned/skip.a/1");
    }

    @Test
    void replanRunsThePlannersNewTasksAndMergesThem() {
        Planner planner = FixedPlanner.of(goal -> {
            throw new AssertionError("not asked to plan");
        }).withReplan(r -> TaskGraph.builder()
                .add(r.graph().require("b"))
                .add(Task.builder("a2").goal("Do a another way").retry(RetryPolicy.none()).build())
                .add(Task.builder("c2").goal("Finish").dependsOn("a2", "b").retry(RetryPolicy.none()).build())
                .build());
        TaskGraph graph = TaskGraph.builder().add(Fixtures.task("b")).add(failing("a", "b")).add(Fixtures.task("c", "a"))
                .build();

        OrchestrationResult result = orchestrator(FailurePolicy.REPLAN).planner(planner).build()
                .run("replan", "Ship the feature", graph);

        assertThat(result.status()).isEqualTo(RunStatus.COMPLETED);
        assertThat(result.graph().ids()).containsExactly("b", "a", "a2", "c2");
        assertThat(git(repo, "ls-tree", "--name-only", "main").split("\n"))
                .containsExactly("README.md", "a2.txt", "b.txt", "c2.txt");
    }

    @Test
    void aPlanWithACycleAndAnUnknownDependencyIsRefusedBeforeTheRepositoryIsTouched() {
        String cyclic = "{\"tasks\":["
                + "{\"id\":\"parser\",\"goal\":\"Write the parser\",\"dependsOn\":[\"tests\"]},"
                + "{\"id\":\"tests\",\"goal\":\"Write the tests\",\"dependsOn\":[\"parser\",\"ghost\"]}]}";
        FakeModel planModel = new FakeModel().enqueueText(cyclic).enqueueText(cyclic);
        Planner planner = LlmPlanner.builder(Agent.builder().model(planModel).build()).maxAttempts(2).build();
        String head = git(repo, "rev-parse", "HEAD");
        Orchestrator orchestrator = orchestrator(FailurePolicy.FAIL_FAST).planner(planner).build();

        assertThatThrownBy(() -> orchestrator.run("Add a JSON parser"))
                .isInstanceOfSatisfying(InvalidGraphException.class, e -> assertThat(e.problems()).containsExactly(
                        "task 'tests' depends on unknown task 'ghost'",
                        "cycle: parser -> tests -> parser (each task depends on the next)"));
        assertThat(git(repo, "rev-parse", "HEAD")).isEqualTo(head);
        assertThat(branches(repo, "openagention")).isEmpty();
        assertThat(List.of(git(repo, "status", "--porcelain"))).containsExactly("");
    }
}
