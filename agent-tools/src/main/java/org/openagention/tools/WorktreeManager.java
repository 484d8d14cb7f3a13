// SPDX-License-Identifier: Apache-2.0
package org.openagention.tools;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.openagention.tools.process.Git;
import org.openagention.tools.internal.WorktreeGit;
import org.openagention.tools.internal.WorktreeRecords;

/**
 * One git worktree per task, each on its own branch {@code openagention/<taskId>}, over a real
 * repository through the {@code git} command line.
 *
 * <p>A worktree is {@link Worktree.State#ACTIVE active} until it is {@link #merge merged} back or
 * {@link #abandon abandoned}. A task has at most one active worktree: {@link #create} for a task
 * that already has one returns it (so a task resumed after a crash finds its work), and a task
 * whose branch survived a crash without its worktree gets the branch checked out again. A task's
 * changes are committed on its branch (message {@code openagention: task <taskId>}) before a
 * merge or an abandon, so nothing is lost. Commits skip the repository's hooks and signing, and
 * use a stand-in identity when the repository has none.
 *
 * <p>Worktrees live under {@code <git-common-dir>/openagention/worktrees/<taskId>} unless another
 * directory is given: hidden from the user's {@code git status}, and deleted with the repository.
 * State is recovered from git itself ({@code git worktree list}, the {@code openagention/*}
 * branches) plus a small state file beside them for what git cannot say (merged, abandoned), so
 * a manager opened after a crash sees what the dead one left, and {@link #cleanupOrphaned}
 * removes it.
 *
 * <pre>{@code
 * WorktreeManager worktrees = WorktreeManager.open(Path.of("/home/me/project"));
 * Workspace ws = worktrees.lazyWorkspace("task-7");   // a worktree only on the first write
 * // ... run the task's agent on ws ...
 * MergeResult result = worktrees.merge("task-7", "main");
 * if (result instanceof MergeResult.Conflict c) {
 *     System.out.println("conflicts in " + c.files());
 * }
 * }</pre>
 *
 * <p>Thread-safe: operations on one manager are serialized. Two managers (or processes) on one
 * repository are not coordinated with each other.
 */
public final class WorktreeManager {
    static final String BRANCH_PREFIX = "openagention/";
    static final String ABANDONED_PREFIX = "openagention-abandoned/";
    private static final Pattern TASK_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,99}");

    private final Path repo;
    private final Path worktreesDir;
    private final Git git;
    private final WorktreeGit ops;
    private final WorktreeRecords records;

    private WorktreeManager(Path repo, Path worktreesDir, Git git, Path stateFile) {
        this.repo = repo;
        this.worktreesDir = worktreesDir;
        this.git = git;
        this.ops = new WorktreeGit(git, repo);
        this.records = new WorktreeRecords(stateFile);
    }

    /**
     * A manager for the repository whose working tree contains {@code repo}.
     *
     * @throws WorkspaceException when git cannot run or {@code repo} is not in a git working tree
     */
    public static WorktreeManager open(Path repo) {
        return open(repo, null, "git");
    }

    /** As {@link #open(Path)}, with the worktrees under {@code worktreesDir}. */
    public static WorktreeManager open(Path repo, Path worktreesDir) {
        return open(repo, Objects.requireNonNull(worktreesDir, "worktreesDir"), "git");
    }

    static WorktreeManager open(Path repo, Path worktreesDir, String gitExecutable) {
        Objects.requireNonNull(repo, "repo");
        if (!Files.isDirectory(repo)) {
            throw new WorkspaceException("repository " + repo + " is not a directory");
        }
        Git git = Git.executable(gitExecutable);
        Git.Result top = git.run(repo, "rev-parse", "--show-toplevel");
        if (!top.ok()) {
            throw new WorkspaceException(repo + " is not inside a git working tree (git says: " + top.err().strip()
                    + "); use Workspace.copy for a directory that is not a repository");
        }
        Path root = Path.of(top.out().strip());
        Path common = root.resolve(git.check(root, "rev-parse", "--git-common-dir")).normalize();
        Path dir = worktreesDir != null ? worktreesDir : common.resolve("openagention/worktrees");
        try {
            Files.createDirectories(dir);
            return new WorktreeManager(root.toRealPath(), dir.toRealPath(), git,
                    common.resolve("openagention/worktrees.properties"));
        } catch (IOException e) {
            throw new WorkspaceException("cannot create the worktrees directory " + dir + ": " + e.getMessage(), e);
        }
    }

    /** The repository's main working tree. */
    public Path repository() {
        return repo;
    }

    /** Creates (or returns) the active worktree of {@code taskId}, branching from {@code HEAD}. */
    public Worktree create(String taskId) {
        return create(taskId, "HEAD");
    }

    /**
     * Creates the active worktree of {@code taskId} on branch {@code openagention/<taskId>} from
     * {@code baseRef}, or returns the task's active worktree if it has one ({@code baseRef} is then
     * ignored).
     *
     * @throws WorkspaceException for a task id that cannot name a branch, an unknown base, or a
     *     failure of git (its message included)
     */
    public synchronized Worktree create(String taskId, String baseRef) {
        checkTaskId(taskId);
        Map<String, Worktree> all = reconciled();
        Worktree existing = all.get(taskId);
        if (existing != null && existing.state() == Worktree.State.ACTIVE) {
            return existing;
        }
        String branch = BRANCH_PREFIX + taskId;
        Path path = worktreesDir.resolve(taskId);
        FileTrees.deleteQuietly(path); // a leftover directory git does not know (a crash mid-create)
        String base;
        if (ops.branchExists(branch)) {
            base = ops.commitOf(branch); // a branch that outlived its worktree: its work continues
            git.check(repo, "worktree", "add", path.toString(), branch);
        } else {
            base = ops.commitOf(baseRef);
            git.check(repo, "worktree", "add", "-b", branch, path.toString(), base);
        }
        Worktree made = new Worktree(taskId, path, branch, Worktree.State.ACTIVE, base);
        all.put(taskId, made);
        records.save(all);
        return made;
    }

    /**
     * A workspace for {@code taskId} that reads the repository in place and creates the task's
     * worktree on its first write; if the task already has an active worktree, a workspace on it.
     */
    public Workspace lazyWorkspace(String taskId) {
        checkTaskId(taskId);
        Optional<Worktree> active = find(taskId).filter(w -> w.state() == Worktree.State.ACTIVE);
        if (active.isPresent()) {
            return active.get().workspace();
        }
        return Workspace.lazy(repo, () -> create(taskId).path());
    }

    /** The worktree record of {@code taskId}, whatever its state. */
    public synchronized Optional<Worktree> find(String taskId) {
        return Optional.ofNullable(reconciled().get(taskId));
    }

    /** Every worktree this repository's managers have recorded or git shows, by task id. */
    public synchronized List<Worktree> list() {
        return List.copyOf(reconciled().values());
    }

    /**
     * Commits everything changed in the task's worktree (untracked files included) on its branch.
     *
     * @return the new commit, or empty when there was nothing to commit
     */
    public synchronized Optional<String> commit(String taskId) {
        return ops.commitAll(active(taskId), "openagention: task " + taskId);
    }

    /** Merges the task's branch into the branch checked out in the repository's main working tree. */
    public MergeResult merge(String taskId) {
        return merge(taskId, ops.currentBranch(repo));
    }

    /**
     * Commits the task's pending changes, then merges its branch into {@code targetBranch} (a
     * merge commit, never a fast-forward, so the task stays visible in history). The merge runs
     * where the target is checked out, or in a temporary worktree when it is checked out nowhere.
     * On success the task's worktree and branch are removed and its state is merged. On
     * conflicts the merge is aborted, the target is left as it was, and the task stays active.
     *
     * @throws WorkspaceException when the task has no active worktree, the target does not exist,
     *     or git refuses for another reason (local changes in the target's working tree that the
     *     merge would overwrite, say), with git's message
     */
    public synchronized MergeResult merge(String taskId, String targetBranch) {
        Worktree w = active(taskId);
        ops.commitAll(w, "openagention: task " + taskId);
        if (!ops.branchExists(targetBranch)) {
            throw new WorkspaceException("cannot merge task '" + taskId + "': target branch '" + targetBranch
                    + "' does not exist");
        }
        MergeResult result = ops.merge(w, targetBranch, worktreesDir);
        if (result instanceof MergeResult.Merged m) {
            ops.removeWorktree(w.path());
            git.check(repo, "branch", "-D", w.branch());
            Map<String, Worktree> all = reconciled();
            all.put(taskId, new Worktree(taskId, w.path(), w.branch(), Worktree.State.MERGED, m.commit()));
            records.save(all);
        }
        return result;
    }

    /**
     * Gives up on the task: commits its pending changes (so they can be inspected), removes the
     * worktree, and renames its branch to {@code openagention-abandoned/<taskId>/<n>}. A later
     * {@link #create} for the task starts afresh.
     *
     * @return the abandoned record
     */
    public synchronized Worktree abandon(String taskId) {
        Worktree w = active(taskId);
        ops.commitAll(w, "openagention: work in progress of abandoned task " + taskId);
        ops.removeWorktree(w.path());
        String renamed = ops.nextAbandonedBranch(ABANDONED_PREFIX + taskId + "/");
        git.check(repo, "branch", "-m", w.branch(), renamed);
        Worktree gone = new Worktree(taskId, w.path(), renamed, Worktree.State.ABANDONED, ops.commitOf(renamed));
        Map<String, Worktree> all = reconciled();
        all.put(taskId, gone);
        records.save(all);
        return gone;
    }

    /**
     * Removes everything of the task: its worktree (uncommitted changes included), its branch,
     * its abandoned branches and its record.
     *
     * @return whether there was anything to remove
     */
    public synchronized boolean discard(String taskId) {
        checkTaskId(taskId);
        Map<String, Worktree> all = reconciled();
        boolean any = ops.removeEverythingOf(taskId, worktreesDir.resolve(taskId), all.get(taskId));
        any |= all.remove(taskId) != null;
        records.save(all);
        return any;
    }

    /**
     * Removes the worktrees, branches and records of every task not in {@code liveTaskIds}: what a
     * crashed process left behind. Also prunes git's records of worktree directories deleted by
     * hand, and deletes directories under the worktrees directory that git does not know.
     *
     * @return the records of the removed tasks (as they were before removal)
     */
    public synchronized List<Worktree> cleanupOrphaned(Set<String> liveTaskIds) {
        Objects.requireNonNull(liveTaskIds, "liveTaskIds");
        git.run(repo, "worktree", "prune");
        Map<String, Worktree> all = reconciled();
        List<Worktree> removed = new ArrayList<>();
        for (String taskId : ops.taskIdsWithBranches(BRANCH_PREFIX, ABANDONED_PREFIX, all.keySet())) {
            if (!liveTaskIds.contains(taskId)) {
                Worktree record = all.remove(taskId);
                ops.removeEverythingOf(taskId, worktreesDir.resolve(taskId), record);
                if (record != null) {
                    removed.add(record);
                }
            }
        }
        ops.deleteUnknownDirectories(worktreesDir);
        records.save(all);
        return removed;
    }

    private Worktree active(String taskId) {
        checkTaskId(taskId);
        Worktree w = reconciled().get(taskId);
        if (w == null || w.state() != Worktree.State.ACTIVE) {
            throw new WorkspaceException("task '" + taskId + "' has no active worktree"
                    + (w == null ? "" : " (it is " + w.state().name().toLowerCase() + ")"));
        }
        return w;
    }

    /** The state file corrected by what git shows: git decides which worktrees are active. */
    private Map<String, Worktree> reconciled() {
        return ops.reconcile(records.load(), BRANCH_PREFIX);
    }

    private static void checkTaskId(String taskId) {
        Objects.requireNonNull(taskId, "taskId");
        if (!TASK_ID.matcher(taskId).matches() || taskId.contains("..") || taskId.endsWith(".lock")
                || taskId.endsWith(".")) {
            throw new WorkspaceException("task id '" + taskId + "' cannot name a branch and a directory: use 1 to 100"
                    + " letters, digits, '.', '_' or '-', starting with a letter or digit, without '..', not ending"
                    + " in '.' or '.lock'");
        }
    }

    @Override
    public String toString() {
        return "WorktreeManager[" + repo + "]";
    }
}
