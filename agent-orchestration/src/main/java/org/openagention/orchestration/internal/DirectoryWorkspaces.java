// SPDX-License-Identifier: Apache-2.0
package org.openagention.orchestration.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.openagention.orchestration.graph.Lane;
import org.openagention.orchestration.graph.Task;
import org.openagention.orchestration.lanes.TaskWorkspaces;
import org.openagention.tools.FileTrees;
import org.openagention.tools.MergeResult;
import org.openagention.tools.Workspace;
import org.openagention.tools.WorkspaceException;

/**
 * Task workspaces as plain directories: {@code root/target} is what tasks merge into; a task that
 * is not {@link Lane#LOCAL} works in {@code root/tasks/<id>}, a copy of the target taken when it
 * is first opened, with a second copy in {@code root/base/<id>} to tell what it changed.
 *
 * <p>Merge is a file-level three-way merge: a file the task changed is copied into the target
 * when the target still has the base version; when the target changed it too (differently), the
 * file conflicts. Non-conflicting files are merged even when others conflict. Both {@code open}
 * and {@code merge} are idempotent. Called by one supervisor thread at a time.
 */
public final class DirectoryWorkspaces implements TaskWorkspaces {
    private final Path root;
    private final Path target;

    public DirectoryWorkspaces(Path root) {
        Objects.requireNonNull(root, "root");
        this.root = root.toAbsolutePath().normalize();
        this.target = this.root.resolve("target");
        try {
            Files.createDirectories(target);
            Files.createDirectories(this.root.resolve("tasks"));
            Files.createDirectories(this.root.resolve("base"));
        } catch (IOException e) {
            throw new WorkspaceException("cannot create the workspace directories under " + this.root + ": "
                    + e.getMessage(), e);
        }
    }

    /** The directory every task merges into. */
    public Path target() {
        return target;
    }

    @Override
    public synchronized Workspace open(Task task) {
        if (task.lane() == Lane.LOCAL) {
            return Workspace.local(target);
        }
        Path dir = root.resolve("tasks").resolve(task.id());
        Path base = root.resolve("base").resolve(task.id());
        try {
            if (Files.isDirectory(dir) && Files.isDirectory(base)) {
                return Workspace.local(dir);
            }
            // A crash may have left half a copy: start again from the target.
            FileTrees.delete(dir);
            FileTrees.delete(base);
            Path dirTmp = dir.resolveSibling(task.id() + ".tmp");
            Path baseTmp = base.resolveSibling(task.id() + ".tmp");
            FileTrees.delete(dirTmp);
            FileTrees.delete(baseTmp);
            FileTrees.copy(target, baseTmp);
            FileTrees.copy(target, dirTmp);
            Files.move(baseTmp, base, StandardCopyOption.ATOMIC_MOVE);
            Files.move(dirTmp, dir, StandardCopyOption.ATOMIC_MOVE);
            return Workspace.local(dir);
        } catch (IOException | UncheckedIOException e) {
            throw new WorkspaceException("cannot create the workspace of task '" + task.id() + "' in " + dir + ": "
                    + e.getMessage(), e);
        }
    }

    @Override
    public synchronized MergeResult merge(Task task, Workspace workspace) {
        if (task.lane() == Lane.LOCAL) {
            return MergeResult.merged(List.of());
        }
        Path dir = workspace.root();
        Path base = root.resolve("base").resolve(task.id());
        List<String> merged = new ArrayList<>();
        List<String> conflicts = new ArrayList<>();
        try {
            TreeSet<String> paths = new TreeSet<>(files(dir));
            paths.addAll(files(base));
            for (String rel : paths) {
                Path mine = dir.resolve(rel);
                Path before = base.resolve(rel);
                Path theirs = target.resolve(rel);
                if (same(mine, before)) {
                    continue;
                }
                merged.add(rel);
                if (same(theirs, mine)) {
                    continue; // already merged (a merge repeated after a crash)
                }
                if (!same(theirs, before)) {
                    conflicts.add(rel);
                    continue;
                }
                if (Files.exists(mine)) {
                    Files.createDirectories(theirs.getParent());
                    Files.copy(mine, theirs, StandardCopyOption.REPLACE_EXISTING);
                } else {
                    Files.deleteIfExists(theirs);
                }
            }
        } catch (IOException e) {
            throw new WorkspaceException("cannot merge task '" + task.id() + "' into " + target + ": " + e.getMessage(), e);
        }
        if (!conflicts.isEmpty()) {
            merged.removeAll(conflicts);
            return MergeResult.conflict(conflicts, "The task's versions are under " + dir + ", the versions it started"
                    + " from under " + base + ", and the target's under " + target + "."
                    + (merged.isEmpty() ? "" : " Its other changes were merged: " + merged + "."));
        }
        return MergeResult.merged(merged);
    }

    @Override
    public void discard(Task task, Workspace workspace) {
        // The directory stays for inspection; nothing is merged from it.
    }

    private static List<String> files(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            return walk.filter(Files::isRegularFile).map(p -> dir.relativize(p).toString().replace('\\', '/')).toList();
        }
    }

    private static boolean same(Path a, Path b) throws IOException {
        boolean ea = Files.isRegularFile(a);
        boolean eb = Files.isRegularFile(b);
        if (ea != eb) {
            return false;
        }
        return !ea || Files.mismatch(a, b) == -1;
    }
}
