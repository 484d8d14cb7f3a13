// SPDX-License-Identifier: Apache-2.0
package org.openagention.orchestration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.openagention.orchestration.Fixtures.answer;
import static org.openagention.orchestration.Fixtures.editArgs;
import static org.openagention.orchestration.Fixtures.readArgs;
import static org.openagention.orchestration.Fixtures.toolCall;
import static org.openagention.orchestration.Fixtures.writeArgs;
import static org.openagention.orchestration.GitRepos.branches;
import static org.openagention.orchestration.GitRepos.extraWorktrees;
import static org.openagention.orchestration.GitRepos.git;
import static org.openagention.orchestration.GitRepos.show;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openagention.core.RetryPolicy;
import org.openagention.core.journal.JournalStore;
import org.openagention.core.model.ModelRequest;
import org.openagention.core.testing.FakeModel;
import org.openagention.orchestration.graph.Task;
import org.openagention.orchestration.graph.TaskGraph;
import org.openagention.orchestration.graph.TaskState;
import org.openagention.orchestration.lanes.Worker;
import org.openagention.orchestration.lanes.WorkerFactory;
import org.openagention.orchestration.review.AcceptanceCheck;
import org.openagention.orchestration.review.Verdict;

/** Two tasks edit the same line of one file in their own worktrees: git's conflict becomes a task. */
class GitMergeConflictTest {
    @TempDir
    Path dir;

    @Test
    void twoTasksEditingTheSameLineConflictAndTheConflictBecomesATaskThatResolvesIt() {
        Path repo = GitRepos.init(dir.resolve("repo"), Map.of("config.txt", "name=app\nport=80\n"));
        CyclicBarrier bothEdited = new CyclicBarrier(2);
        Map<String, FakeModel> models = new ConcurrentHashMap<>();
        List<OrchestrationEvent> events = new CopyOnWriteArrayList<>();
        WorkerFactory workers = WorkerFactory.agents((task, ws) -> {
            FakeModel model = new FakeModel();
            switch (task.id()) {
                case "tls":
                case "proxy":
                    String port = task.id().equals("tls") ? "443" : "8080";
                    // Read in the repository, edited in the task's worktree (made by the edit).
                    model.enqueue(toolCall("read_file", readArgs("config.txt")))
                            .enqueue(toolCall("edit_file", editArgs("config.txt", "port=80\n", "port=" + port + "\n")))
                            .enqueue(r -> {
                                await(bothEdited); // both have edited before either is merged
                                return answer("set the port to " + port);
                            });
                    break;
                case "release":
                    model.enqueue(toolCall("write_file", writeArgs("VERSION", "1.0\n"))).enqueue(answer("released"));
                    break;
                default: // the conflict's resolution: it sees git's markers, and writes both intents
                    model.enqueue(toolCall("read_file", readArgs("config.txt")))
                            .enqueue(toolCall("write_file", writeArgs("config.txt", "name=app\nport=8443\n")))
                            .enqueue(answer("kept TLS on the proxy's side: 8443"));
            }
            models.put(task.id(), model);
            return Fixtures.fileAgent(ws, model);
        });
        TaskGraph graph = TaskGraph.builder().add(Fixtures.task("tls")).add(Fixtures.task("proxy"))
                .add(Fixtures.task("release", "tls", "proxy")).build();

        OrchestrationResult result = Orchestrator.builder().workers(workers).repository(repo).parallelism(2)
                .addListener(events::add).build().run("conflict", "", graph);

        assertThat(result.status()).isEqualTo(RunStatus.COMPLETED);
        List<String> added = result.graph().ids().subList(3, result.graph().size());
        assertThat(added).hasSize(1);
        String resolver = added.get(0);
        String loser = resolver.substring(0, resolver.length() - "-merge".length());
        assertThat(loser).isIn("tls", "proxy");
        Task resolution = result.graph().require(resolver);
        assertThat(resolution.conflictOf()).contains(loser);
        assertThat(resolution.goal()).contains("Resolve a merge conflict").contains("config.txt")
                .contains("branch openagention/conflict." + loser).contains("conflict markers");
        assertThat(result.graph().require("release").dependencies()).contains(resolver);
        assertThat(result.task(loser).orElseThrow().merged()).isFalse();
        assertThat(result.task(resolver).orElseThrow().merged()).isTrue();
        assertThat(events).filteredOn(OrchestrationEvent.TaskMerged.class::isInstance)
                .map(e -> (OrchestrationEvent.TaskMerged) e).filteredOn(e -> !e.merged()).singleElement()
                .satisfies(e -> {
                    assertThat(e.files()).containsExactly("config.txt");
                    assertThat(e.conflictTask()).isEqualTo(resolver);
                });

        // The resolution read the file with git's markers, both sides in it.
        List<ModelRequest> requests = models.get(resolver).requests();
        String readResult = requests.get(1).messages().get(requests.get(1).messages().size() - 1).toString();
        assertThat(readResult).contains("<<<<<<<").contains("port=443").contains("port=8080").contains(">>>>>>>");

        assertThat(show(repo, "main", "config.txt")).isEqualTo("name=app\nport=8443");
        assertThat(show(repo, "main", "VERSION")).isEqualTo("1.0");
        assertThat(extraWorktrees(repo)).as("the conflicted task's worktree is retired with its resolution").isEmpty();
        assertThat(branches(repo, "openagention")).isEmpty();
        assertThat(git(repo, "status", "--porcelain")).isEmpty();
    }

    @Test
    void aResolutionStoppedMidWayResumesInItsWorktreeWithTheConflictStillBeingMerged() throws Exception {
        Path repo = GitRepos.init(dir.resolve("repo"), Map.of("config.txt", "port=80\n"));
        AtomicBoolean opsConfirmed = new AtomicBoolean();
        AcceptanceCheck check = ctx -> ctx.task().conflictOf().isPresent() && !opsConfirmed.get()
                ? Verdict.blocked("ops must confirm the port") : Verdict.passed("ok");
        Task x = Task.builder("x").goal("Use port 443").check(check).retry(RetryPolicy.none()).build();
        TaskGraph graph = TaskGraph.builder().add(x).build();
        WorkerFactory workers = (task, ws, attempt) -> {
            FakeModel model = new FakeModel();
            if (task.id().equals("x")) {
                model.enqueue(toolCall("read_file", readArgs("config.txt")))
                        .enqueue(toolCall("edit_file", editArgs("config.txt", "port=80\n", "port=443\n")))
                        .enqueue(r -> {
                            // Meanwhile a person commits another port on main: the merge will conflict.
                            writeAndCommit(repo, "config.txt", "port=9090\n");
                            return answer("port 443");
                        });
            } else if (attempt == 1) {
                model.enqueue(toolCall("read_file", readArgs("config.txt")))
                        .enqueue(toolCall("write_file", writeArgs("config.txt", "port=443\n")))
                        .enqueue(answer("kept 443"));
            } else {
                model.enqueue(toolCall("read_file", readArgs("config.txt"))).enqueue(answer("still 443"));
            }
            return Worker.of(Fixtures.fileAgent(ws, model));
        };
        JournalStore journal = JournalStore.inMemory();

        OrchestrationResult stalled = Orchestrator.builder().workers(workers).repository(repo).journal(journal).build()
                .run("paused", "", graph);

        assertThat(stalled.status()).isEqualTo(RunStatus.STALLED);
        assertThat(stalled.states()).containsEntry("x", TaskState.DONE).containsEntry("x-merge", TaskState.BLOCKED);
        Path resolution = repo.resolve(".git/openagention/worktrees/paused.x-merge");
        assertThat(resolution.resolve(".git")).exists();
        assertThat(git(resolution, "rev-parse", "-q", "--verify", "MERGE_HEAD")).isNotEmpty();

        opsConfirmed.set(true);
        OrchestrationResult resumed = Orchestrator.builder().workers(workers).repository(repo).journal(journal).build()
                .resume("paused", graph);

        assertThat(resumed.status()).isEqualTo(RunStatus.COMPLETED);
        assertThat(resumed.graph().require("x-merge").conflictOf()).contains("x");
        assertThat(resumed.task("x-merge").orElseThrow().attempts()).isEqualTo(2);
        assertThat(show(repo, "main", "config.txt")).isEqualTo("port=443");
        assertThat(git(repo, "log", "-1", "--format=%p", "main").split(" ")).hasSize(2);
        assertThat(extraWorktrees(repo)).isEmpty();
        assertThat(branches(repo, "openagention")).isEmpty();
    }

    private static void writeAndCommit(Path repo, String file, String content) {
        try {
            java.nio.file.Files.writeString(repo.resolve(file), content);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        git(repo, "commit", "-q", "-am", "ops: port 9090");
    }

    private static void await(CyclicBarrier barrier) {
        try {
            barrier.await(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("the other task never arrived", e);
        }
    }
}
