// SPDX-License-Identifier: Apache-2.0
package org.openagention.orchestration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.openagention.orchestration.GitRepos.branches;
import static org.openagention.orchestration.GitRepos.extraWorktrees;
import static org.openagention.orchestration.GitRepos.git;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openagention.core.journal.JournalStore;

/** A run on a git repository whose JVM is killed with SIGKILL mid-graph, then resumed by another. */
class GitResumeTest {
    @TempDir
    Path dir;

    @Test
    void aRunKilledMidGraphKeepsItsWorkAndResumesToTheSameResultWithoutRerunningCompletedTasks() throws Exception {
        Path plain = Files.createDirectories(dir.resolve("uninterrupted"));
        Path plainRepo = GitRepos.init(plain.resolve("repo"), Map.of("README.md", "# Project\n"));
        OrchestrationResult expected = ResumeScenario.onRepository(plain.resolve("journal"), plainRepo,
                plain.resolve("log"), plain.resolve("markers"), "").run("plain-run", "", ResumeScenario.graph());
        assertThat(expected.status()).isEqualTo(RunStatus.COMPLETED);

        Path k = Files.createDirectories(dir.resolve("killed"));
        Path repo = GitRepos.init(k.resolve("repo"), Map.of("README.md", "# Project\n"));
        Path markers = Files.createDirectories(k.resolve("markers"));
        Path childLog = k.resolve("child.out");
        Process child = ResumeTest.startChild(childLog, k.resolve("journal").toString(), repo.toString(),
                k.resolve("log").toString(), markers.toString(), "d", "killed-run", "git");
        try {
            ResumeTest.awaitMarker(child, markers.resolve("d.running"), childLog);
        } finally {
            child.destroyForcibly(); // SIGKILL on POSIX: no shutdown hooks, no chance to tidy up
            assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
        }

        // After the kill: the completed tasks are merged on main; d's worktree and branch hold its work in progress.
        assertThat(Files.readAllLines(k.resolve("log"))).containsExactlyInAnyOrder("a attempt 1", "b attempt 1",
                "c attempt 1", "d attempt 1");
        assertThat(JournalStore.file(k.resolve("journal")).read("killed-run"))
                .noneMatch(e -> e.type().equals("graph.finished"));
        assertThat(git(repo, "ls-tree", "--name-only", "main").split("\n"))
                .containsExactly("README.md", "a.txt", "b.txt", "c.txt");
        assertThat(git(repo, "log", "--format=%s", "--merges", "main"))
                .contains("Merge task killed-run.a", "Merge task killed-run.b", "Merge task killed-run.c");
        assertThat(extraWorktrees(repo)).containsExactly("killed-run.d");
        assertThat(branches(repo, "openagention")).containsExactly("openagention/killed-run.d");
        Path dWorktree = repo.resolve(".git/openagention/worktrees/killed-run.d");
        assertThat(Fixtures.read(dWorktree.resolve("d.txt"))).isEqualTo("made by d");
        assertThat(git(dWorktree, "status", "--porcelain")).isEqualTo("?? d.txt");

        OrchestrationResult resumed = ResumeScenario.onRepository(k.resolve("journal"), repo, k.resolve("log"), markers,
                "").resume("killed-run");

        assertThat(resumed.status()).isEqualTo(RunStatus.COMPLETED);
        assertThat(resumed.states()).isEqualTo(expected.states());
        assertThat(resumed.tasks()).extracting(TaskReport::output)
                .isEqualTo(expected.tasks().stream().map(TaskReport::output).toList());
        assertThat(resumed.tasks()).allSatisfy(t -> assertThat(t.merged()).isTrue());
        // The same files, byte for byte, on the target branch.
        assertThat(git(repo, "ls-tree", "-r", "main")).isEqualTo(git(plainRepo, "ls-tree", "-r", "main"));
        // Completed tasks ran once; only the task cut off ran again, in its worktree (it found its file there).
        assertThat(Files.readAllLines(k.resolve("log"))).containsExactlyInAnyOrder("a attempt 1", "b attempt 1",
                "c attempt 1", "d attempt 1", "d attempt 2", "e attempt 1");
        assertThat(resumed.task("d").orElseThrow().attempts()).isEqualTo(2);
        assertThat(List.of("a", "b", "c", "e")).allSatisfy(id ->
                assertThat(resumed.task(id).orElseThrow().attempts()).isEqualTo(1));
        assertThat(extraWorktrees(repo)).isEmpty();
        assertThat(branches(repo, "openagention")).isEmpty();
    }
}
