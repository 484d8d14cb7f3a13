// SPDX-License-Identifier: Apache-2.0
package org.openagention.tools;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Objects;
import java.util.function.Supplier;
import org.openagention.tools.internal.PathGuard;

/**
 * A root directory and the rules for touching it: every path a tool receives is resolved against
 * the root and refused when it would reach outside.
 *
 * <p>Refused, with a {@link WorkspaceException} that names the path and the rule: NUL and other
 * control characters; {@code ..} that climbs out; absolute paths outside the root; symbolic links
 * (of the file or of any parent directory, dangling or not) that point outside; symbolic link
 * loops; backslashes, drive letters and UNC prefixes; percent-encoded {@code .}, {@code /},
 * {@code \} and NUL (paths are never URL-decoded, so such a path is a mistake or an attack); a
 * leading {@code ~} (never expanded); names over 255 bytes and paths over 4096 characters. For
 * writes, also: any path through {@code .git}, compared case-insensitively and with the Windows
 * aliases ({@code .GIT}, {@code .git.}, {@code GIT~1}, {@code .git::$INDEX_ALLOCATION}) refused too,
 * because on case-insensitive file systems (macOS, Windows) they are the same directory and on
 * others no real project needs them; and existing files with more than one hard link (the other
 * names may lie outside). Paths are checked against the real (symlink-free) root, so a root
 * reached through a symlink works. A path outside the root (by {@code ..}, an absolute path,
 * {@code ~} or a symbolic link out), into {@code .git} or to a hard-linked file is a
 * {@linkplain WorkspaceException#isDenial() denial}; its message names the path as given (a
 * leading root made relative: {@code ROOT/../x} is shown as {@code ../x}) and never where the root
 * or a link's target lies on the host.
 *
 * <p>Three kinds:
 *
 * <ul>
 *   <li>{@link #local} works in place;
 *   <li>{@link #copy} copies a tree (one that is not a git repository) into a new temporary
 *       directory; {@link #close()} deletes the copy, and the caller owns that call;
 *   <li>{@link #lazy} reads from a base directory and makes its isolated root (a git worktree,
 *       say) only on the first {@link #resolveForWrite} or {@link #isolate}; from then on every
 *       path resolves there. A task that only reads never pays for a worktree.
 * </ul>
 *
 * <pre>{@code
 * Workspace ws = Workspace.local(Path.of("/home/me/project"));
 * Path file = ws.resolveForWrite("src/Main.java");
 *
 * Workspace lazy = worktrees.lazyWorkspace("task-7");   // no worktree yet
 * lazy.resolve("README.md");                             // reads the repository itself
 * lazy.resolveForWrite("src/Fix.java");                  // creates the worktree, resolves there
 * }</pre>
 *
 * Thread-safe. Resolution checks the file system as it is at the time of the call; a concurrent
 * process that swaps a directory for a symlink between the check and the use is not defended
 * against.
 */
public final class Workspace implements AutoCloseable {
    private final Path base;
    private final Supplier<Path> isolator;
    private final boolean ownsRoot;
    private volatile Path root;

    private Workspace(Path base, Supplier<Path> isolator, boolean ownsRoot) {
        this.base = base;
        this.root = base;
        this.isolator = isolator;
        this.ownsRoot = ownsRoot;
    }

    /**
     * A workspace that works in place on {@code dir}.
     *
     * @throws WorkspaceException when {@code dir} does not exist or is not a directory
     */
    public static Workspace local(Path dir) {
        return new Workspace(realDirectory(dir), null, false);
    }

    /**
     * A workspace on a fresh copy of {@code dir} in a new temporary directory, for trees that are
     * not git repositories. Symbolic links are copied as links (the confinement rules still
     * refuse those that point outside); file times and permissions are kept where the file
     * system allows. The copy is the caller's: {@link #close()} deletes it.
     *
     * @throws WorkspaceException when {@code dir} is not a directory or the copy fails (a partial
     *     copy is deleted)
     */
    public static Workspace copy(Path dir) {
        Path source = realDirectory(dir);
        Path target;
        try {
            target = Files.createTempDirectory("openagention-copy-");
        } catch (IOException e) {
            throw new WorkspaceException("cannot create a temporary directory to copy " + dir + " into: "
                    + e.getMessage(), e);
        }
        try {
            FileTrees.copy(source, target);
        } catch (IOException | RuntimeException e) {
            FileTrees.deleteQuietly(target);
            throw new WorkspaceException("cannot copy " + source + " to " + target + ": " + e.getMessage(), e);
        }
        return new Workspace(realDirectory(target), null, true);
    }

    /**
     * A workspace that reads from {@code base} until the first write, then calls {@code isolator}
     * once for its own root (which must be a directory holding the same files, typically a fresh
     * git worktree of {@code base}) and resolves every path there from then on. Absolute paths
     * inside {@code base} given after that are moved onto the new root.
     *
     * <p>Reads before the first write see {@code base} as it is, uncommitted changes included; a
     * worktree starts from a commit, so it sees the committed state. If {@code isolator} throws,
     * the write is refused with a {@link WorkspaceException} and the next write tries again.
     */
    public static Workspace lazy(Path base, Supplier<Path> isolator) {
        Objects.requireNonNull(isolator, "isolator");
        return new Workspace(realDirectory(base), isolator, false);
    }

    private static Path realDirectory(Path dir) {
        Objects.requireNonNull(dir, "dir");
        if (!Files.isDirectory(dir)) {
            throw new WorkspaceException("workspace root " + dir + " is not a directory");
        }
        try {
            return dir.toRealPath();
        } catch (IOException e) {
            throw new WorkspaceException("cannot open workspace root " + dir + ": " + e.getMessage(), e);
        }
    }

    /** The root directory, as a real path: the base of a lazy workspace until it is isolated. */
    public Path root() {
        return root;
    }

    /** Whether this workspace has its own root: always for local and copied ones, after the first write for lazy ones. */
    public boolean isIsolated() {
        return isolator == null || root != base;
    }

    /**
     * Makes the isolated root of a lazy workspace now if it does not exist yet, and returns the
     * root. For other workspaces, returns the root.
     *
     * @throws WorkspaceException when the isolator fails
     */
    public Path isolate() {
        if (isIsolated()) {
            return root;
        }
        synchronized (this) {
            if (root == base) {
                Path made;
                try {
                    made = isolator.get();
                } catch (RuntimeException e) {
                    throw new WorkspaceException("cannot create the isolated workspace for the first write: "
                            + e.getMessage(), e);
                }
                if (made == null) {
                    throw new WorkspaceException("the isolator of a lazy workspace returned no directory");
                }
                root = realDirectory(made);
            }
            return root;
        }
    }

    /**
     * Resolves {@code path} (relative to the root, or absolute inside it) for reading.
     *
     * @throws WorkspaceException when the path escapes the workspace or is malformed
     */
    public Path resolve(String path) {
        return check(root, path, false);
    }

    /**
     * Resolves {@code path} for writing: as {@link #resolve}, and also refuses paths through
     * {@code .git} and hard-linked files. A lazy workspace checks the path against its base first
     * (a refused path never creates a worktree), then isolates and resolves in the new root.
     */
    public Path resolveForWrite(String path) {
        if (!isIsolated()) {
            check(base, path, true);
            isolate();
        }
        return check(root, path, true);
    }

    /** The path of {@code file} relative to the root, with forward slashes. */
    public String relativize(Path file) {
        Path abs = file.toAbsolutePath().normalize();
        Path current = root;
        Path from = abs.startsWith(current) || !abs.startsWith(base) ? current : base;
        return from.relativize(abs).toString().replace('\\', '/');
    }

    /** Whether {@code file} (already absolute) lies inside the root, symlinks resolved. */
    public boolean contains(Path file) {
        try {
            Path abs = file.toAbsolutePath().normalize();
            return PathGuard.realPathOfDeepestExisting(abs, abs.toString()).startsWith(root);
        } catch (IOException | WorkspaceException e) {
            return false;
        }
    }

    /**
     * Releases what this workspace owns: a {@link #copy} deletes its copied tree. Local and lazy
     * workspaces own nothing (a lazy workspace's worktree belongs to whoever made it, such as a
     * {@link WorktreeManager}), so for them this does nothing. Idempotent.
     */
    @Override
    public void close() {
        if (ownsRoot) {
            FileTrees.deleteQuietly(root);
        }
    }

    private Path check(Path against, String path, boolean write) {
        Objects.requireNonNull(path, "path");
        Path absolute = PathGuard.lexical(against, rebase(against, path));
        String shown = PathGuard.shown(against, path);
        Path real;
        try {
            real = PathGuard.realPathOfDeepestExisting(absolute, shown);
        } catch (IOException e) {
            throw new WorkspaceException("cannot resolve path '" + shown + "': "
                    + PathGuard.withoutRoot(against, String.valueOf(e.getMessage())), e);
        }
        if (!real.startsWith(against)) {
            String link = escapingLink(against, absolute);
            throw WorkspaceException.denial("path '" + shown + "' is outside the workspace: "
                    + (link == null ? "a symbolic link on it" : "the symbolic link '" + link + "'") + " leads out of it");
        }
        if (write) {
            PathGuard.refuseGitWrite(against, absolute, real, shown);
            PathGuard.refuseHardLinkedWrite(real, shown);
        }
        return real;
    }

    /** The first symbolic link on {@code absolute} that leads out of {@code against}, relative to it, or null. */
    private static String escapingLink(Path against, Path absolute) {
        Path prefix = against;
        for (Path name : against.relativize(absolute)) {
            prefix = prefix.resolve(name);
            if (Files.isSymbolicLink(prefix)) {
                try {
                    if (!PathGuard.realPathOfDeepestExisting(prefix, name.toString()).startsWith(against)) {
                        return against.relativize(prefix).toString();
                    }
                } catch (IOException | WorkspaceException e) {
                    return against.relativize(prefix).toString();
                }
            }
        }
        return null;
    }

    /** An absolute path inside the base of an isolated lazy workspace, moved onto its root. */
    private String rebase(Path against, String path) {
        if (against == base || path.indexOf('\0') >= 0) {
            return path;
        }
        try {
            Path p = Path.of(path);
            if (p.isAbsolute()) {
                p = p.normalize();
                if (!p.startsWith(against) && p.startsWith(base)) {
                    return against.resolve(base.relativize(p)).toString();
                }
            }
        } catch (InvalidPathException e) {
            // PathGuard reports it.
        }
        return path;
    }

    @Override
    public String toString() {
        return isIsolated() ? "Workspace[" + root + "]" : "Workspace[" + base + ", not yet isolated]";
    }
}
