// SPDX-License-Identifier: Apache-2.0
package org.openagention.orchestration.internal;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import org.openagention.tools.process.Git;

/** Finds git's conflict markers left in a resolution's files, so that they never reach the target. */
final class ConflictMarkers {
    private static final long MAX_SIZE = 4L << 20; // larger files are not scanned

    private ConflictMarkers() {}

    /**
     * The files of the worktree at {@code dir} that differ from {@code target} (or are unmerged)
     * and still hold a line opening or closing a conflict ({@code <<<<<<< } or {@code >>>>>>> }).
     */
    static List<String> remaining(Git git, Path dir, String target) {
        TreeSet<String> candidates = new TreeSet<>(Git.lines(git.check(dir, "diff", "--name-only", target)));
        candidates.addAll(Git.lines(git.check(dir, "diff", "--name-only", "--diff-filter=U")));
        List<String> marked = new ArrayList<>();
        for (String rel : candidates) {
            Path file = dir.resolve(rel);
            if (hasMarkers(file)) {
                marked.add(rel);
            }
        }
        return marked;
    }

    private static boolean hasMarkers(Path file) {
        try {
            if (!Files.isRegularFile(file) || Files.size(file) > MAX_SIZE) {
                return false;
            }
            try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.ISO_8859_1)) {
                for (String line = in.readLine(); line != null; line = in.readLine()) {
                    if (line.startsWith("<<<<<<< ") || line.startsWith(">>>>>>> ")) {
                        return true;
                    }
                }
            }
            return false;
        } catch (IOException e) {
            return false; // unreadable: git will say what is wrong with it when merging
        }
    }
}
