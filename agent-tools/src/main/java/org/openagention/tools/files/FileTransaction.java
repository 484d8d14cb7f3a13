// SPDX-License-Identifier: Apache-2.0
package org.openagention.tools.files;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A set of file writes and deletions applied together: if one fails, the ones already done are
 * undone (old contents written back, new files and the directories made for them removed), so the
 * tree ends as it began. Not thread-safe; one per patch.
 */
final class FileTransaction {
    private final Map<Path, Optional<byte[]>> changes = new LinkedHashMap<>();

    /** The content {@code file} will have, as far as this transaction knows: empty when deleted, null when untouched. */
    Optional<byte[]> pending(Path file) {
        return changes.get(file);
    }

    boolean touches(Path file) {
        return changes.containsKey(file);
    }

    void write(Path file, byte[] content) {
        changes.remove(file);
        changes.put(file, Optional.of(content));
    }

    void delete(Path file) {
        changes.remove(file);
        changes.put(file, Optional.empty());
    }

    /** The planned changes, in order: the content for writes, empty for deletions. */
    Map<Path, Optional<byte[]>> changes() {
        return changes;
    }

    /**
     * Applies every change in order. On an I/O failure restores what was already changed, then
     * throws an exception naming the file that failed.
     */
    void commit() throws IOException {
        List<Path> done = new ArrayList<>();
        Map<Path, byte[]> before = new LinkedHashMap<>();
        List<Path> createdDirs = new ArrayList<>();
        for (Map.Entry<Path, Optional<byte[]>> change : changes.entrySet()) {
            Path file = change.getKey();
            boolean captured = false;
            try {
                before.put(file, Files.exists(file) ? Files.readAllBytes(file) : null);
                captured = true;
                if (change.getValue().isPresent()) {
                    createParents(file, createdDirs);
                    Files.write(file, change.getValue().get());
                } else {
                    Files.deleteIfExists(file);
                }
                done.add(file);
            } catch (IOException e) {
                if (captured) {
                    done.add(file); // a failed write may have truncated it
                }
                List<String> unrestored = rollback(done, before, createdDirs);
                throw new IOException("could not " + (change.getValue().isPresent() ? "write " : "delete ") + file + ": "
                        + e + (unrestored.isEmpty() ? "; every change already made was undone"
                                : "; these could not be restored: " + unrestored), e);
            }
        }
    }

    private static void createParents(Path file, List<Path> createdDirs) throws IOException {
        Path parent = file.getParent();
        List<Path> missing = new ArrayList<>();
        for (Path p = parent; p != null && !Files.exists(p); p = p.getParent()) {
            missing.add(0, p);
        }
        for (Path dir : missing) {
            Files.createDirectory(dir);
            createdDirs.add(dir);
        }
    }

    private static List<String> rollback(List<Path> done, Map<Path, byte[]> before, List<Path> createdDirs) {
        List<String> failed = new ArrayList<>();
        for (int i = done.size() - 1; i >= 0; i--) {
            Path file = done.get(i);
            byte[] old = before.get(file);
            try {
                if (old == null) {
                    if (Files.exists(file)) {
                        Files.delete(file);
                    }
                } else {
                    Files.write(file, old);
                }
            } catch (IOException e) {
                failed.add(file + " (" + e.getMessage() + ")");
            }
        }
        for (int i = createdDirs.size() - 1; i >= 0; i--) {
            try {
                Files.deleteIfExists(createdDirs.get(i));
            } catch (IOException e) {
                failed.add(createdDirs.get(i) + " (" + e.getMessage() + ")");
            }
        }
        return failed;
    }
}
