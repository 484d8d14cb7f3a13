// SPDX-License-Identifier: Apache-2.0
package org.openagention.tools.search;

import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;
import org.openagention.core.ConfigurationException;
import org.openagention.core.tool.Tool;
import org.openagention.tools.Workspace;

/**
 * The {@code glob} and {@code grep} tools, confined to a {@link Workspace}.
 *
 * <p>Each is backed by ripgrep ({@code rg}, run as a process with {@code --json}, killed on
 * cancellation) when it is on the {@code PATH}, and by a pure-Java implementation otherwise
 * (parallel fork/join walk, {@code java.util.regex}). Both honour {@code .gitignore} files (the
 * searched directory's, nested ones, and those of every directory above it; negation, directory
 * and anchored patterns), skip {@code .git}, hidden files and symbolic links, skip binary files
 * (a NUL byte in the first 8 KiB), and produce the same output: one test suite runs on both.
 * A path outside the workspace is refused with a {@code DENIED} result; results name files relative
 * to the workspace.
 *
 * <ul>
 *   <li>{@code grep}: results sorted by path, capped by {@code head_limit} (matching lines or
 *       files) with a note of how many were omitted; modes content, files_with_matches, count;
 *       glob and type filters, case-insensitive flag, context lines.
 *   <li>{@code glob}: files sorted by modification time, newest first (ties by path), capped with
 *       a note.
 * </ul>
 *
 * <pre>{@code
 * Workspace ws = Workspace.local(Path.of("."));
 * List<Tool> search = List.of(SearchTools.glob(ws), SearchTools.grep(ws));
 * }</pre>
 *
 * The tools are read-only and thread-safe.
 */
public final class SearchTools {
    /** Which implementation backs the tools. */
    public enum Backend {
        /** ripgrep when {@code rg} is on the PATH, else Java. */
        AUTO,
        /** ripgrep; creating a tool fails when {@code rg} is not on the PATH. */
        RIPGREP,
        /** The pure-Java implementation. */
        JAVA
    }

    private static final Optional<Path> RG = onPath("rg");

    private SearchTools() {}

    /** The {@code glob} tool on the {@linkplain Backend#AUTO automatic} backend. */
    public static Tool glob(Workspace workspace) {
        return glob(workspace, Backend.AUTO);
    }

    /** The {@code grep} tool on the {@linkplain Backend#AUTO automatic} backend. */
    public static Tool grep(Workspace workspace) {
        return grep(workspace, Backend.AUTO);
    }

    /**
     * The {@code glob} tool on {@code backend}.
     *
     * @throws ConfigurationException when {@code backend} is RIPGREP and rg is not installed
     */
    public static Tool glob(Workspace workspace, Backend backend) {
        return GlobTool.create(Objects.requireNonNull(workspace, "workspace"), searcher(backend));
    }

    /**
     * The {@code grep} tool on {@code backend}.
     *
     * @throws ConfigurationException when {@code backend} is RIPGREP and rg is not installed
     */
    public static Tool grep(Workspace workspace, Backend backend) {
        return GrepTool.create(Objects.requireNonNull(workspace, "workspace"), searcher(backend));
    }

    /** Whether ripgrep ({@code rg}) is on the PATH, so {@link Backend#AUTO} uses it. */
    public static boolean ripgrepAvailable() {
        return RG.isPresent();
    }

    static Searcher searcher(Backend backend) {
        switch (Objects.requireNonNull(backend, "backend")) {
            case JAVA:
                return new JavaSearcher();
            case RIPGREP:
                return new RipgrepSearcher(RG.orElseThrow(() -> new ConfigurationException(
                        "the ripgrep backend was requested but rg is not on the PATH; install ripgrep or use Backend.JAVA")));
            default:
                return RG.<Searcher>map(RipgrepSearcher::new).orElseGet(JavaSearcher::new);
        }
    }

    private static Optional<Path> onPath(String name) {
        String path = System.getenv("PATH");
        if (path == null) {
            return Optional.empty();
        }
        for (String dir : path.split(java.io.File.pathSeparator)) {
            if (!dir.isEmpty()) {
                Path p = Path.of(dir, name);
                if (java.nio.file.Files.isExecutable(p) && !java.nio.file.Files.isDirectory(p)) {
                    return Optional.of(p);
                }
            }
        }
        return Optional.empty();
    }
}
