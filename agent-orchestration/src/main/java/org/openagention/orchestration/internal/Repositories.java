// SPDX-License-Identifier: Apache-2.0
package org.openagention.orchestration.internal;

import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.openagention.core.ConfigurationException;
import org.openagention.orchestration.lanes.TaskWorkspaces;
import org.openagention.tools.WorkspaceException;
import org.openagention.tools.WorktreeManager;
import org.openagention.tools.process.Git;

/**
 * The lanes of an orchestrator given a repository: its git worktrees, merged into a target branch.
 * Orchestrators of one JVM share one {@link WorktreeManager} per repository, so that their git
 * work on it is serialized (managers do not coordinate with each other).
 */
public final class Repositories {
    private static final Map<Path, WorktreeManager> MANAGERS = new ConcurrentHashMap<>();

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
            WorktreeManager opened = WorktreeManager.open(repo);
            WorktreeManager manager = MANAGERS.computeIfAbsent(opened.repository(), k -> opened);
            String target = targetBranch;
            if (target == null) {
                Git.Result r = Git.create().run(manager.repository(), "symbolic-ref", "--short", "-q", "HEAD");
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
