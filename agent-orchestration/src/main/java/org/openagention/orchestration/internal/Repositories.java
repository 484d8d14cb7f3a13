package org.openagention.orchestration.internal;

import java.nio.file.Path;
import org.openagention.core.ConfigurationException;
import org.openagention.orchestration.TaskWorkspaces;
import org.openagention.tools.WorkspaceException;
import org.openagention.tools.WorktreeManager;

/** The lanes of an orchestrator given a repository: its git worktrees, merged into a target branch. */
public final class Repositories {
    private Repositories() {}

    /**
     * Worktree lanes of the repository containing {@code repo}, merging into {@code targetBranch},
     * or into the branch checked out there when it is null.
     *
     * @throws ConfigurationException when {@code repo} is not in a git working tree, the target
     *     does not exist, or it is null and the repository's HEAD is detached
     */
    public static TaskWorkspaces lanes(Path repo, String targetBranch) {
        try {
            WorktreeManager manager = WorktreeManager.open(repo);
            String target = targetBranch;
            if (target == null) {
                Git.Result r = new Git().run(manager.repository(), "symbolic-ref", "--short", "-q", "HEAD");
                if (!r.ok()) {
                    throw new ConfigurationException("the repository " + manager.repository() + " has a detached HEAD:"
                            + " name the branch to merge into with repository(path, targetBranch)");
                }
                target = r.out().strip();
            }
            return TaskWorkspaces.worktrees(manager, target);
        } catch (WorkspaceException e) {
            throw new ConfigurationException("cannot work on the repository " + repo + ": " + e.getMessage(), e);
        }
    }
}
