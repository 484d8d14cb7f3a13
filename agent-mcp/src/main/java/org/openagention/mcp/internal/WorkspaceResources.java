// SPDX-License-Identifier: Apache-2.0
package org.openagention.mcp.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.ClosedWatchServiceException;
import java.nio.file.FileSystems;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchEvent;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import org.openagention.mcp.McpResource;
import org.openagention.mcp.McpResourceContents;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A workspace's files as read-only MCP resources: the files (up to {@link #MAX_LISTED}, skipping
 * build and VCS directories) listed with {@code file:} URIs, a template {@code file:///ROOT/{+path}}
 * for every file below the root, completion of paths, and a watcher that reports changed files.
 * Reads are confined to the root (symbolic links out of it and {@code ..} are refused) and capped
 * at {@link #MAX_BYTES}; UTF-8 text is served as text, anything else as base64.
 */
public final class WorkspaceResources {
    private static final Logger log = LoggerFactory.getLogger(WorkspaceResources.class);
    static final int MAX_LISTED = 500;
    static final long MAX_BYTES = 8L * 1024 * 1024;
    private static final int MAX_WATCHED_DIRS = 4096;
    private static final Set<String> SKIPPED = Set.of(".git", "node_modules", "target", "build", ".gradle", ".idea", ".venv");

    private WorkspaceResources() {}

    /** The resources of {@code root}: listed files, then the template. */
    public static List<McpResource> of(Path root) {
        Path real = real(root);
        String base = real.toUri().toString();
        List<McpResource> resources = new ArrayList<>();
        for (Path file : files(real, MAX_LISTED)) {
            String rel = real.relativize(file).toString().replace('\\', '/');
            resources.add(McpResource.fixed(file.toUri().toString(), rel, "Workspace file " + rel, mimeType(file),
                    uri -> List.of(read(real, uri))));
        }
        resources.add(McpResource.template(base + "{+path}", "workspace-file",
                "Any file of the workspace " + real + " (read-only), by its path relative to the root", "application/octet-stream",
                uri -> List.of(read(real, uri)))
                .withCompleter((variable, prefix) -> files(real, 10_000).stream()
                        .map(f -> real.relativize(f).toString().replace('\\', '/'))
                        .filter(p -> p.startsWith(prefix)).limit(100).toList()));
        return resources;
    }

    static McpResourceContents read(Path root, String uri) throws IOException {
        Path file;
        try {
            file = Path.of(URI.create(uri)).normalize();
        } catch (IllegalArgumentException | java.nio.file.FileSystemNotFoundException e) {
            throw new IOException("not a file URI: " + uri);
        }
        if (!file.startsWith(root) || !Files.exists(file)) {
            throw new IOException("no such file in the workspace " + root);
        }
        Path real = file.toRealPath();
        if (!real.startsWith(root)) {
            throw new IOException("the path leads out of the workspace " + root);
        }
        if (!Files.isRegularFile(real)) {
            throw new IOException("not a regular file");
        }
        long size = Files.size(real);
        if (size > MAX_BYTES) {
            throw new IOException("the file has " + size + " bytes, more than the " + MAX_BYTES + " served");
        }
        byte[] bytes = Files.readAllBytes(real);
        String mime = mimeType(real);
        try {
            String text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
            if (text.indexOf('\0') < 0) {
                return McpResourceContents.text(uri, mime.startsWith("text/") || mime.contains("json") || mime.contains("xml")
                        ? mime : "text/plain", text);
            }
        } catch (CharacterCodingException binary) {
            // served as base64 below
        }
        return McpResourceContents.blob(uri, mime, Base64.getEncoder().encodeToString(bytes));
    }

    static String mimeType(Path file) {
        try {
            String probed = Files.probeContentType(file);
            if (probed != null) {
                return probed;
            }
        } catch (IOException e) {
            // fall through to the default
        }
        return "text/plain";
    }

    private static Path real(Path root) {
        try {
            return root.toRealPath();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot serve the workspace " + root + ": " + e.getMessage(), e);
        }
    }

    private static List<Path> files(Path root, int max) {
        List<Path> found = new ArrayList<>();
        try {
            Files.walkFileTree(root, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
                    return !dir.equals(root) && SKIPPED.contains(dir.getFileName().toString()) ? FileVisitResult.SKIP_SUBTREE
                            : FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                    if (attrs.isRegularFile()) {
                        found.add(file);
                    }
                    return found.size() >= max ? FileVisitResult.TERMINATE : FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFileFailed(Path file, IOException exc) {
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            log.debug("cannot list {}: {}", root, e.toString());
        }
        found.sort(null);
        return found;
    }

    /**
     * Watches {@code root} and tells {@code changed} the {@code file:} URI of each file created,
     * modified or deleted, until closed. Watching is best-effort: it starts in the background,
     * and directories past {@link #MAX_WATCHED_DIRS} are not watched.
     */
    public static AutoCloseable watch(Path root, Consumer<String> changed) {
        Path real = real(root);
        WatchService service;
        try {
            service = FileSystems.getDefault().newWatchService();
        } catch (IOException e) {
            log.warn("cannot watch {} for changes: {}", real, e.toString());
            return () -> { };
        }
        Map<WatchKey, Path> dirs = new HashMap<>();
        Thread thread = new Thread(() -> {
            register(real, service, dirs); // here, not on the caller's thread: a big tree must not slow the server's start
            try {
                while (true) {
                    WatchKey key = service.take();
                    Path dir = dirs.get(key);
                    for (WatchEvent<?> event : key.pollEvents()) {
                        if (dir != null && event.context() instanceof Path name) {
                            Path file = dir.resolve(name);
                            if (event.kind() == StandardWatchEventKinds.ENTRY_CREATE && Files.isDirectory(file)) {
                                register(file, service, dirs);
                            }
                            try {
                                changed.accept(file.toUri().toString());
                            } catch (RuntimeException e) {
                                log.debug("a change listener threw", e);
                            }
                        }
                    }
                    if (!key.reset()) {
                        dirs.remove(key);
                    }
                }
            } catch (InterruptedException | ClosedWatchServiceException stop) {
                // closed
            }
        }, "mcp-workspace-watch");
        thread.setDaemon(true);
        thread.start();
        return () -> {
            service.close();
            thread.interrupt();
        };
    }

    private static void register(Path start, WatchService service, Map<WatchKey, Path> dirs) {
        try {
            Files.walkFileTree(start, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) throws IOException {
                    boolean skipped = !dir.equals(start) && SKIPPED.contains(dir.getFileName().toString());
                    if (skipped || dirs.size() >= MAX_WATCHED_DIRS) {
                        return FileVisitResult.SKIP_SUBTREE;
                    }
                    dirs.put(dir.register(service, StandardWatchEventKinds.ENTRY_CREATE, StandardWatchEventKinds.ENTRY_MODIFY,
                            StandardWatchEventKinds.ENTRY_DELETE), dir);
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFileFailed(Path file, IOException exc) {
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException | ClosedWatchServiceException e) {
            log.debug("cannot watch {}: {}", start, e.toString());
        }
    }
}
