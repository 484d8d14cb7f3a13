// SPDX-License-Identifier: Apache-2.0
package org.openagention.mcp;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Where OAuth state for MCP servers is kept between connections: per server (keyed by its
 * resource URL), an opaque JSON text holding the registered client and the tokens. Treat what is
 * stored as a secret. Implementations are thread-safe.
 */
public interface McpTokenStore {
    /** What is stored for {@code server}, if anything. */
    Optional<String> load(String server);

    /** Replaces what is stored for {@code server}. */
    void save(String server, String json);

    /** Forgets {@code server} (after its tokens were refused for good). */
    void remove(String server);

    /** Kept in memory only, for this process's lifetime. */
    static McpTokenStore inMemory() {
        Map<String, String> map = new ConcurrentHashMap<>();
        return new McpTokenStore() {
            @Override
            public Optional<String> load(String server) {
                return Optional.ofNullable(map.get(server));
            }

            @Override
            public void save(String server, String json) {
                map.put(Objects.requireNonNull(server, "server"), Objects.requireNonNull(json, "json"));
            }

            @Override
            public void remove(String server) {
                map.remove(server);
            }
        };
    }

    /**
     * Kept in files under {@code directory} (created with owner-only permissions, {@code rwx------},
     * where the file system supports POSIX permissions), one file per server, each readable and
     * writable by the owner only ({@code rw-------}), replaced atomically.
     */
    static McpTokenStore files(Path directory) {
        Path dir = directory.toAbsolutePath().normalize();
        boolean posix = FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
        return new McpTokenStore() {
            @Override
            public Optional<String> load(String server) {
                Path file = file(server);
                try {
                    return Files.exists(file) ? Optional.of(Files.readString(file, StandardCharsets.UTF_8)) : Optional.empty();
                } catch (IOException e) {
                    throw new UncheckedIOException("cannot read the MCP token file " + file + ": " + e.getMessage(), e);
                }
            }

            @Override
            public synchronized void save(String server, String json) {
                Path file = file(server);
                try {
                    if (!Files.isDirectory(dir)) {
                        if (posix) {
                            Files.createDirectories(dir, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
                        } else {
                            Files.createDirectories(dir);
                        }
                    }
                    Path tmp = posix ? Files.createTempFile(dir, "token", ".tmp",
                            PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")))
                            : Files.createTempFile(dir, "token", ".tmp");
                    Files.writeString(tmp, json, StandardCharsets.UTF_8);
                    try {
                        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
                    } catch (AtomicMoveNotSupportedException e) {
                        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
                    }
                } catch (IOException e) {
                    throw new UncheckedIOException("cannot write the MCP token file " + file + ": " + e.getMessage(), e);
                }
            }

            @Override
            public synchronized void remove(String server) {
                try {
                    Files.deleteIfExists(file(server));
                } catch (IOException e) {
                    throw new UncheckedIOException("cannot delete the MCP token file of " + server + ": " + e.getMessage(), e);
                }
            }

            private Path file(String server) {
                try {
                    byte[] hash = MessageDigest.getInstance("SHA-256").digest(server.getBytes(StandardCharsets.UTF_8));
                    return dir.resolve(HexFormat.of().formatHex(hash, 0, 16) + ".json");
                } catch (NoSuchAlgorithmException e) {
                    throw new IllegalStateException(e);
                }
            }
        };
    }
}
