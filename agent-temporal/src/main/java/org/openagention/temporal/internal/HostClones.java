// SPDX-License-Identifier: Apache-2.0
package org.openagention.temporal.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.openagention.tools.FileTrees;
import org.openagention.tools.WorkspaceException;
import org.openagention.tools.process.Git;

/**
 * The git side of one host: a clone of the shared remote per task it holds, under its own
 * directory ({@code <dir>/<run>/<task>}), and one integration clone per run for merges. Paths stay
 * on this host: the workflow knows a task by its workspace key ({@code <run>/<task>}) and its
 * branch, never by a directory.
 *
 * <p>A task's clone starts from the task's branch when the remote has it (the work an earlier
 * host pushed: a task continues from its last pushed state), else from the target branch; a
 * conflict resolution starts from the conflicted task's branch with the target merged in, git's
 * markers in the conflicting files. {@link #push} commits everything and pushes the task's branch.
 * Thread-safe per workspace key (one attempt at a task runs at a time).
 */
public final class HostClones {
    private final Path dir;
    private final String remote;
    private final Git git;
    private final Map<String, Object> locks = new ConcurrentHashMap<>();

    /** Clones under {@code dir} of {@code remote}, or (null) of each graph's own remote. */
    public HostClones(Path dir, String remote) {
        this.dir = dir.toAbsolutePath().normalize();
        this.remote = remote;
        this.git = Git.create();
        try {
            Files.createDirectories(this.dir);
        } catch (IOException e) {
            throw new WorkspaceException("cannot create the host's workspace directory " + dir + ": " + e.getMessage(), e);
        }
    }

    /** The branch a task's work is pushed to. */
    public static String branch(String workspace) {
        return "openagention/" + workspace.replace('/', '.');
    }

    /** The clone of {@code workspace} on this host; it must have been opened here. */
    public Path clone(String workspace) {
        Path d = dirOf(workspace);
        if (!Files.isDirectory(d.resolve(".git"))) {
            throw new WorkspaceException("this host holds no workspace '" + workspace + "' (it was opened on another"
                    + " host, or discarded)");
        }
        return d;
    }

    private Path dirOf(String workspace) {
        if (!workspace.matches("[A-Za-z0-9._-]+/[A-Za-z0-9._-]+") || workspace.contains("..")) {
            throw new IllegalArgumentException("not a workspace key (<run>/<task>): '" + workspace + "'");
        }
        return dir.resolve(workspace);
    }

    /**
     * Opens the task's clone (idempotent): from its pushed branch, else from {@code target}, or,
     * for a resolution ({@code conflictOf} not null), from that workspace's branch with the
     * target merged in. Returns how it started.
     */
    public String open(String workspace, String target, String conflictOf, String graphRemote) {
        String remote = remoteFor(graphRemote);
        synchronized (lock(workspace)) {
            Path d = dirOf(workspace);
            if (Files.isDirectory(d.resolve(".git"))) {
                return "reopened";
            }
            FileTrees.deleteQuietly(d); // a clone cut off half-made
            try {
                Files.createDirectories(d.getParent());
            } catch (IOException e) {
                throw new WorkspaceException("cannot create " + d.getParent() + ": " + e.getMessage(), e);
            }
            git.check(d.getParent(), "clone", "-q", remote, d.getFileName().toString());
            String branch = branch(workspace);
            if (hasRemoteBranch(d, branch)) {
                git.check(d, "checkout", "-q", "-B", branch, "origin/" + branch);
                return "continued from the pushed branch " + branch;
            }
            if (conflictOf != null) {
                git.check(d, "checkout", "-q", "-B", branch, "origin/" + branch(conflictOf));
                List<String> merge = new ArrayList<>(git.commitOptions(d));
                merge.addAll(List.of("merge", "--no-ff", "--no-commit", "origin/" + target));
                git.run(d, merge); // conflicts expected: the markers are the resolution's work
                return "started from " + branch(conflictOf) + " with " + target + " merged in";
            }
            git.check(d, "checkout", "-q", "-B", branch, "origin/" + target);
            return "started from " + target;
        }
    }

    private boolean hasRemoteBranch(Path d, String branch) {
        return !git.check(d, "ls-remote", "--heads", "origin", branch).isBlank();
    }

    /** Commits whatever changed in the task's clone and pushes its branch; the pushed commit. */
    public String push(String workspace, String message) {
        synchronized (lock(workspace)) {
            Path d = clone(workspace);
            git.check(d, "add", "-A");
            boolean merging = Files.exists(d.resolve(".git/MERGE_HEAD"));
            if (merging || !git.check(d, "status", "--porcelain").isBlank()) {
                List<String> commit = new ArrayList<>(git.commitOptions(d));
                commit.addAll(List.of("commit", "-q", "--no-verify", "-m", message));
                git.check(d, commit);
            }
            git.check(d, "push", "-q", "-f", "origin", "HEAD:refs/heads/" + branch(workspace));
            return git.check(d, "rev-parse", "HEAD");
        }
    }

    /** Removes the task's clone from this host (its pushed branch stays on the remote). */
    public void discard(String workspace) {
        synchronized (lock(workspace)) {
            FileTrees.deleteQuietly(dirOf(workspace));
        }
    }

    /**
     * Merges the task's pushed branch into {@code target} in this host's integration clone of the
     * run and pushes the target: the merged files and the target's new head, or the conflicting
     * files (the merge aborted, the target as it was). A resolution whose files still hold
     * conflict markers is reported as a conflict again.
     */
    public MergeData merge(String run, String workspace, String target, boolean resolution, String graphRemote) {
        String remote = remoteFor(graphRemote);
        String key = run + "/_integration";
        synchronized (lock(key)) {
            Path d = dirOf(key);
            if (!Files.isDirectory(d.resolve(".git"))) {
                FileTrees.deleteQuietly(d);
                try {
                    Files.createDirectories(d.getParent());
                } catch (IOException e) {
                    throw new WorkspaceException("cannot create " + d.getParent() + ": " + e.getMessage(), e);
                }
                git.check(d.getParent(), "clone", "-q", remote, d.getFileName().toString());
            }
            git.check(d, "fetch", "-q", "origin");
            git.run(d, "merge", "--abort");
            git.check(d, "checkout", "-q", "-f", "-B", target, "origin/" + target);
            String source = "origin/" + branch(workspace);
            if (resolution) {
                List<String> marked = Git.lines(git.run(d, "grep", "-l", "-E", "^(<<<<<<<|>>>>>>>) ", source).out());
                if (!marked.isEmpty()) {
                    List<String> files = marked.stream().map(f -> f.substring(f.indexOf(':') + 1)).toList();
                    return new MergeData(false, files, "", "conflict markers remain in " + files);
                }
            }
            String before = git.check(d, "rev-parse", "HEAD");
            List<String> merge = new ArrayList<>(git.commitOptions(d));
            merge.addAll(List.of("merge", "-q", "--no-ff", "-m", "Merge " + branch(workspace) + " into " + target, source));
            Git.Result r = git.run(d, merge);
            if (!r.ok()) {
                List<String> files = Git.lines(git.run(d, "diff", "--name-only", "--diff-filter=U").out());
                git.run(d, "merge", "--abort");
                if (files.isEmpty()) {
                    throw new WorkspaceException(r.describe());
                }
                return new MergeData(false, files, "", "merging " + branch(workspace) + " into " + target
                        + " conflicts in " + files + "; the task's work is on branch " + branch(workspace));
            }
            String head = git.check(d, "rev-parse", "HEAD");
            List<String> files = head.equals(before) ? List.of()
                    : Git.lines(git.check(d, "diff", "--name-only", before, head));
            git.check(d, "push", "-q", "origin", target);
            return new MergeData(true, files, head, "");
        }
    }

    /**
     * The remote to clone: this host's, or the graph's when the host was given none. When both
     * are given they must name the same remote (trailing slashes aside): a host must not push one
     * graph's work to another repository.
     *
     * @throws WorkspaceException when neither is given, or they differ
     */
    String remoteFor(String graphRemote) {
        if (remote == null) {
            if (graphRemote == null) {
                throw new WorkspaceException("this host was given no git remote and the graph names none: start the"
                        + " host with a remote, or submit the graph with one (GraphOptions.Builder#remote)");
            }
            return graphRemote;
        }
        if (graphRemote != null && !trimmed(graphRemote).equals(trimmed(remote))) {
            throw new WorkspaceException("this host clones " + remote + ", but the graph's remote is " + graphRemote
                    + ": start the host with the graph's remote, or with none to take the graph's");
        }
        return remote;
    }

    private static String trimmed(String url) {
        return url.strip().replaceAll("/+$", "");
    }

    private Object lock(String key) {
        return locks.computeIfAbsent(key, k -> new Object());
    }

    /** A merge's outcome as data (it crosses from the integrating host to the workflow). */
    public record MergeData(boolean merged, List<String> files, String commit, String detail) {}
}
