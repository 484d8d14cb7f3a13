// SPDX-License-Identifier: Apache-2.0
package org.openagention.orchestration.internal;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.openagention.orchestration.graph.Lane;
import org.openagention.orchestration.graph.Task;
import org.openagention.tools.MergeResult;
import org.openagention.tools.Workspace;
import org.openagention.tools.WorkspaceException;
import org.openagention.tools.process.Git;

/**
 * The {@link Lane#LOCAL} lane over a git repository: the task works in the repository's own
 * working tree, which must have the target branch checked out. Accepting it commits what changed
 * there on the target; giving it up stashes its changes (kept, listed by {@code git stash list}).
 * The orchestrator runs a LOCAL task alone, so what changed is the task's. Thread-safe.
 */
final class LocalLane {
    private final Git git;
    private final Path repo;
    private final String target;
    private final String runKey;

    LocalLane(Git git, Path repo, String target, String runKey) {
        this.git = git;
        this.repo = repo;
        this.target = target;
        this.runKey = runKey;
    }

    /** Whether the repository's working tree has the target branch checked out. */
    boolean targetCheckedOut() {
        Git.Result r = git.run(repo, "symbolic-ref", "--short", "-q", "HEAD");
        return r.ok() && r.out().strip().equals(target);
    }

    Workspace open(Task task) {
        requireTarget(task);
        return Workspace.local(repo);
    }

    /** Commits everything that changed in the working tree on the target; nothing to commit is merged too. */
    MergeResult commit(Task task) {
        requireTarget(task);
        git.check(repo, "add", "-A");
        if (git.run(repo, "diff", "--cached", "--quiet").ok()) {
            return MergeResult.merged(List.of());
        }
        List<String> files = Git.lines(git.check(repo, "diff", "--cached", "--name-only"));
        List<String> args = new ArrayList<>(git.commitOptions(repo));
        args.addAll(List.of("commit", "--no-verify", "-q", "-m", "openagention: task " + task.id() + " (local lane"
                + (runKey.isEmpty() ? "" : ", run " + runKey) + ")"));
        Git.Result r = git.run(repo, args);
        if (!r.ok()) {
            throw new WorkspaceException("cannot commit the work of local task '" + task.id() + "': " + r.describe());
        }
        return MergeResult.merged(files, git.check(repo, "rev-parse", "HEAD"));
    }

    /** Stashes the failed task's changes, untracked files included, so the working tree is clean again. */
    void stash(Task task) {
        if (git.check(repo, "status", "--porcelain").isEmpty()) {
            return;
        }
        List<String> args = new ArrayList<>(git.commitOptions(repo));
        args.addAll(List.of("stash", "push", "--include-untracked", "-q", "-m", "openagention: work of failed task "
                + task.id() + (runKey.isEmpty() ? "" : " (run " + runKey + ")")));
        Git.Result r = git.run(repo, args);
        if (!r.ok()) {
            throw new WorkspaceException("cannot stash the work of failed local task '" + task.id() + "': "
                    + r.describe());
        }
    }

    private void requireTarget(Task task) {
        if (!targetCheckedOut()) {
            Git.Result r = git.run(repo, "symbolic-ref", "--short", "-q", "HEAD");
            throw new WorkspaceException("task '" + task.id() + "' is LOCAL: it works in the repository " + repo
                    + " itself, which must have the target branch '" + target + "' checked out, but it has "
                    + (r.ok() ? "'" + r.out().strip() + "'" : "a detached HEAD") + "; check the target out or give"
                    + " the task the WORKTREE lane");
        }
    }
}
