// SPDX-License-Identifier: Apache-2.0
package org.openagention.orchestration.internal;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.openagention.orchestration.graph.Lane;
import org.openagention.orchestration.graph.Task;
import org.openagention.orchestration.lanes.TaskWorkspaces;
import org.openagention.tools.MergeResult;
import org.openagention.tools.Workspace;
import org.openagention.tools.WorkspaceException;
import org.openagention.tools.Worktree;
import org.openagention.tools.WorktreeManager;
import org.openagention.tools.process.Git;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Task lanes as git worktrees of one repository, merged into a target branch (see
 * {@link TaskWorkspaces#worktrees}). A task's worktree is named {@code <run key>.<task id>}, so
 * that a resumed run finds its own and two runs never share one; the instance made by the factory
 * (no run) names them by task id alone. {@link Lane#LOCAL} tasks are handled by {@link LocalLane}.
 *
 * <p>Idempotent as the interface requires: {@link #open} returns a task's active worktree (or
 * checks its surviving branch out again), and {@link #merge} of a task already merged (its record
 * says so, or its branch is gone) reports it merged. Thread-safe: the manager serializes git work.
 */
public final class WorktreeWorkspaces implements TaskWorkspaces {
    private static final Logger LOG = LoggerFactory.getLogger(WorktreeWorkspaces.class);
    static final String BRANCH_PREFIX = "openagention/";
    private static final String ABANDONED_PREFIX = "openagention-abandoned/";

    private final WorktreeManager manager;
    private final String target;
    private final String runKey;
    private final Path repo;
    private final Git git = Git.create();
    private final LocalLane local;

    public WorktreeWorkspaces(WorktreeManager manager, String targetBranch) {
        this(manager, targetBranch, "");
        if (!git.run(repo, "rev-parse", "--verify", "--quiet", "refs/heads/" + targetBranch).ok()) {
            throw new WorkspaceException("the target branch '" + targetBranch + "' does not exist in " + repo);
        }
    }

    private WorktreeWorkspaces(WorktreeManager manager, String targetBranch, String runKey) {
        this.manager = Objects.requireNonNull(manager, "manager");
        this.target = Objects.requireNonNull(targetBranch, "targetBranch");
        this.runKey = runKey;
        this.repo = manager.repository();
        this.local = new LocalLane(git, repo, targetBranch, runKey);
    }

    @Override
    public TaskWorkspaces forRun(String runId, Set<String> taskIds) {
        WorktreeWorkspaces view = new WorktreeWorkspaces(manager, target, RunKeys.of(runId));
        view.cleanup(taskIds);
        return view;
    }

    /** The worktree id of a task of this run. */
    String worktreeId(String taskId) {
        return runKey.isEmpty() ? taskId : runKey + "." + taskId;
    }

    /** Removes what this run left half-made; everything of other runs and of {@code taskIds} is kept. */
    private void cleanup(Set<String> taskIds) {
        Set<String> live = new HashSet<>();
        manager.list().forEach(w -> live.add(w.taskId()));
        String refs = git.check(repo, "for-each-ref", "--format=%(refname:short)", "refs/heads/openagention",
                "refs/heads/openagention-abandoned");
        for (String branch : Git.lines(refs)) {
            if (branch.startsWith(BRANCH_PREFIX)) {
                live.add(branch.substring(BRANCH_PREFIX.length()));
            } else if (branch.startsWith(ABANDONED_PREFIX) && branch.lastIndexOf('/') > ABANDONED_PREFIX.length()) {
                live.add(branch.substring(ABANDONED_PREFIX.length(), branch.lastIndexOf('/')));
            }
        }
        live.removeIf(id -> id.startsWith(runKey + "."));
        taskIds.forEach(id -> live.add(worktreeId(id)));
        List<Worktree> removed = manager.cleanupOrphaned(live);
        if (!removed.isEmpty()) {
            LOG.info("Removed leftover worktrees of run {}: {}", runKey, removed);
        }
    }

    @Override
    public Workspace open(Task task) {
        if (task.lane() == Lane.LOCAL) {
            return local.open(task);
        }
        String id = worktreeId(task.id());
        if (task.conflictOf().isPresent()) {
            return resolution(id, worktreeId(task.conflictOf().get()));
        }
        Optional<Worktree> known = manager.find(id).filter(w -> w.state() == Worktree.State.ACTIVE);
        if (known.isPresent()) {
            return known.get().workspace();
        }
        if (!branchExists(BRANCH_PREFIX + id) && local.targetCheckedOut()) {
            return Workspace.lazy(repo, () -> manager.create(id, target).path());
        }
        // Its branch survived a crash (its work continues there), or reads must see the target: a worktree now.
        return manager.create(id, target).workspace();
    }

    /** A conflict's resolution: a worktree of the conflicted task's branch, the target being merged in. */
    private Workspace resolution(String id, String conflicted) {
        Worktree w = manager.find(id).filter(x -> x.state() == Worktree.State.ACTIVE).orElse(null);
        if (w == null) {
            String base = branchExists(BRANCH_PREFIX + conflicted) ? BRANCH_PREFIX + conflicted : target;
            w = manager.create(id, base);
        }
        Path dir = w.path();
        boolean merging = git.run(dir, "rev-parse", "--verify", "--quiet", "MERGE_HEAD").ok();
        boolean hasTarget = git.run(dir, "merge-base", "--is-ancestor", target, "HEAD").ok();
        if (!merging && !hasTarget) {
            List<String> args = new ArrayList<>(git.commitOptions(dir));
            args.addAll(List.of("merge", "--no-ff", "--no-commit", "--no-verify", target));
            Git.Result r = git.run(dir, args);
            if (!r.ok() && !git.run(dir, "rev-parse", "--verify", "--quiet", "MERGE_HEAD").ok()) {
                throw new WorkspaceException("cannot start the resolution of a merge conflict in " + dir + ": "
                        + r.describe());
            }
        }
        return w.workspace();
    }

    @Override
    public MergeResult merge(Task task, Workspace workspace) {
        if (task.lane() == Lane.LOCAL) {
            return local.commit(task);
        }
        String id = worktreeId(task.id());
        Worktree w = manager.find(id).orElse(null);
        if (w == null || w.state() == Worktree.State.MERGED) {
            return MergeResult.merged(List.of()); // it never wrote, or it was merged before a crash
        }
        if (w.state() == Worktree.State.ABANDONED) {
            if (!branchExists(BRANCH_PREFIX + id)) {
                return MergeResult.merged(List.of()); // merged, then the process died before recording it
            }
            manager.create(id, target); // the worktree is gone but its branch is not: check it out again
        }
        if (task.conflictOf().isPresent()) {
            Path dir = manager.find(id).orElseThrow().path();
            List<String> marked = ConflictMarkers.remaining(git, dir, target);
            concludeMerge(dir, task); // with markers too: the next resolution starts from this one's work
            if (!marked.isEmpty()) {
                return MergeResult.conflict(marked, "Git's conflict markers (<<<<<<<, >>>>>>>) are still in these"
                        + " files on branch " + BRANCH_PREFIX + id + "; the next resolution starts from that work.");
            }
        }
        MergeResult result = manager.merge(id, target);
        if (result instanceof MergeResult.Conflict c) {
            return MergeResult.conflict(c.files(), "Its work is on branch " + BRANCH_PREFIX + id + ". The"
                    + " task resolving this starts in a worktree of that branch with the target branch '" + target
                    + "' being merged in: git's conflict markers (<<<<<<<, =======, >>>>>>>) are in the conflicting"
                    + " files; remove them. Git said: " + Texts.firstLine(c.detail()));
        }
        if (task.conflictOf().isPresent()) {
            retireMergedWork();
        }
        return result;
    }

    /**
     * Commits the merge of the target that a resolution worked in, even when the resolved files
     * equal the task's side (a merge commit must record both parents, or the target conflicts again).
     */
    private void concludeMerge(Path dir, Task task) {
        if (!git.run(dir, "rev-parse", "--verify", "--quiet", "MERGE_HEAD").ok()) {
            return;
        }
        git.check(dir, "add", "-A");
        List<String> args = new ArrayList<>(git.commitOptions(dir));
        args.addAll(List.of("commit", "--no-verify", "-q", "-m", "openagention: task " + task.id() + " resolves the"
                + " merge conflict of " + task.conflictOf().orElseThrow() + " with " + target));
        Git.Result r = git.run(dir, args);
        if (!r.ok()) {
            throw new WorkspaceException("cannot commit the resolution of task '" + task.id() + "': " + r.describe());
        }
    }

    /**
     * After a conflict's resolution merged, the conflicted task's work (and that of any earlier
     * resolution of it) is in the target: their worktrees are retired as merged. Only worktrees of
     * this run that are clean and whose branch has commits of its own, all in the target, qualify,
     * so a task at work is never touched.
     */
    private void retireMergedWork() {
        for (Worktree w : manager.list()) {
            if (runKey.isEmpty() || w.state() != Worktree.State.ACTIVE || !w.taskId().startsWith(runKey + ".")) {
                continue;
            }
            try {
                String tip = git.check(repo, "rev-parse", w.branch());
                boolean inTarget = git.run(repo, "merge-base", "--is-ancestor", tip, target).ok();
                if (inTarget && !tip.equals(w.commit()) && git.check(w.path(), "status", "--porcelain").isEmpty()) {
                    manager.merge(w.taskId(), target);
                }
            } catch (RuntimeException e) {
                LOG.warn("Could not retire the worktree of {} after a conflict was resolved; it stays", w.taskId(), e);
            }
        }
    }

    @Override
    public void discard(Task task, Workspace workspace) {
        if (task.lane() == Lane.LOCAL) {
            local.stash(task);
            return;
        }
        String id = worktreeId(task.id());
        if (manager.find(id).map(w -> w.state() == Worktree.State.ACTIVE).orElse(false)) {
            manager.abandon(id);
        }
    }

    private boolean branchExists(String branch) {
        return git.run(repo, "rev-parse", "--verify", "--quiet", "refs/heads/" + branch).ok();
    }

    @Override
    public String toString() {
        return "worktree lanes of " + repo + " into " + target + (runKey.isEmpty() ? "" : " (run " + runKey + ")");
    }
}
