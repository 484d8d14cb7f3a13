// SPDX-License-Identifier: Apache-2.0
package org.openagention.examples;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import org.openagention.tools.MergeResult;
import org.openagention.tools.Workspace;
import org.openagention.tools.Worktree;
import org.openagention.tools.WorktreeManager;

/**
 * Chapter 7, worktree isolation: each task works in its own git worktree on its own branch, so
 * half-done work never touches the repository and two tasks cannot trample each other's edits.
 *
 * <p>Runs on a real git repository in a temporary directory. Shows one active worktree per task,
 * a merge conflict between two tasks reported as data (the target branch left as it was), the
 * losing task abandoned with its work kept on a branch, a lazy workspace that only makes a
 * worktree on its first write, and a fresh manager cleaning up what a crashed one left behind.
 */
public final class Ch07WorktreeIsolation {

    public static void main(String[] args) throws Exception {
        try (Example ex = Example.start(7, "worktree isolation", args)) {
            Path repo = ex.gitRepo("greeting.txt", "Hello\n", "README.md", "# Demo\n");
            WorktreeManager worktrees = WorktreeManager.open(repo);

            ex.step("Each task gets its own worktree and branch; asking again returns the same one");
            Worktree a = worktrees.create("task-a");
            Worktree b = worktrees.create("task-b");
            ex.say("task-a: branch " + a.branch() + ", " + a.state() + ", in " + repo.relativize(a.path()));
            ex.say("task-b: branch " + b.branch() + ", " + b.state());
            ex.say("create(task-a) again gives the same worktree: " + worktrees.create("task-a").path().equals(a.path()));

            ex.step("Both tasks edit greeting.txt; the repository's own files are untouched while they work");
            Files.writeString(a.workspace().resolveForWrite("greeting.txt"), "Hello, world\n");
            Files.writeString(b.workspace().resolveForWrite("greeting.txt"), "Hi there\n");
            Files.writeString(b.workspace().resolveForWrite("CHANGELOG.md"), "- friendlier greeting\n");
            ex.say("repository greeting.txt: " + Files.readString(repo.resolve("greeting.txt")).strip()
                    + "; git status: " + (Example.git(repo, "status", "--porcelain").isEmpty() ? "clean" : "dirty"));

            ex.step("Merging back: the first merge wins, the second conflicts and is reported as data");
            MergeResult first = worktrees.merge("task-a", "main");
            ex.say("task-a: " + describe(first));
            MergeResult second = worktrees.merge("task-b", "main");
            ex.say("task-b: " + describe(second));
            ex.say("main still reads: " + Files.readString(repo.resolve("greeting.txt")).strip()
                    + "; no conflict markers, no half merge: " + Example.git(repo, "status", "--porcelain").isEmpty());

            ex.step("The conflicting task is abandoned: its worktree goes, its work stays on a branch");
            Worktree gone = worktrees.abandon("task-b");
            ex.say("task-b is " + gone.state() + ", its work kept on " + gone.branch());
            ex.say("CHANGELOG.md on that branch: " + Example.git(repo, "show", gone.branch() + ":CHANGELOG.md"));

            ex.step("A lazy workspace reads the repository in place and makes a worktree only on the first write");
            Workspace lazy = worktrees.lazyWorkspace("task-c");
            ex.say("reads README.md (" + Files.readString(lazy.resolve("README.md")).strip() + "), isolated: " + lazy.isIsolated());
            Files.writeString(lazy.resolveForWrite("notes.txt"), "work in progress\n");
            ex.say("after the first write, isolated: " + lazy.isIsolated() + ", task-c is "
                    + worktrees.find("task-c").orElseThrow().state());

            ex.step("A crash leaves task-c behind; a new manager finds it and cleans up every task not live");
            WorktreeManager afterRestart = WorktreeManager.open(repo);
            afterRestart.list().forEach(w -> ex.say("found " + w.taskId() + ": " + w.state()));
            ex.say("task-b's abandoned work is still wanted, so it is the only live task");
            afterRestart.cleanupOrphaned(Set.of("task-b")).forEach(w -> ex.say("removed orphan " + w.taskId()));
            ex.say("branches left: " + Example.git(repo, "branch", "--format=%(refname:short)").replace("\n", ", "));
        }
    }

    private static String describe(MergeResult result) {
        if (result instanceof MergeResult.Merged m) {
            return "merged as " + m.commit().substring(0, 8) + ", changed " + m.files();
        }
        MergeResult.Conflict c = (MergeResult.Conflict) result;
        return "CONFLICT in " + c.files() + "; the merge was aborted";
    }
}
