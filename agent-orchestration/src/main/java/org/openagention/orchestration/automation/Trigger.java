// SPDX-License-Identifier: Apache-2.0
package org.openagention.orchestration.automation;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

/**
 * What starts an automation's run. A closed set: file changes, git commits, a schedule, or by
 * hand only.
 *
 * <pre>{@code
 * Trigger.fileChanges(Path.of("src"), Duration.ofSeconds(2));
 * Trigger.gitCommits(Path.of("."), "main", Duration.ofSeconds(30));
 * Trigger.every(Duration.ofHours(1));
 * }</pre>
 */
public sealed interface Trigger {

    /** A run when files under {@code directory} change; see {@link FileChanges}. */
    static Trigger fileChanges(Path directory, Duration debounce) {
        return new FileChanges(directory, debounce);
    }

    /** A run for each new commit on {@code branch}; see {@link GitCommits}. */
    static Trigger gitCommits(Path repository, String branch, Duration pollInterval) {
        return new GitCommits(repository, branch, pollInterval);
    }

    /** A run every {@code interval}, the first one interval after registration. */
    static Trigger every(Duration interval) {
        return new Schedule(interval);
    }

    /** No automatic runs: only {@link AutomationRunner#trigger(String)} starts one. */
    static Trigger manual() {
        return new Manual();
    }

    /**
     * Files created, modified or deleted anywhere under {@code directory} (recursively, new
     * subdirectories included; {@code .git} is ignored), watched with the JDK's
     * {@link java.nio.file.WatchService}. Changes are debounced: a run starts once no change has
     * arrived for {@code debounce}, and its event lists every path that changed.
     */
    record FileChanges(Path directory, Duration debounce) implements Trigger {
        public FileChanges {
            Objects.requireNonNull(directory, "directory");
            requirePositive(debounce, "debounce");
        }
    }

    /**
     * A new commit on a branch of a git repository, found by polling {@code git rev-parse} every
     * {@code pollInterval}. The branch's commit at registration is the baseline; each later poll
     * that finds a different commit starts one run, whose event lists the new commits.
     */
    record GitCommits(Path repository, String branch, Duration pollInterval) implements Trigger {
        public GitCommits {
            Objects.requireNonNull(repository, "repository");
            Objects.requireNonNull(branch, "branch");
            if (branch.isBlank() || branch.startsWith("-") || branch.chars().anyMatch(Character::isWhitespace)) {
                throw new IllegalArgumentException("'" + branch + "' is not a branch name");
            }
            requirePositive(pollInterval, "pollInterval");
        }
    }

    /** A fixed interval. */
    record Schedule(Duration interval) implements Trigger {
        public Schedule {
            requirePositive(interval, "interval");
        }
    }

    /** Runs only when triggered by hand. */
    record Manual() implements Trigger {}

    private static void requirePositive(Duration d, String what) {
        Objects.requireNonNull(d, what);
        if (d.isNegative() || d.isZero()) {
            throw new IllegalArgumentException(what + " must be positive: " + d);
        }
    }
}
