// SPDX-License-Identifier: Apache-2.0
package org.openagention.tools;

import java.nio.file.Path;
import java.time.Instant;
import java.util.Objects;

/**
 * A snapshot of a workspace's files, taken by {@link Checkpoints}, that {@link Checkpoints#rewind}
 * can restore.
 *
 * @param id the snapshot's commit in the shadow store (40 hex digits)
 * @param at when it was taken
 * @param label what it was taken before ("before edit_file (call call_3, turn 2)")
 * @param root the workspace root it is a snapshot of
 */
public record Checkpoint(String id, Instant at, String label, Path root) {
    public Checkpoint {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(label, "label");
        Objects.requireNonNull(root, "root");
    }
}
