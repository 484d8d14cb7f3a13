package org.openagention.tools;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.Objects;

/**
 * A root directory and the rules for touching it: every path a tool receives is resolved against
 * the root and refused when it would reach outside.
 *
 * <p>Refused, with a {@link WorkspaceException} that names the path and the rule: NUL bytes,
 * {@code ..} that climbs out, absolute paths outside the root, symbolic links (of the file or of
 * any parent directory) that point outside, and, for writes, any path through a {@code .git}
 * directory. Paths are checked against the real (symlink-free) root, so a root reached through a
 * symlink works.
 *
 * <pre>{@code
 * Workspace ws = Workspace.local(Path.of("/home/me/project"));
 * Path file = ws.resolveForWrite("src/Main.java");
 * }</pre>
 *
 * Immutable and thread-safe. Resolution checks the file system as it is at the time of the call.
 */
public final class Workspace {
    private final Path root;

    private Workspace(Path root) {
        this.root = root;
    }

    /**
     * A workspace that works in place on {@code dir}.
     *
     * @throws WorkspaceException when {@code dir} does not exist or is not a directory
     */
    public static Workspace local(Path dir) {
        Objects.requireNonNull(dir, "dir");
        if (!Files.isDirectory(dir)) {
            throw new WorkspaceException("workspace root " + dir + " is not a directory");
        }
        try {
            return new Workspace(dir.toRealPath());
        } catch (IOException e) {
            throw new WorkspaceException("cannot open workspace root " + dir + ": " + e.getMessage(), e);
        }
    }

    /** The root directory, as a real path. */
    public Path root() {
        return root;
    }

    /**
     * Resolves {@code path} (relative to the root, or absolute inside it) for reading.
     *
     * @throws WorkspaceException when the path escapes the workspace or is malformed
     */
    public Path resolve(String path) {
        return check(path, false);
    }

    /**
     * Resolves {@code path} for writing: as {@link #resolve}, and also refuses paths through
     * {@code .git}.
     */
    public Path resolveForWrite(String path) {
        return check(path, true);
    }

    /** The path of {@code file} relative to the root, with forward slashes. */
    public String relativize(Path file) {
        Path rel = root.relativize(file.toAbsolutePath().normalize());
        return rel.toString().replace('\\', '/');
    }

    /** Whether {@code file} (already absolute) lies inside the root, symlinks resolved. */
    public boolean contains(Path file) {
        try {
            return realPathOfDeepestExisting(file.toAbsolutePath().normalize()).startsWith(root);
        } catch (IOException e) {
            return false;
        }
    }

    private Path check(String path, boolean write) {
        Objects.requireNonNull(path, "path");
        if (path.indexOf('\0') >= 0) {
            throw new WorkspaceException("path contains a NUL byte: refused");
        }
        if (path.isBlank()) {
            throw new WorkspaceException("path is empty");
        }
        Path p;
        try {
            p = Path.of(path);
        } catch (InvalidPathException e) {
            throw new WorkspaceException("path '" + path + "' is not a valid path: " + e.getReason());
        }
        Path absolute = (p.isAbsolute() ? p : root.resolve(p)).normalize();
        if (!absolute.startsWith(root)) {
            throw new WorkspaceException("path '" + path + "' is outside the workspace " + root);
        }
        Path real;
        try {
            real = realPathOfDeepestExisting(absolute);
        } catch (IOException e) {
            throw new WorkspaceException("cannot resolve path '" + path + "': " + e.getMessage(), e);
        }
        if (!real.startsWith(root)) {
            throw new WorkspaceException("path '" + path + "' leads outside the workspace through a symbolic link (to "
                    + real + ")");
        }
        if (write) {
            for (Path part : root.relativize(real)) {
                if (part.toString().equals(".git")) {
                    throw new WorkspaceException("path '" + path + "' is inside .git: writes there are refused");
                }
            }
        }
        return real;
    }

    /**
     * The real path of {@code absolute}: symlinks of the longest existing prefix resolved, the
     * missing rest appended. A dangling symlink is followed through its target.
     */
    private static Path realPathOfDeepestExisting(Path absolute) throws IOException {
        Path existing = absolute;
        Path rest = null;
        int hops = 0;
        while (existing != null && !Files.exists(existing, LinkOption.NOFOLLOW_LINKS)) {
            Path name = existing.getFileName();
            rest = rest == null ? name : name.resolve(rest);
            existing = existing.getParent();
        }
        if (existing == null) {
            return absolute;
        }
        Path real;
        if (Files.isSymbolicLink(existing) && !Files.exists(existing)) {
            // A dangling link: where it points is where a write would land.
            Path target = existing;
            while (Files.isSymbolicLink(target) && hops++ < 40) {
                Path link = Files.readSymbolicLink(target);
                target = target.resolveSibling(link).normalize();
            }
            real = realPathOfDeepestExisting(target);
        } else {
            real = existing.toRealPath();
        }
        return rest == null ? real : real.resolve(rest).normalize();
    }

    @Override
    public String toString() {
        return "Workspace[" + root + "]";
    }
}
