// SPDX-License-Identifier: Apache-2.0
package org.openagention.tools.internal;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.openagention.tools.Checkpoint;
import org.openagention.tools.WorkspaceException;
import org.openagention.tools.process.Git;

/**
 * A git store kept apart from the workspace it snapshots: its own GIT_DIR (and so its own index
 * and objects), the workspace as GIT_WORK_TREE. The workspace's own {@code .git} is never read or
 * written: git does not track paths named {@code .git}. Ignore files are overridden ({@code add
 * -f}), so ignored files are snapshotted too, except under the excluded directory names.
 *
 * <p>Not thread-safe: {@link org.openagention.tools.Checkpoints} serializes calls.
 */
public final class ShadowGit {
    private static final String REF = "refs/openagention/checkpoints";
    private static final String ROOT_TRAILER = "openagention-root: ";
    private static final String AT_TRAILER = "openagention-at: ";

    private final Git git;
    private final Path store;
    private final List<String> excludedDirectories;

    public ShadowGit(String executable, Path store, List<String> excludedDirectories) {
        this.git = Git.executable(executable).withEnv(Map.of("GIT_DIR", store.toString()));
        this.store = store;
        this.excludedDirectories = List.copyOf(excludedDirectories);
    }

    /** Snapshots {@code root} as a new commit on the store's checkpoint chain. */
    public Checkpoint snapshot(Path root, String label, Instant at) {
        Git inTree = init(root);
        stageEverything(inTree, root);
        String tree = inTree.check(root, "write-tree");
        List<String> args = new ArrayList<>(List.of("-c", "user.name=OpenAgention", "-c",
                "user.email=openagention@localhost", "commit-tree", tree));
        tip(inTree, root).ifPresent(parent -> args.addAll(List.of("-p", parent)));
        args.addAll(List.of("-m", label, "-m", ROOT_TRAILER + root + "\n" + AT_TRAILER + at));
        String commit = inTree.run(root, args).orThrow();
        inTree.check(root, "update-ref", REF, commit);
        return new Checkpoint(commit, at, label, root);
    }

    /** Restores {@code root} to {@code checkpoint}: changed files rewritten, new files deleted. */
    public void restore(Path root, Checkpoint checkpoint) {
        Git inTree = init(root);
        if (!inTree.run(root, "cat-file", "-e", checkpoint.id() + "^{commit}").ok()) {
            throw new WorkspaceException("checkpoint " + checkpoint.id() + " is not in the store " + store);
        }
        stageEverything(inTree, root); // the index now lists every current file, so files the checkpoint lacks go
        inTree.check(root, "read-tree", "-u", "--reset", checkpoint.id());
    }

    /** The chain of checkpoints, oldest first; empty before the first snapshot. */
    public List<Checkpoint> list(Path root) {
        List<Checkpoint> out = new ArrayList<>();
        if (!Files.isDirectory(store)) {
            return out;
        }
        Git inTree = git.withEnv(Map.of("GIT_WORK_TREE", root.toString()));
        if (tip(inTree, root).isEmpty()) {
            return out;
        }
        String log = inTree.check(root, "log", "--reverse", "--format=%H%x00%B%x1e", REF);
        for (String entry : log.split("\u001e")) {
            String e = entry.strip();
            int nul = e.indexOf('\0');
            if (nul < 0) {
                continue;
            }
            String id = e.substring(0, nul);
            String label = "";
            Path from = root;
            Instant at = Instant.EPOCH;
            for (String line : e.substring(nul + 1).split("\n")) {
                if (line.startsWith(ROOT_TRAILER)) {
                    from = Path.of(line.substring(ROOT_TRAILER.length()));
                } else if (line.startsWith(AT_TRAILER)) {
                    at = Instant.parse(line.substring(AT_TRAILER.length()).strip());
                } else if (label.isEmpty() && !line.isBlank()) {
                    label = line.strip();
                }
            }
            out.add(new Checkpoint(id, at, label, from));
        }
        return out;
    }

    private Git init(Path root) {
        Git inTree = git.withEnv(Map.of("GIT_WORK_TREE", root.toString()));
        if (!Files.isRegularFile(store.resolve("HEAD"))) {
            try {
                Files.createDirectories(store); // git init makes only the last directory of GIT_DIR
            } catch (java.io.IOException e) {
                throw new WorkspaceException("cannot create the checkpoint store " + store + ": " + e.getMessage(), e);
            }
            inTree.check(root, "init", "-q");
            inTree.check(root, "config", "core.autocrlf", "false");
            inTree.check(root, "config", "core.quotepath", "false");
            inTree.check(root, "config", "gc.auto", "0");
        }
        return inTree;
    }

    private void stageEverything(Git inTree, Path root) {
        List<String> args = new ArrayList<>(List.of("add", "-A", "-f", "--", "."));
        for (String dir : excludedDirectories) {
            args.add(":(exclude,glob)**/" + dir);
            args.add(":(exclude,glob)**/" + dir + "/**");
        }
        inTree.run(root, args).orThrow();
    }

    private static Optional<String> tip(Git inTree, Path root) {
        Git.Result r = inTree.run(root, "rev-parse", "--verify", "--quiet", REF);
        return r.ok() ? Optional.of(r.out().strip()) : Optional.empty();
    }
}
