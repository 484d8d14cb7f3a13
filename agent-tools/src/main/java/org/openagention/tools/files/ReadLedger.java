// SPDX-License-Identifier: Apache-2.0
package org.openagention.tools.files;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.openagention.tools.Workspace;

/**
 * What the agent last saw of each file: a content hash taken when a tool read or wrote it. Edits
 * compare the file on disk with it, so that the agent never edits a file that changed behind its
 * back (another agent, the user, a build) on the strength of a stale read.
 *
 * <p>Files are keyed by their path relative to the workspace root, so that a lazy workspace that
 * moves to its own worktree on the first write still knows what the agent read before the move.
 * One ledger is shared by the tools of one {@link FileTools} set. Thread-safe.
 */
final class ReadLedger {
    private final Map<String, byte[]> seen = new ConcurrentHashMap<>();
    private final Workspace workspace;

    ReadLedger(Workspace workspace) {
        this.workspace = workspace;
    }

    private String key(Path file) {
        return workspace.relativize(file);
    }

    /** Records the content the agent now knows for {@code file} (a real path). */
    void record(Path file, byte[] content) {
        seen.put(key(file), sha256(content));
    }

    /** Records the file as it is on disk now, streaming it (for files too large to hold). */
    void recordFromDisk(Path file) throws IOException {
        MessageDigest digest = newDigest();
        try (InputStream in = Files.newInputStream(file)) {
            byte[] buffer = new byte[64 * 1024];
            int n;
            while ((n = in.read(buffer)) > 0) {
                digest.update(buffer, 0, n);
            }
        }
        seen.put(key(file), digest.digest());
    }

    /**
     * After a replayed call that read or wrote {@code path} (as the model gave it): the file as it
     * is now, or nothing when it is gone or outside the workspace.
     */
    void relearn(String path) {
        try {
            Path file = workspace.resolve(path);
            if (Files.isRegularFile(file)) {
                recordFromDisk(file);
            } else {
                forget(file);
            }
        } catch (IOException | RuntimeException e) {
            // Unreadable now: the agent reads it again before changing it, as for any file.
        }
    }

    void forget(Path file) {
        seen.remove(key(file));
    }

    boolean hasSeen(Path file) {
        return seen.containsKey(key(file));
    }

    /**
     * Why the agent may not change {@code file} whose current content is {@code current}, or
     * empty when it may: it must have read the file, and the file must not have changed since.
     */
    Optional<String> staleness(Path file, String displayPath, byte[] current) {
        byte[] known = seen.get(key(file));
        if (known == null) {
            return Optional.of(displayPath + " has not been read yet. Call read_file on it first, then retry, "
                    + "so that the change is based on its current content.");
        }
        if (!Arrays.equals(known, sha256(current))) {
            return Optional.of(displayPath + " has changed on disk since you last read it. Call read_file on it "
                    + "again and redo the change against its current content.");
        }
        return Optional.empty();
    }

    private static byte[] sha256(byte[] content) {
        return newDigest().digest(content);
    }

    private static MessageDigest newDigest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every Java platform", e);
        }
    }
}
