// SPDX-License-Identifier: Apache-2.0
package org.openagention.orchestration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.openagention.orchestration.GitRepos.branches;
import static org.openagention.orchestration.GitRepos.extraWorktrees;
import static org.openagention.orchestration.GitRepos.git;
import static org.openagention.orchestration.GitRepos.show;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openagention.core.ConfigurationException;
import org.openagention.orchestration.graph.Lane;
import org.openagention.orchestration.graph.Task;
import org.openagention.orchestration.graph.TaskGraph;
import org.openagention.orchestration.lanes.TaskWorkspaces;
import org.openagention.orchestration.lanes.WorkerFactory;
import org.openagention.tools.MergeResult;
import org.openagention.tools.Workspace;
import org.openagention.tools.WorkspaceException;
import org.openagention.tools.WorktreeManager;

class WorktreeLanesTest {
    @TempDir
    Path dir;
    Path repo;

    @BeforeEach
    void repository() {
        repo = GitRepos.init(dir.resolve("repo"), Map.of("README.md", "hello\n", "src/App.txt", "v1\n"));
    }

    private TaskWorkspaces lanes(String runId, String... taskIds) {
        return TaskWorkspaces.worktrees(WorktreeManager.open(repo), "main").forRun(runId, Set.of(taskIds));
    }

    @Test
    void aTaskThatOnlyReadsNeverCreatesAWorktree() throws Exception {
        TaskWorkspaces lanes = lanes("run1", "reader");
        Task reader = Fixtures.task("reader");
        Workspace ws = lanes.open(reader);

        assertThat(Files.readString(ws.resolve("README.md"))).isEqualTo("hello\n");
        assertThat(lanes.merge(reader, ws)).isEqualTo(MergeResult.merged(List.of()));
        assertThat(extraWorktrees(repo)).isEmpty();
        assertThat(branches(repo, "openagention")).isEmpty();
    }

    @Test
    void theFirstWriteCreatesTheTasksWorktreeAndMergeBringsItsWorkToTheTarget() throws Exception {
        TaskWorkspaces lanes = lanes("run1", "writer");
        Task writer = Fixtures.task("writer");
        Workspace ws = lanes.open(writer);
        Files.writeString(ws.resolveForWrite("src/App.txt"), "v2\n");

        assertThat(extraWorktrees(repo)).containsExactly("run1.writer");
        assertThat(Files.readString(repo.resolve("src/App.txt"))).as("the repository is untouched").isEqualTo("v1\n");

        assertThat(lanes.merge(writer, ws)).isEqualTo(MergeResult.merged(List.of("src/App.txt"), git(repo, "rev-parse", "main")));
        assertThat(show(repo, "main", "src/App.txt")).isEqualTo("v2");
        assertThat(git(repo, "log", "--format=%s", "-1")).isEqualTo("Merge task run1.writer (openagention/run1.writer)");
        assertThat(extraWorktrees(repo)).isEmpty();
        assertThat(lanes.merge(writer, ws)).as("merging again (after a crash) is a no-op")
                .isEqualTo(MergeResult.merged(List.of()));
    }

    @Test
    void aResumedRunFindsItsWorktreesAndCleanupRemovesOnlyItsOwnLeftovers() throws Exception {
        TaskWorkspaces first = lanes("run1", "kept", "dropped");
        Files.writeString(first.open(Fixtures.task("kept")).resolveForWrite("kept.txt"), "work in progress");
        Files.writeString(first.open(Fixtures.task("dropped")).resolveForWrite("dropped.txt"), "x");
        TaskWorkspaces other = lanes("run2", "kept");
        Files.writeString(other.open(Fixtures.task("kept")).resolveForWrite("other.txt"), "another run's work");

        // A new process resumes run1, whose journal now holds only "kept".
        TaskWorkspaces resumed = lanes("run1", "kept");
        Workspace again = resumed.open(Fixtures.task("kept"));

        assertThat(Files.readString(again.resolve("kept.txt"))).isEqualTo("work in progress");
        assertThat(again.isIsolated()).isTrue();
        assertThat(extraWorktrees(repo)).containsExactlyInAnyOrder("run1.kept", "run2.kept");
        assertThat(branches(repo, "openagention")).containsExactly("openagention/run1.kept", "openagention/run2.kept");
    }

    @Test
    void discardAbandonsTheWorktreeAndKeepsTheWorkOnABranch() throws Exception {
        TaskWorkspaces lanes = lanes("run1", "failed");
        Task failed = Fixtures.task("failed");
        Workspace ws = lanes.open(failed);
        Files.writeString(ws.resolveForWrite("attempt.txt"), "half done");

        lanes.discard(failed, ws);

        assertThat(extraWorktrees(repo)).isEmpty();
        assertThat(show(repo, "openagention-abandoned/run1.failed/1", "attempt.txt")).isEqualTo("half done");
        assertThat(git(repo, "status", "--porcelain")).isEmpty();
    }

    @Test
    void aLocalTaskWorksInTheRepositoryCommitsOnTheTargetAndStashesWhenItFails() throws Exception {
        TaskWorkspaces lanes = lanes("run1", "fix", "broken");
        Task fix = Task.builder("fix").goal("Fix in place").lane(Lane.LOCAL).build();
        Workspace ws = lanes.open(fix);
        assertThat(ws.root()).isEqualTo(repo.toRealPath());
        Files.writeString(ws.resolveForWrite("src/App.txt"), "fixed\n");

        assertThat(lanes.merge(fix, ws)).isEqualTo(MergeResult.merged(List.of("src/App.txt"), git(repo, "rev-parse", "main")));
        assertThat(git(repo, "log", "--format=%s", "-1")).isEqualTo("openagention: task fix (local lane, run run1)");
        assertThat(git(repo, "status", "--porcelain")).isEmpty();

        Task broken = Task.builder("broken").goal("Break it").lane(Lane.LOCAL).build();
        Files.writeString(lanes.open(broken).resolveForWrite("junk.txt"), "junk");
        lanes.discard(broken, ws);
        assertThat(git(repo, "status", "--porcelain")).isEmpty();
        assertThat(git(repo, "stash", "list")).contains("openagention: work of failed task broken (run run1)");
    }

    @Test
    void aLocalTaskNeedsTheTargetCheckedOut() {
        git(repo, "checkout", "-q", "-b", "feature");
        TaskWorkspaces lanes = lanes("run1", "fix");

        assertThatThrownBy(() -> lanes.open(Task.builder("fix").goal("Fix").lane(Lane.LOCAL).build()))
                .isInstanceOf(WorkspaceException.class)
                .hasMessageContaining("must have the target branch 'main' checked out, but it has 'feature'");
    }

    @Test
    void whenTheTargetIsNotCheckedOutATasksWorktreeIsMadeAtOnceSoItReadsTheTarget() throws Exception {
        git(repo, "checkout", "-q", "-b", "feature");
        Files.writeString(repo.resolve("README.md"), "feature work\n");
        git(repo, "commit", "-q", "-am", "feature");
        TaskWorkspaces lanes = lanes("run1", "reader");

        Workspace ws = lanes.open(Fixtures.task("reader"));

        assertThat(Files.readString(ws.resolve("README.md"))).isEqualTo("hello\n");
        assertThat(extraWorktrees(repo)).containsExactly("run1.reader");
    }

    @Test
    void aConflictIsReportedAndItsResolutionStartsFromTheConflictedState() throws Exception {
        TaskWorkspaces lanes = lanes("run1", "left", "right", "right-merge");
        Task left = Fixtures.task("left");
        Task right = Fixtures.task("right");
        Workspace l = lanes.open(left);
        Workspace r = lanes.open(right);
        Files.writeString(l.resolveForWrite("src/App.txt"), "left\n");
        Files.writeString(r.resolveForWrite("src/App.txt"), "right\n");
        assertThat(lanes.merge(left, l)).isInstanceOf(MergeResult.Merged.class);

        MergeResult conflict = lanes.merge(right, r);

        assertThat(conflict).isInstanceOfSatisfying(MergeResult.Conflict.class, c -> {
            assertThat(c.files()).containsExactly("src/App.txt");
            assertThat(c.detail()).contains("branch openagention/run1.right").contains("conflict markers");
        });
        assertThat(show(repo, "main", "src/App.txt")).isEqualTo("left");

        Task resolution = Task.builder("right-merge").goal("Resolve").conflictOf("right").build();
        Workspace ws = lanes.open(resolution);
        assertThat(Files.readString(ws.resolve("src/App.txt"))).contains("<<<<<<<").contains("left").contains("right");
        assertThat(lanes.merge(resolution, ws)).as("markers left in: refused")
                .isInstanceOfSatisfying(MergeResult.Conflict.class, c -> assertThat(c.files()).containsExactly("src/App.txt"));
        assertThat(show(repo, "main", "src/App.txt")).isEqualTo("left");

        Task second = Task.builder("right-merge2").goal("Resolve again").conflictOf("right-merge").build();
        Workspace ws2 = lanes.open(second);
        assertThat(Files.readString(ws2.resolve("src/App.txt"))).contains("<<<<<<<");
        Files.writeString(ws2.resolveForWrite("src/App.txt"), "left and right\n");
        assertThat(lanes.merge(second, ws2)).isInstanceOf(MergeResult.Merged.class);
        assertThat(show(repo, "main", "src/App.txt")).isEqualTo("left and right");
        assertThat(extraWorktrees(repo)).as("the conflicted task's and the first resolution's worktrees are retired")
                .isEmpty();
        assertThat(branches(repo, "openagention")).isEmpty();
    }

    @Test
    void anOrchestratorGivenARepositoryMergesIntoItsCheckedOutBranch() {
        assertThatThrownBy(() -> Orchestrator.builder().workers(Fixtures.doneWorkers()).repository(dir).build())
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("not inside a git working tree");
        assertThatThrownBy(() -> Orchestrator.builder().workers(Fixtures.doneWorkers()).repository(repo, "nope").build())
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("target branch 'nope' does not exist");
        assertThatThrownBy(() -> Orchestrator.builder().workers(Fixtures.doneWorkers()).repository(repo)
                .workspaces(TaskWorkspaces.directories(dir.resolve("lanes"))).build())
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("not both");

        OrchestrationResult result = Orchestrator.builder()
                .workers(WorkerFactory.agents((task, ws) -> Fixtures.writer(ws, "new.txt", "made", "done")))
                .repository(repo).build().run(TaskGraph.builder().add(Fixtures.task("t")).build());

        assertThat(result.status()).isEqualTo(RunStatus.COMPLETED);
        assertThat(show(repo, "main", "new.txt")).isEqualTo("made");
    }
}
