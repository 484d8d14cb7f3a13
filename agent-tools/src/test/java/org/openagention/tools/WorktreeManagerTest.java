// SPDX-License-Identifier: Apache-2.0
package org.openagention.tools;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.openagention.tools.TestRepos.git;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WorktreeManagerTest {
    @TempDir
    Path tmp;
    Path repo;
    WorktreeManager worktrees;

    @BeforeEach
    void repository() throws IOException {
        repo = TestRepos.init(tmp.resolve("repo"), Map.of("a.txt", "one\ntwo\nthree\n", "src/Main.java", "class Main {}\n"));
        worktrees = WorktreeManager.open(repo);
    }

    @Test
    void createMakesAWorktreeOnTheTasksOwnBranch() throws IOException {
        Worktree w = worktrees.create("t1");

        assertThat(w.state()).isEqualTo(Worktree.State.ACTIVE);
        assertThat(w.branch()).isEqualTo("openagention/t1");
        assertThat(Files.readString(w.path().resolve("a.txt"))).isEqualTo("one\ntwo\nthree\n");
        assertThat(git(w.path(), "rev-parse", "--abbrev-ref", "HEAD")).isEqualTo("openagention/t1");
        assertThat(w.commit()).isEqualTo(git(repo, "rev-parse", "HEAD"));
        assertThat(git(repo, "status", "--porcelain")).as("the user's tree is untouched").isEmpty();
        assertThat(worktrees.find("t1")).contains(w);
        assertThat(worktrees.list()).containsExactly(w);
    }

    @Test
    void aSecondCreateForTheSameTaskReturnsTheActiveWorktree() throws IOException {
        Worktree first = worktrees.create("t1");
        Files.writeString(first.path().resolve("wip.txt"), "work in progress");

        Worktree second = worktrees.create("t1", "HEAD");

        assertThat(second).isEqualTo(first);
        assertThat(second.path().resolve("wip.txt")).hasContent("work in progress");
        assertThat(git(repo, "worktree", "list")).hasLineCount(2);
    }

    @Test
    void mergeCommitsTheTasksWorkAndBringsItToTheTarget() throws IOException {
        Worktree w = worktrees.create("t1");
        Files.writeString(w.path().resolve("a.txt"), "one\nTWO\nthree\n");
        Files.writeString(w.path().resolve("new.txt"), "added by the task\n");

        MergeResult result = worktrees.merge("t1", "main");

        assertThat(result).isInstanceOf(MergeResult.Merged.class);
        MergeResult.Merged merged = (MergeResult.Merged) result;
        assertThat(merged.files()).containsExactlyInAnyOrder("a.txt", "new.txt");
        assertThat(repo.resolve("a.txt")).hasContent("one\nTWO\nthree");
        assertThat(repo.resolve("new.txt")).hasContent("added by the task");
        assertThat(git(repo, "rev-parse", "HEAD")).isEqualTo(merged.commit());
        assertThat(git(repo, "log", "--format=%s", "-3")).contains("Merge task t1", "openagention: task t1");
        assertThat(git(repo, "status", "--porcelain")).isEmpty();
        assertThat(w.path()).doesNotExist();
        assertThat(git(repo, "branch", "--list", "openagention/*")).isEmpty();
        assertThat(worktrees.find("t1")).hasValueSatisfying(r -> {
            assertThat(r.state()).isEqualTo(Worktree.State.MERGED);
            assertThat(r.commit()).isEqualTo(merged.commit());
        });
    }

    @Test
    void aConflictIsReportedAsDataAndTheTargetIsLeftClean() throws IOException {
        Worktree w = worktrees.create("t1");
        Files.writeString(w.path().resolve("a.txt"), "one\ntask\nthree\n");
        Files.writeString(repo.resolve("a.txt"), "one\nuser\nthree\n");
        git(repo, "commit", "-q", "-am", "user edit");
        String head = git(repo, "rev-parse", "HEAD");

        MergeResult result = worktrees.merge("t1");

        assertThat(result).isInstanceOf(MergeResult.Conflict.class);
        MergeResult.Conflict conflict = (MergeResult.Conflict) result;
        assertThat(conflict.files()).containsExactly("a.txt");
        assertThat(conflict.detail()).contains("CONFLICT");
        assertThat(git(repo, "rev-parse", "HEAD")).isEqualTo(head);
        assertThat(git(repo, "status", "--porcelain")).isEmpty();
        assertThat(repo.resolve(".git/MERGE_HEAD")).doesNotExist();
        assertThat(repo.resolve("a.txt")).hasContent("one\nuser\nthree");
        assertThat(worktrees.find("t1").orElseThrow().state()).isEqualTo(Worktree.State.ACTIVE);
        assertThat(w.path().resolve("a.txt")).hasContent("one\ntask\nthree");
    }

    @Test
    void mergeIntoABranchCheckedOutNowhereUsesATemporaryWorktree() throws IOException {
        git(repo, "branch", "release");
        Worktree w = worktrees.create("t1");
        Files.writeString(w.path().resolve("fix.txt"), "fixed\n");

        MergeResult result = worktrees.merge("t1", "release");

        assertThat(result.merged()).isTrue();
        assertThat(git(repo, "show", "release:fix.txt")).isEqualTo("fixed");
        assertThat(repo.resolve("fix.txt")).as("main is not touched").doesNotExist();
        assertThat(git(repo, "worktree", "list")).hasLineCount(1);
    }

    @Test
    void mergeRefusesAnUnknownTaskAndAMissingTarget() {
        assertThatThrownBy(() -> worktrees.merge("nobody", "main")).isInstanceOf(WorkspaceException.class)
                .hasMessageContaining("task 'nobody' has no active worktree");
        worktrees.create("t1");
        assertThatThrownBy(() -> worktrees.merge("t1", "no-such-branch")).isInstanceOf(WorkspaceException.class)
                .hasMessageContaining("target branch 'no-such-branch' does not exist");
    }

    @Test
    void abandonKeepsTheWorkOnARenamedBranchAndAFreshCreateStartsClean() throws IOException {
        Worktree w = worktrees.create("t1");
        Files.writeString(w.path().resolve("attempt.txt"), "first attempt\n");

        Worktree abandoned = worktrees.abandon("t1");

        assertThat(abandoned.state()).isEqualTo(Worktree.State.ABANDONED);
        assertThat(abandoned.branch()).isEqualTo("openagention-abandoned/t1/1");
        assertThat(git(repo, "show", "openagention-abandoned/t1/1:attempt.txt")).isEqualTo("first attempt");
        assertThat(w.path()).doesNotExist();
        assertThatThrownBy(() -> worktrees.merge("t1")).hasMessageContaining("it is abandoned");

        Worktree retry = worktrees.create("t1");
        assertThat(retry.state()).isEqualTo(Worktree.State.ACTIVE);
        assertThat(retry.path().resolve("attempt.txt")).doesNotExist();
        assertThat(worktrees.abandon("t1").branch()).isEqualTo("openagention-abandoned/t1/2");
    }

    @Test
    void discardRemovesTheWorktreeItsBranchesAndItsRecord() throws IOException {
        Worktree w = worktrees.create("t1");
        worktrees.abandon("t1");
        worktrees.create("t1");
        Files.writeString(w.path().resolve("x.txt"), "uncommitted");

        assertThat(worktrees.discard("t1")).isTrue();

        assertThat(w.path()).doesNotExist();
        assertThat(git(repo, "branch", "--list", "openagention*")).isEmpty();
        assertThat(worktrees.find("t1")).isEmpty();
        assertThat(worktrees.discard("t1")).isFalse();
    }

    @Test
    void cleanupOrphanedRemovesWhatACrashedProcessLeftBehind() throws IOException {
        Worktree dead = worktrees.create("dead");
        Worktree live = worktrees.create("live");
        worktrees.create("gone");
        worktrees.abandon("gone");
        Path worktreesDir = dead.path().getParent();
        Files.createDirectories(worktreesDir.resolve("half-made/src")); // a crash in the middle of a create
        // The process dies; even its state file is lost. A new one recovers from git alone.
        Files.delete(repo.resolve(".git/openagention/worktrees.properties"));
        WorktreeManager after = WorktreeManager.open(repo);
        assertThat(after.list()).extracting(Worktree::taskId).containsExactly("dead", "live");

        var removed = after.cleanupOrphaned(Set.of("live"));

        assertThat(removed).extracting(Worktree::taskId).containsExactly("dead");
        assertThat(dead.path()).doesNotExist();
        assertThat(worktreesDir.resolve("half-made")).doesNotExist();
        assertThat(live.path().resolve("a.txt")).exists();
        assertThat(git(repo, "branch", "--list", "--format=%(refname:short)", "openagention*"))
                .isEqualTo("openagention/live");
        assertThat(git(repo, "worktree", "list")).hasLineCount(2);
        assertThat(after.list()).extracting(Worktree::taskId).containsExactly("live");
    }

    @Test
    void aWorktreeDeletedByHandIsSeenAsAbandonedAndItsBranchResumesOnCreate() throws IOException {
        Worktree w = worktrees.create("t1");
        Files.writeString(w.path().resolve("done.txt"), "committed work\n");
        worktrees.commit("t1");
        TestRepos.git(repo, "worktree", "remove", "--force", w.path().toString());

        assertThat(worktrees.find("t1").orElseThrow().state()).isEqualTo(Worktree.State.ABANDONED);
        Worktree resumed = worktrees.create("t1");
        assertThat(resumed.path().resolve("done.txt")).hasContent("committed work");
    }

    @Test
    void lazyWorkspaceMakesNoWorktreeUntilTheFirstWrite() throws IOException {
        Workspace ws = worktrees.lazyWorkspace("reader");
        assertThat(Files.readString(ws.resolve("a.txt"))).startsWith("one");
        assertThat(worktrees.find("reader")).isEmpty();
        assertThat(git(repo, "worktree", "list")).hasLineCount(1);

        Files.writeString(ws.resolveForWrite("a.txt"), "changed by the task\n");

        Worktree w = worktrees.find("reader").orElseThrow();
        assertThat(ws.root()).isEqualTo(w.path());
        assertThat(w.path().resolve("a.txt")).hasContent("changed by the task");
        assertThat(repo.resolve("a.txt")).hasContent("one\ntwo\nthree");
        assertThat(worktrees.lazyWorkspace("reader").root()).as("an active worktree is reused").isEqualTo(w.path());
    }

    @Test
    void commitReportsWhetherThereWasAnythingToCommit() throws IOException {
        Worktree w = worktrees.create("t1");
        assertThat(worktrees.commit("t1")).isEmpty();
        Files.writeString(w.path().resolve("n.txt"), "n");
        assertThat(worktrees.commit("t1")).hasValueSatisfying(c -> assertThat(c).hasSize(40));
        assertThat(git(w.path(), "log", "-1", "--format=%s")).isEqualTo("openagention: task t1");
    }

    @Test
    void taskIdsThatCannotNameABranchAreRefused() {
        for (String bad : new String[] {"", "../x", "a/b", "x.lock", "-rf", "a..b", "with space", "x".repeat(101)}) {
            assertThatThrownBy(() -> worktrees.create(bad)).as(bad).isInstanceOf(WorkspaceException.class)
                    .hasMessageContaining("cannot name a branch");
        }
    }

    @Test
    void openRefusesADirectoryThatIsNotARepository() throws IOException {
        Path plain = Files.createDirectories(tmp.resolve("plain"));
        assertThatThrownBy(() -> WorktreeManager.open(plain)).isInstanceOf(WorkspaceException.class)
                .hasMessageContaining("is not inside a git working tree").hasMessageContaining("Workspace.copy");
    }

    @Test
    void openSaysSoWhenGitIsMissing() {
        assertThatThrownBy(() -> WorktreeManager.open(repo, null, tmp.resolve("no-git-here").toString()))
                .isInstanceOf(WorkspaceException.class).hasMessageContaining("is git installed");
    }
}
