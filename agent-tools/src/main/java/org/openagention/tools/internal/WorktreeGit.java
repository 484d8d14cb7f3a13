// SPDX-License-Identifier: Apache-2.0
package org.openagention.tools.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.openagention.tools.FileTrees;
import org.openagention.tools.MergeResult;
import org.openagention.tools.Worktree;
import org.openagention.tools.WorkspaceException;
import org.openagention.tools.process.Git;

/**
 * The git commands behind {@link org.openagention.tools.WorktreeManager}: worktree listing,
 * commits, merges with conflicts turned into data, removal. Not thread-safe; the manager
 * serializes calls.
 */
public final class WorktreeGit {
    /** One entry of {@code git worktree list --porcelain}. */
    record Entry(Path path, String branch, boolean prunable) {}

    private final Git git;
    private final Path repo;

    public WorktreeGit(Git git, Path repo) {
        this.git = git;
        this.repo = repo;
    }

    public boolean branchExists(String branch) {
        return git.run(repo, "rev-parse", "--verify", "--quiet", "refs/heads/" + branch).ok();
    }

    /** The commit {@code ref} names, or an error saying it names none. */
    public String commitOf(String ref) {
        Git.Result r = git.run(repo, "rev-parse", "--verify", "--quiet", ref + "^{commit}");
        if (!r.ok()) {
            throw new WorkspaceException("'" + ref + "' does not name a commit in " + repo);
        }
        return r.out().strip();
    }

    public String currentBranch(Path dir) {
        Git.Result r = git.run(dir, "symbolic-ref", "--short", "-q", "HEAD");
        if (!r.ok()) {
            throw new WorkspaceException("HEAD is detached in " + dir + ": name the branch to merge into");
        }
        return r.out().strip();
    }

    /** Stages everything in the worktree and commits it; empty when there was nothing to commit. */
    public Optional<String> commitAll(Worktree w, String message) {
        git.check(w.path(), "add", "-A");
        if (git.run(w.path(), "diff", "--cached", "--quiet").ok()) {
            return Optional.empty();
        }
        List<String> args = new ArrayList<>(git.commitOptions(w.path()));
        args.addAll(List.of("commit", "--no-verify", "-q", "-m", message));
        git.run(w.path(), args).orThrow();
        return Optional.of(git.check(w.path(), "rev-parse", "HEAD"));
    }

    /** Merges the worktree's branch into {@code target}, aborting on conflicts. */
    public MergeResult merge(Worktree w, String target, Path scratchDir) {
        Path where = entries().stream().filter(e -> ("refs/heads/" + target).equals(e.branch()) && !e.prunable())
                .map(Entry::path).findFirst().orElse(null);
        Path temporary = null;
        if (where == null) {
            temporary = scratchDir.resolve(".merge-" + w.taskId());
            FileTrees.deleteQuietly(temporary);
            git.check(repo, "worktree", "add", temporary.toString(), target);
            where = temporary;
        }
        try {
            String before = git.check(where, "rev-parse", "HEAD");
            List<String> args = new ArrayList<>(git.commitOptions(where));
            args.addAll(List.of("merge", "--no-ff", "--no-verify", "--no-edit", "-m",
                    "Merge task " + w.taskId() + " (" + w.branch() + ")", w.branch()));
            Git.Result r = git.run(where, args);
            if (r.ok()) {
                String after = git.check(where, "rev-parse", "HEAD");
                return MergeResult.merged(Git.lines(git.check(where, "diff", "--name-only", before, after)), after);
            }
            List<String> conflicts = Git.lines(git.run(where, "diff", "--name-only", "--diff-filter=U").out());
            git.run(where, "merge", "--abort");
            if (conflicts.isEmpty()) {
                throw new WorkspaceException("cannot merge task '" + w.taskId() + "' into '" + target + "' at " + where
                        + ": " + r.describe());
            }
            return MergeResult.conflict(conflicts, (r.out() + r.err()).strip());
        } finally {
            if (temporary != null) {
                removeWorktree(temporary);
            }
        }
    }

    /** Removes a worktree, modified or not; a directory already gone is pruned. */
    public void removeWorktree(Path path) {
        if (!git.run(repo, "worktree", "remove", "--force", "--force", path.toString()).ok()) {
            FileTrees.deleteQuietly(path);
            git.run(repo, "worktree", "prune");
        }
    }

    /** The first free branch name {@code prefix<n>}, n from 1. */
    public String nextAbandonedBranch(String prefix) {
        int n = 1;
        while (branchExists(prefix + n)) {
            n++;
        }
        return prefix + n;
    }

    /** Removes the task's worktree, branch and abandoned branches; whether anything was there. */
    public boolean removeEverythingOf(String taskId, Path defaultPath, Worktree record) {
        boolean any = false;
        String branch = "openagention/" + taskId;
        for (Entry e : entries()) {
            if (("refs/heads/" + branch).equals(e.branch())) {
                removeWorktree(e.path());
                any = true;
            }
        }
        if (Files.exists(defaultPath)) {
            FileTrees.deleteQuietly(defaultPath);
            any = true;
        }
        List<String> branches = new ArrayList<>(refs("refs/heads/openagention-abandoned/" + taskId));
        branches.add(branch);
        if (record != null) {
            branches.add(record.branch());
        }
        for (String b : new TreeSet<>(branches)) {
            if (branchExists(b)) {
                git.check(repo, "branch", "-D", b);
                any = true;
            }
        }
        return any;
    }

    /** Task ids that have a record or an {@code openagention} branch of either kind. */
    public Set<String> taskIdsWithBranches(String prefix, String abandonedPrefix, Collection<String> recorded) {
        Set<String> ids = new TreeSet<>(recorded);
        for (String b : refs("refs/heads/" + prefix.substring(0, prefix.length() - 1))) {
            ids.add(b.substring(prefix.length()));
        }
        for (String b : refs("refs/heads/" + abandonedPrefix.substring(0, abandonedPrefix.length() - 1))) {
            String rest = b.substring(abandonedPrefix.length());
            ids.add(rest.contains("/") ? rest.substring(0, rest.lastIndexOf('/')) : rest);
        }
        return ids;
    }

    /** Deletes directories under {@code dir} that are not registered git worktrees. */
    public void deleteUnknownDirectories(Path dir) {
        Set<Path> registered = new TreeSet<>();
        entries().forEach(e -> registered.add(e.path()));
        try (Stream<Path> children = Files.list(dir)) {
            for (Path child : (Iterable<Path>) children::iterator) {
                if (!registered.contains(child.toRealPath()) && Files.isDirectory(child)) {
                    FileTrees.deleteQuietly(child);
                }
            }
        } catch (IOException e) {
            throw new WorkspaceException("cannot list the worktrees directory " + dir + ": " + e.getMessage(), e);
        }
    }

    /** The recorded state, corrected by git: a task is active exactly when git has its worktree. */
    public Map<String, Worktree> reconcile(Map<String, Worktree> recorded, String prefix) {
        Map<String, Worktree> out = new TreeMap<>(recorded);
        Set<String> activeInGit = new TreeSet<>();
        for (Entry e : entries()) {
            if (e.branch() == null || e.prunable() || !e.branch().startsWith("refs/heads/" + prefix)) {
                continue;
            }
            String id = e.branch().substring(("refs/heads/" + prefix).length());
            activeInGit.add(id);
            Worktree known = out.get(id);
            if (known == null || known.state() != Worktree.State.ACTIVE || !known.path().equals(e.path())) {
                String branch = e.branch().substring("refs/heads/".length());
                out.put(id, new Worktree(id, e.path(), branch, Worktree.State.ACTIVE, commitOf(branch)));
            }
        }
        for (Worktree w : List.copyOf(out.values())) {
            if (w.state() == Worktree.State.ACTIVE && !activeInGit.contains(w.taskId())) {
                // Its directory is gone (a crash, or removed by hand): whatever was committed stays on the branch.
                String tip = branchExists(w.branch()) ? commitOf(w.branch()) : w.commit();
                out.put(w.taskId(), new Worktree(w.taskId(), w.path(), w.branch(), Worktree.State.ABANDONED, tip));
            }
        }
        return out;
    }

    private List<Entry> entries() {
        List<Entry> out = new ArrayList<>();
        Path path = null;
        String branch = null;
        boolean prunable = false;
        for (String line : (git.check(repo, "worktree", "list", "--porcelain") + "\n").split("\n", -1)) {
            if (line.startsWith("worktree ")) {
                path = Path.of(line.substring("worktree ".length()));
            } else if (line.startsWith("branch ")) {
                branch = line.substring("branch ".length());
            } else if (line.startsWith("prunable")) {
                prunable = true;
            } else if (line.isEmpty() && path != null) {
                out.add(new Entry(path, branch, prunable));
                path = null;
                branch = null;
                prunable = false;
            }
        }
        return out;
    }

    private List<String> refs(String pattern) {
        List<String> out = new ArrayList<>();
        for (String ref : Git.lines(git.check(repo, "for-each-ref", "--format=%(refname)", pattern))) {
            out.add(ref.substring("refs/heads/".length()));
        }
        return out;
    }
}
