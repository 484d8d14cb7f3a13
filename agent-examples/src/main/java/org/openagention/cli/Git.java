// SPDX-License-Identifier: Apache-2.0
package org.openagention.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * The few git helpers the CLI needs itself (sample repositories, task diffs, keeping its own
 * directory out of {@code git status}), on the SDK's one git runner.
 */
public final class Git {
    private static final org.openagention.tools.process.Git GIT =
            org.openagention.tools.process.Git.create().withTimeout(Duration.ofMinutes(2));

    private Git() {}

    /** Runs git in {@code dir}; a failing command is returned, not thrown. */
    static org.openagention.tools.process.Git.Result run(Path dir, String... args) {
        return GIT.run(dir, args);
    }

    /** Runs git and returns its standard output as printed; a failure is a {@link CliException} quoting git. */
    static String check(Path dir, String... args) {
        org.openagention.tools.process.Git.Result r = run(dir, args);
        if (!r.ok()) {
            throw new CliException(r.describe());
        }
        return r.out();
    }

    /** Keeps {@code pattern} out of git status without touching tracked files (.git/info/exclude). */
    public static void exclude(Path repo, String pattern) {
        org.openagention.tools.process.Git.Result dir = run(repo, "rev-parse", "--git-common-dir");
        if (!dir.ok()) {
            return;
        }
        Path exclude = repo.resolve(dir.out().strip()).resolve("info").resolve("exclude");
        try {
            Files.createDirectories(exclude.getParent());
            String current = Files.exists(exclude) ? Files.readString(exclude, StandardCharsets.UTF_8) : "";
            if (!current.lines().anyMatch(l -> l.strip().equals(pattern))) {
                Files.writeString(exclude, current + (current.isEmpty() || current.endsWith("\n") ? "" : "\n")
                        + pattern + "\n", StandardCharsets.UTF_8);
            }
        } catch (IOException e) {
            throw new CliException("cannot write " + exclude + ": " + e.getMessage());
        }
    }
}
