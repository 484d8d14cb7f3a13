// SPDX-License-Identifier: Apache-2.0
package org.openagention.orchestration.automation;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.openagention.core.ConfigurationException;
import org.openagention.tools.WorkspaceException;
import org.openagention.tools.process.Git;

/** Polls a branch with {@code git rev-parse} and reports each change of its commit once. */
final class CommitPoller {
    private static final int MAX_LISTED = 20;
    private static final Git GIT = Git.create().withTimeout(Duration.ofSeconds(30));

    private final Trigger.GitCommits trigger;
    private final Consumer<TriggerEvent> fire;
    private final Consumer<String> problem;
    private final Clock clock;
    private String last;
    private boolean reportedMissing;

    private CommitPoller(Trigger.GitCommits trigger, Consumer<TriggerEvent> fire, Consumer<String> problem, Clock clock) {
        this.trigger = trigger;
        this.fire = fire;
        this.problem = problem;
        this.clock = clock;
    }

    /**
     * A poller whose baseline is the branch's commit now.
     *
     * @throws ConfigurationException when git is missing or the path is not a git repository
     */
    static CommitPoller start(Trigger.GitCommits trigger, Consumer<TriggerEvent> fire, Consumer<String> problem,
            Clock clock) {
        Path repo = trigger.repository();
        try {
            Git.Result o = GIT.run(repo, "rev-parse", "--git-dir");
            if (!o.ok()) {
                throw new ConfigurationException(repo + " is not a git repository: " + o.text());
            }
            CommitPoller p = new CommitPoller(trigger, fire, problem, clock);
            p.last = head(repo, trigger.branch());
            return p;
        } catch (WorkspaceException e) {
            throw new ConfigurationException("cannot run git in " + repo + " (is git installed?): " + e.getMessage(), e);
        }
    }

    /** One poll: fires when the branch moved since the last poll. Called from one thread at a time. */
    synchronized void poll() {
        String head;
        try {
            head = head(trigger.repository(), trigger.branch());
        } catch (WorkspaceException e) {
            problem.accept("git rev-parse " + trigger.branch() + " failed in " + trigger.repository() + ": " + e.getMessage());
            return;
        }
        if (head.isEmpty()) {
            if (!reportedMissing) {
                reportedMissing = true;
                problem.accept("branch '" + trigger.branch() + "' does not exist in " + trigger.repository() + " (yet)");
            }
            return;
        }
        reportedMissing = false;
        if (head.equals(last)) {
            return;
        }
        String previous = last;
        last = head;
        List<String> commits = commits(previous, head);
        fire.accept(new TriggerEvent((commits.size() == 1 ? "a new commit" : commits.size() + " new commits") + " on "
                + trigger.branch() + " in " + trigger.repository() + ": " + head
                + (previous.isEmpty() ? "" : " (was " + previous + ")"), commits, clock.instant()));
    }

    private List<String> commits(String from, String to) {
        String range = from.isEmpty() ? to : from + ".." + to;
        List<String> lines = new ArrayList<>();
        try {
            Git.Result o = GIT.run(trigger.repository(), "log", "--format=%h %s", "-n", String.valueOf(MAX_LISTED + 1), range);
            if (o.ok()) {
                lines.addAll(Git.lines(o.out()));
            }
        } catch (WorkspaceException e) {
            problem.accept("git log " + range + " failed: " + e.getMessage());
        }
        if (lines.isEmpty()) {
            lines.add(to); // history rewritten (from is not an ancestor): name the new commit alone
        }
        if (lines.size() > MAX_LISTED) {
            lines = new ArrayList<>(lines.subList(0, MAX_LISTED));
            lines.add("... and more");
        }
        return lines;
    }

    /** The commit {@code branch} points at, or empty when it does not exist (yet). */
    private static String head(Path repo, String branch) {
        Git.Result o = GIT.run(repo, "rev-parse", "--verify", "--quiet", branch + "^{commit}");
        return o.ok() ? o.out().strip() : "";
    }
}
