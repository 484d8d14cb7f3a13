// SPDX-License-Identifier: Apache-2.0
package org.openagention.orchestration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.openagention.orchestration.Fixtures.answer;
import static org.openagention.orchestration.Fixtures.editArgs;
import static org.openagention.orchestration.Fixtures.fileAgent;
import static org.openagention.orchestration.Fixtures.readArgs;
import static org.openagention.orchestration.Fixtures.toolCall;
import static org.openagention.orchestration.Fixtures.writeArgs;
import static org.openagention.orchestration.GitRepos.branches;
import static org.openagention.orchestration.GitRepos.extraWorktrees;
import static org.openagention.orchestration.GitRepos.git;
import static org.openagention.orchestration.GitRepos.show;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openagention.core.Agent;
import org.openagention.core.RetryPolicy;
import org.openagention.core.model.ModelRequest;
import org.openagention.core.model.ModelResponse;
import org.openagention.core.testing.FakeModel;
import org.openagention.orchestration.graph.Lane;
import org.openagention.orchestration.graph.Task;
import org.openagention.orchestration.graph.TaskGraph;
import org.openagention.orchestration.graph.TaskState;
import org.openagention.orchestration.lanes.SandboxAvailability;
import org.openagention.orchestration.lanes.WorkerFactory;
import org.openagention.orchestration.review.ReviewDecision;
import org.openagention.tools.CodingTools;
import org.openagention.tools.Workspace;
import org.openagention.tools.shell.Sandbox;
import org.openagention.tools.shell.ShellOptions;

/** The orchestrator on a real git repository: a worktree per mutating task, LOCAL tasks alone, SANDBOXED confined. */
class GitLanesOrchestrationTest {
    @TempDir
    Path dir;
    Path repo;

    @BeforeEach
    void repository() {
        repo = GitRepos.init(dir.resolve("repo"), Map.of("README.md", "# Project\n", "src/Main.txt", "main\n"));
    }

    @Test
    void aDiamondRunsItsMiddleTasksConcurrentlyEachInItsOwnWorktreeAndMergesInDependencyOrder() {
        CyclicBarrier middle = new CyclicBarrier(2);
        Map<String, Long> starts = new ConcurrentHashMap<>();
        Map<String, Long> ends = new ConcurrentHashMap<>();
        Map<String, Path> roots = new ConcurrentHashMap<>();
        WorkerFactory workers = WorkerFactory.agents((task, ws) -> {
            String id = task.id();
            // a reads in the repository itself, then its edit makes its worktree and lands there.
            List<ModelResponse> turns = id.equals("a")
                    ? List.of(toolCall("read_file", readArgs("README.md")),
                            toolCall("edit_file", editArgs("README.md", "# Project\n", "# Project\n\nBy a.\n")),
                            toolCall("write_file", writeArgs("src/A.txt", "a\n")))
                    : id.equals("d")
                    ? List.of(toolCall("read_file", readArgs("src/B.txt")),
                            toolCall("write_file", writeArgs("src/D.txt", "after b and c\n")))
                    : List.of(toolCall("write_file", writeArgs("src/" + id.toUpperCase() + ".txt", id + "\n")));
            FakeModel model = new FakeModel();
            for (int i = 0; i < turns.size(); i++) {
                ModelResponse turn = turns.get(i);
                boolean first = i == 0;
                model.enqueue(r -> {
                    if (first) {
                        starts.put(id, System.nanoTime());
                    }
                    return turn;
                });
            }
            model.enqueue(r -> {
                if (id.equals("b") || id.equals("c")) {
                    roots.put(id, ws.root());
                    await(middle); // each has written its file; neither answers before the other arrives
                }
                ends.put(id, System.nanoTime());
                return answer("done " + id);
            });
            return fileAgent(ws, model);
        });
        TaskGraph diamond = TaskGraph.builder().add(Fixtures.task("a")).add(Fixtures.task("b", "a"))
                .add(Fixtures.task("c", "a")).add(Fixtures.task("d", "b", "c")).build();

        OrchestrationResult result = Orchestrator.builder().workers(workers).repository(repo).parallelism(4).build()
                .run("diamond", "", diamond);

        assertThat(result.status()).isEqualTo(RunStatus.COMPLETED);
        assertThat(result.tasks()).allSatisfy(t -> assertThat(t.merged()).isTrue());
        assertThat(starts.get("b")).isLessThan(ends.get("c"));
        assertThat(starts.get("c")).isLessThan(ends.get("b"));
        assertThat(ends.get("a")).isLessThan(Math.min(starts.get("b"), starts.get("c")));
        assertThat(starts.get("d")).isGreaterThan(Math.max(ends.get("b"), ends.get("c")));
        assertThat(roots.get("b")).isNotEqualTo(roots.get("c"));
        assertThat(roots.values()).allSatisfy(root -> assertThat(root.toString())
                .contains(".git/openagention/worktrees/diamond."));
        assertThat(show(repo, "main", "README.md")).isEqualTo("# Project\n\nBy a.");
        assertThat(show(repo, "main", "src/A.txt")).isEqualTo("a");
        assertThat(show(repo, "main", "src/B.txt")).isEqualTo("b");
        assertThat(show(repo, "main", "src/C.txt")).isEqualTo("c");
        assertThat(show(repo, "main", "src/D.txt")).isEqualTo("after b and c");
        List<String> merges = List.of(git(repo, "log", "--format=%s", "--merges", "main").split("\n"));
        assertThat(merges).hasSize(4);
        assertThat(merges.get(0)).startsWith("Merge task diamond.d");
        assertThat(merges.get(3)).startsWith("Merge task diamond.a");
        assertThat(extraWorktrees(repo)).isEmpty();
        assertThat(branches(repo, "openagention")).isEmpty();
        assertThat(git(repo, "status", "--porcelain")).isEmpty();
    }

    @Test
    void localTasksWorkInTheRepositoryAndRunAlone() {
        List<String> order = new CopyOnWriteArrayList<>();
        WorkerFactory workers = WorkerFactory.agents((task, ws) -> Fixtures.fileWriter(ws, task.id() + ".txt",
                task.id(), "done " + task.id()));
        TaskGraph graph = TaskGraph.builder()
                .add(Task.builder("l1").goal("Local one").lane(Lane.LOCAL).retry(RetryPolicy.none()).build())
                .add(Fixtures.task("x")).add(Fixtures.task("y"))
                .add(Task.builder("l2").goal("Local two").lane(Lane.LOCAL).retry(RetryPolicy.none()).build())
                .build();

        OrchestrationResult result = Orchestrator.builder().workers(workers).repository(repo).parallelism(4)
                .addListener(e -> {
                    if (e instanceof OrchestrationEvent.AttemptStarted s) {
                        order.add("start " + s.taskId());
                    } else if (e instanceof OrchestrationEvent.AttemptFinished f) {
                        order.add("end " + f.taskId());
                    }
                }).build().run("local", "", graph);

        assertThat(result.status()).isEqualTo(RunStatus.COMPLETED);
        // l1 alone; then x and y together; l2 only after both ended, alone.
        assertThat(order.subList(0, 2)).containsExactly("start l1", "end l1");
        assertThat(order.subList(2, 4)).containsExactly("start x", "start y");
        assertThat(order.subList(4, 6)).containsExactlyInAnyOrder("end x", "end y");
        assertThat(order.subList(6, 8)).containsExactly("start l2", "end l2");
        assertThat(git(repo, "log", "--format=%s", "-1", "main")).isEqualTo("openagention: task l2 (local lane, run local)");
        for (String id : List.of("l1", "x", "y", "l2")) {
            assertThat(show(repo, "main", id + ".txt")).isEqualTo(id);
        }
        assertThat(git(repo, "status", "--porcelain")).isEmpty();
    }

    @Test
    void aLocalTaskWaitsForAReviewUnderWaySinceItsApprovalMergesIntoTheRepository() {
        List<String> order = new CopyOnWriteArrayList<>();
        Task reviewed = Task.builder("w").goal("Reviewed work").reviewer(item -> ReviewDecision.approve("alice"))
                .retry(RetryPolicy.none()).build();
        Task local = Task.builder("l").goal("Local work").lane(Lane.LOCAL).retry(RetryPolicy.none()).build();
        WorkerFactory workers = WorkerFactory.agents((task, ws) -> Fixtures.fileWriter(ws, task.id() + ".txt",
                task.id(), "done " + task.id()));

        OrchestrationResult result = Orchestrator.builder().workers(workers).repository(repo).parallelism(4)
                .addListener(e -> {
                    if (e instanceof OrchestrationEvent.AttemptStarted s) {
                        order.add("start " + s.taskId());
                    } else if (e instanceof OrchestrationEvent.ReviewDecided r) {
                        order.add("review " + r.taskId());
                    }
                }).build().run(TaskGraph.builder().add(reviewed).add(local).build());

        assertThat(result.status()).isEqualTo(RunStatus.COMPLETED);
        assertThat(order).containsExactly("start w", "review w", "start l");
        assertThat(show(repo, "main", "w.txt")).isEqualTo("w");
        assertThat(show(repo, "main", "l.txt")).isEqualTo("l");
    }

    @Test
    void aSandboxedTaskFailsToStartWhereNoSandboxIsAvailable() {
        FakeModel model = FakeModel.answering(r -> answer("should not run"));
        Task sealed = Task.builder("sealed").goal("Run the untrusted build").lane(Lane.SANDBOXED).build();
        TaskGraph graph = TaskGraph.builder().add(sealed).add(Fixtures.task("after", "sealed")).build();

        OrchestrationResult result = Orchestrator.builder()
                .workers(WorkerFactory.agents((task, ws) -> fileAgent(ws, model))).repository(repo)
                .sandbox(SandboxAvailability.unavailable("bubblewrap (bwrap) is not installed"))
                .failurePolicy(FailurePolicy.SKIP_DEPENDENTS).build().run(graph);

        assertThat(result.status()).isEqualTo(RunStatus.FAILED);
        TaskReport report = result.task("sealed").orElseThrow();
        assertThat(report.state()).isEqualTo(TaskState.FAILED);
        assertThat(report.attempts()).isZero();
        assertThat(report.failure()).contains("runs in the SANDBOXED lane and no sandbox is available here: bubblewrap"
                + " (bwrap) is not installed").contains("It was not started");
        assertThat(result.task("after").orElseThrow().skipped()).isTrue();
        assertThat(model.requests()).isEmpty();
        assertThat(extraWorktrees(repo)).isEmpty();
    }

    @Test
    void withoutAnySandboxASandboxedTaskSaysHowToConfigureOne() {
        OrchestrationResult refused = Orchestrator.builder().workers(Fixtures.doneWorkers()).repository(repo)
                .sandbox(SandboxAvailability.none()).build()
                .run(TaskGraph.builder().add(Task.builder("s").goal("Sandboxed").lane(Lane.SANDBOXED)
                        .retry(RetryPolicy.none()).build()).build());

        assertThat(refused.task("s").orElseThrow().failure()).contains("no sandbox is configured for this orchestrator")
                .contains("Orchestrator.builder().sandbox(...)");
    }

    @Test
    void aSandboxedTaskRunsItsShellUnderBubblewrapInItsOwnWorktree() throws Exception {
        Assumptions.assumeTrue(Sandbox.bubblewrap().isAvailable(), () -> "bubblewrap cannot run here: "
                + Sandbox.bubblewrap().unavailableReason().orElse(""));
        Map<String, Workspace> workspaces = new ConcurrentHashMap<>();
        Map<String, FakeModel> models = new ConcurrentHashMap<>();
        try (ServerSocket listener = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            String command = "echo built > out.txt; echo leaked > " + repo + "/escaped.txt;"
                    + " (exec 3<>/dev/tcp/127.0.0.1/" + listener.getLocalPort() + ") 2>/dev/null"
                    + " && echo reached the host || echo no network";
            WorkerFactory workers = WorkerFactory.agents((task, ws) -> {
                workspaces.put(task.id(), ws);
                FakeModel model = new FakeModel().enqueue(toolCall("shell", "{\"command\":" + GitRepos.json(command) + "}"))
                        .enqueue(answer("built"));
                models.put(task.id(), model);
                return Agent.builder().model(model)
                        .tools(CodingTools.all(ws, ShellOptions.defaults().sandboxed(task.lane() == Lane.SANDBOXED)))
                        .build();
            });

            OrchestrationResult result = Orchestrator.builder().workers(workers).repository(repo).build()
                    .run(TaskGraph.builder().add(Task.builder("build").goal("Build it").lane(Lane.SANDBOXED).build())
                            .build());

            assertThat(result.status()).isEqualTo(RunStatus.COMPLETED);
        }
        assertThat(workspaces.get("build").isIsolated()).as("its first command made its worktree").isTrue();
        assertThat(workspaces.get("build").root().toString()).contains(".git/openagention/worktrees/");
        List<ModelRequest> requests = models.get("build").requests();
        String shellResult = requests.get(1).messages().get(requests.get(1).messages().size() - 1).toString();
        assertThat(shellResult).contains("no network").doesNotContain("reached the host");
        assertThat(repo.resolve("escaped.txt")).doesNotExist();
        assertThat(show(repo, "main", "out.txt")).isEqualTo("built");
    }

    private static void await(CyclicBarrier barrier) {
        try {
            barrier.await(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("the other middle task never arrived: they did not run concurrently", e);
        }
    }
}
