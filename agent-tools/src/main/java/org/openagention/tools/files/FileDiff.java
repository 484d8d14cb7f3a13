// SPDX-License-Identifier: Apache-2.0
package org.openagention.tools.files;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The part of a unified diff about one file: its {@code ---} and {@code +++} paths and its hunks,
 * in file order, none overlapping (the parser checks).
 *
 * @param oldPath the path after {@code ---}, as written (may be {@code /dev/null} for a new file)
 * @param newPath the path after {@code +++}, as written (may be {@code /dev/null} for a deleted file)
 * @param hunks the hunks, at least one
 */
public record FileDiff(String oldPath, String newPath, List<DiffHunk> hunks) {
    public FileDiff {
        Objects.requireNonNull(oldPath, "oldPath");
        Objects.requireNonNull(newPath, "newPath");
        hunks = List.copyOf(Objects.requireNonNull(hunks, "hunks"));
    }

    /** The file's path without git's {@code a/} or {@code b/} prefix: the new path, or the old one for a deletion. */
    public String path() {
        String p = newPath.equals("/dev/null") ? oldPath : newPath;
        return p.startsWith("a/") || p.startsWith("b/") ? p.substring(2) : p;
    }

    /** The diff that undoes this one. */
    public FileDiff reversed() {
        List<DiffHunk> reversed = new ArrayList<>(hunks.size());
        for (DiffHunk hunk : hunks) {
            reversed.add(hunk.reversed());
        }
        return new FileDiff(newPath, oldPath, reversed);
    }
}
