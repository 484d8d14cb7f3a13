// SPDX-License-Identifier: Apache-2.0
package org.openagention.tools;

import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;

/**
 * Copies and deletes directory trees without following symbolic links: the one implementation
 * behind {@link Workspace#copy}, the orchestrator's directory lanes and the examples.
 *
 * <pre>{@code
 * FileTrees.copy(project, scratch);   // scratch now holds the same files, links as links
 * FileTrees.delete(scratch);
 * }</pre>
 *
 * Stateless and thread-safe; concurrent changes to the trees are not guarded against.
 */
public final class FileTrees {
    private FileTrees() {}

    /**
     * Copies the contents of {@code source} into {@code target} (created, with its parents, when
     * missing). Symbolic links are copied as links; file times and POSIX permissions are kept
     * where the file system allows.
     *
     * @throws IOException when a file cannot be read or written, or a target file already exists
     */
    public static void copy(Path source, Path target) throws IOException {
        Files.createDirectories(target);
        Files.walkFileTree(source, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) throws IOException {
                if (!dir.equals(source)) {
                    Files.createDirectory(target.resolve(source.relativize(dir).toString()));
                }
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path dir, IOException e) throws IOException {
                if (e != null) {
                    throw e;
                }
                // Attributes last, so a read-only directory is filled before it becomes read-only.
                Path to = target.resolve(source.relativize(dir).toString());
                try {
                    Files.setPosixFilePermissions(to, Files.getPosixFilePermissions(dir));
                } catch (UnsupportedOperationException notPosix) {
                    // Windows: permissions are not copied.
                }
                Files.setLastModifiedTime(to, Files.getLastModifiedTime(dir));
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                Path to = target.resolve(source.relativize(file).toString());
                Files.copy(file, to, StandardCopyOption.COPY_ATTRIBUTES, LinkOption.NOFOLLOW_LINKS);
                return FileVisitResult.CONTINUE;
            }
        });
    }

    /** Deletes {@code root} and everything under it, never following links; missing is fine. */
    public static void delete(Path root) throws IOException {
        if (!Files.exists(root, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        Files.walkFileTree(root, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                Files.delete(file);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFileFailed(Path file, IOException e) throws IOException {
                Files.deleteIfExists(file);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path dir, IOException e) throws IOException {
                Files.delete(dir);
                return FileVisitResult.CONTINUE;
            }
        });
    }

    /** As {@link #delete}, ignoring failures (cleanup after another error). */
    public static void deleteQuietly(Path root) {
        try {
            delete(root);
        } catch (IOException e) {
            // Best effort: the caller is already reporting a failure or tidying up.
        }
    }
}
