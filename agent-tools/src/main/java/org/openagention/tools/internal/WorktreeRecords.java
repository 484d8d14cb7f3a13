// SPDX-License-Identifier: Apache-2.0
package org.openagention.tools.internal;

import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import org.openagention.tools.Worktree;
import org.openagention.tools.WorkspaceException;

/**
 * The small state file behind a worktree manager: one record per task, written whole to a
 * temporary file and moved into place, so a crash leaves the old file or the new one, never half
 * of one. Git itself stays the truth for which worktrees exist; this file adds what git cannot
 * say (merged or abandoned, and the commit it ended on).
 *
 * <p>Not thread-safe: the manager serializes access.
 */
public final class WorktreeRecords {
    private final Path file;

    public WorktreeRecords(Path file) {
        this.file = file;
    }

    /** Every record, by task id, in task id order. A missing file is an empty state. */
    public Map<String, Worktree> load() {
        Map<String, Worktree> out = new TreeMap<>();
        if (!Files.exists(file)) {
            return out;
        }
        Properties p = new Properties();
        try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            p.load(r);
        } catch (IOException | IllegalArgumentException e) {
            throw new WorkspaceException("cannot read the worktree state file " + file + ": " + e.getMessage(), e);
        }
        for (String key : p.stringPropertyNames()) {
            if (!key.endsWith(".state")) {
                continue;
            }
            String id = key.substring(0, key.length() - ".state".length());
            try {
                out.put(id, new Worktree(id, Path.of(p.getProperty(id + ".path")), p.getProperty(id + ".branch"),
                        Worktree.State.valueOf(p.getProperty(key)), p.getProperty(id + ".commit", "")));
            } catch (RuntimeException e) {
                // A damaged record: git is consulted for active worktrees, so it can be skipped.
            }
        }
        return out;
    }

    /** Replaces the file with {@code records}. */
    public void save(Map<String, Worktree> records) {
        Properties p = new Properties();
        Map<String, String> ordered = new LinkedHashMap<>();
        for (Worktree w : records.values()) {
            ordered.put(w.taskId() + ".state", w.state().name());
            ordered.put(w.taskId() + ".path", w.path().toString());
            ordered.put(w.taskId() + ".branch", w.branch());
            ordered.put(w.taskId() + ".commit", w.commit());
        }
        p.putAll(ordered);
        try {
            Files.createDirectories(file.getParent());
            Path tmp = Files.createTempFile(file.getParent(), "worktrees", ".tmp");
            try (Writer w = Files.newBufferedWriter(tmp, StandardCharsets.UTF_8)) {
                p.store(w, "OpenAgention worktrees: task -> state, path, branch, commit");
            }
            try {
                Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            throw new WorkspaceException("cannot write the worktree state file " + file + ": " + e.getMessage(), e);
        }
    }
}
