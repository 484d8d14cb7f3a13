// SPDX-License-Identifier: Apache-2.0
package org.openagention.orchestration.graph;

import java.util.Collection;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.openagention.core.RetryPolicy;
import org.openagention.orchestration.review.AcceptanceCheck;
import org.openagention.orchestration.review.Reviewer;

/**
 * One unit of work in a {@link TaskGraph}: what to do (the goal), what it waits for (its
 * dependencies), how it is accepted (an {@link AcceptanceCheck}, then optionally a
 * {@link Reviewer}), where it runs (its {@link Lane}), which failures are retried
 * ({@link #retryOn()}) and how often and after what wait ({@link RetryPolicy}), and what it may
 * spend ({@link Budget}).
 *
 * <p>This is the task's definition; its {@link TaskState} lives in a run. Immutable and
 * thread-safe; derive a changed copy with {@link #toBuilder()}.
 *
 * <pre>{@code
 * Task test = Task.builder("test")
 *         .goal("Add a test for the empty-input case")
 *         .dependsOn("parser")
 *         .check(AcceptanceCheck.command("mvn", "-q", "test"))
 *         .retry(RetryPolicy.builder().maxAttempts(3).build())
 *         .retryOn(FailureKind.CHECK_FAILED, FailureKind.WORKER_ERROR)
 *         .build();
 * }</pre>
 */
public final class Task {
    private final String id;
    private final String goal;
    private final List<String> dependencies;
    private final AcceptanceCheck check;
    private final Reviewer reviewer;
    private final Lane lane;
    private final RetryPolicy retry;
    private final Set<FailureKind> retryOn;
    private final Budget budget;
    private final double estimatedCost;
    private final String conflictOf;

    private Task(Builder b) {
        this.id = b.id;
        this.goal = b.goal;
        this.dependencies = List.copyOf(b.dependencies);
        this.check = b.check;
        this.reviewer = b.reviewer;
        this.lane = b.lane;
        this.retry = b.retry;
        this.retryOn = Set.copyOf(b.retryOn);
        this.budget = b.budget;
        this.estimatedCost = b.estimatedCost;
        this.conflictOf = b.conflictOf;
    }

    /**
     * Starts a task with its id: 1 to 64 letters, digits, {@code -}, {@code _} or {@code .}, not
     * starting with a dot (ids name directories and branches).
     *
     * @throws IllegalArgumentException when the id does not fit
     */
    public static Builder builder(String id) {
        return new Builder(checkId(id));
    }

    static String checkId(String id) {
        Objects.requireNonNull(id, "id");
        if (id.isEmpty() || id.length() > 64 || id.startsWith(".")
                || !id.chars().allMatch(c -> c < 128 && (Character.isLetterOrDigit(c) || c == '-' || c == '_' || c == '.'))) {
            throw new IllegalArgumentException("task id '" + id + "' is not valid: use 1 to 64 letters, digits, '-', '_'"
                    + " or '.', not starting with '.'");
        }
        return id;
    }

    public Builder toBuilder() {
        Builder b = new Builder(id);
        b.goal = goal;
        b.dependencies.addAll(dependencies);
        b.check = check;
        b.reviewer = reviewer;
        b.lane = lane;
        b.retry = retry;
        b.retryOn = retryOn.isEmpty() ? EnumSet.noneOf(FailureKind.class) : EnumSet.copyOf(retryOn);
        b.budget = budget;
        b.estimatedCost = estimatedCost;
        b.conflictOf = conflictOf;
        return b;
    }

    public String id() {
        return id;
    }

    /** What the worker is asked to achieve. */
    public String goal() {
        return goal;
    }

    /** The ids of the tasks that must be done first, in the order given, without duplicates. */
    public List<String> dependencies() {
        return dependencies;
    }

    public AcceptanceCheck check() {
        return check;
    }

    /** Who reviews the work after its check passed; empty when no review is needed. */
    public Optional<Reviewer> reviewer() {
        return Optional.ofNullable(reviewer);
    }

    public Lane lane() {
        return lane;
    }

    /**
     * How often the task is tried and how long to wait between attempts: its attempts, backoff,
     * multiplier, cap and jitter ({@link RetryPolicy#maxServerDelay()} does not apply to tasks).
     * {@link RetryPolicy#defaults()} unless set.
     */
    public RetryPolicy retry() {
        return retry;
    }

    /**
     * The kinds of failure that are tried again (while {@link #retry()} has attempts left); by
     * default {@link FailureKind#CHECK_FAILED}, {@link FailureKind#WORKER_STOPPED} and
     * {@link FailureKind#WORKER_ERROR}. Never holds a kind that is never retried
     * ({@link FailureKind#retryable()} false).
     */
    public Set<FailureKind> retryOn() {
        return retryOn;
    }

    public Budget budget() {
        return budget;
    }

    /** A relative estimate of the task's cost, used for the critical path; 1 by default. */
    public double estimatedCost() {
        return estimatedCost;
    }

    /**
     * The id of the task whose merge conflict this task resolves; empty for ordinary tasks. The
     * {@link org.openagention.orchestration.Orchestrator} sets it on the tasks it adds for conflicts, and lanes use it to give the
     * resolution the conflicted work (the git worktree lanes start it with the conflict in its files).
     */
    public Optional<String> conflictOf() {
        return Optional.ofNullable(conflictOf);
    }

    @Override
    public String toString() {
        return "Task{" + id + (dependencies.isEmpty() ? "" : " after " + dependencies) + ": " + goal + "}";
    }

    /** Builds a {@link Task}. A goal is required. Not thread-safe. */
    public static final class Builder {
        private final String id;
        private String goal;
        private final LinkedHashSet<String> dependencies = new LinkedHashSet<>();
        private AcceptanceCheck check = AcceptanceCheck.none();
        private Reviewer reviewer;
        private Lane lane = Lane.WORKTREE;
        private RetryPolicy retry = RetryPolicy.defaults();
        private EnumSet<FailureKind> retryOn = EnumSet.of(FailureKind.CHECK_FAILED, FailureKind.WORKER_STOPPED,
                FailureKind.WORKER_ERROR);
        private Budget budget = Budget.UNLIMITED;
        private double estimatedCost = 1;
        private String conflictOf;

        private Builder(String id) {
            this.id = id;
        }

        public Builder goal(String goal) {
            Objects.requireNonNull(goal, "goal");
            if (goal.isBlank()) {
                throw new IllegalArgumentException("task '" + id + "' needs a goal that is not blank");
            }
            this.goal = goal;
            return this;
        }

        /** Adds dependencies by task id. */
        public Builder dependsOn(String... ids) {
            for (String dep : ids) {
                dependencies.add(Objects.requireNonNull(dep, "dependency id"));
            }
            return this;
        }

        /** Replaces the dependencies. */
        public Builder dependencies(List<String> ids) {
            dependencies.clear();
            ids.forEach(this::dependsOn);
            return this;
        }

        public Builder check(AcceptanceCheck check) {
            this.check = Objects.requireNonNull(check, "check");
            return this;
        }

        /** Sends the work to {@code reviewer} through the run's {@link org.openagention.orchestration.review.ReviewQueue} once the check passes. */
        public Builder reviewer(Reviewer reviewer) {
            this.reviewer = Objects.requireNonNull(reviewer, "reviewer");
            return this;
        }

        /** Removes the reviewer. */
        public Builder noReviewer() {
            this.reviewer = null;
            return this;
        }

        public Builder lane(Lane lane) {
            this.lane = Objects.requireNonNull(lane, "lane");
            return this;
        }

        /** How often the task is tried and how long to wait between attempts; {@link RetryPolicy#none()} for once. */
        public Builder retry(RetryPolicy retry) {
            this.retry = Objects.requireNonNull(retry, "retry");
            return this;
        }

        /**
         * The kinds of failure that are tried again, replacing the default set; none for no retry
         * whatever the policy.
         *
         * @throws IllegalArgumentException for a kind that is never retried, such as {@link FailureKind#BUDGET_SPENT}
         */
        public Builder retryOn(FailureKind... kinds) {
            return retryOn(List.of(kinds));
        }

        /** {@link #retryOn(FailureKind...)} from a collection (such as another task's {@link Task#retryOn()}). */
        public Builder retryOn(Collection<FailureKind> kinds) {
            EnumSet<FailureKind> set = EnumSet.noneOf(FailureKind.class);
            for (FailureKind k : kinds) {
                if (!Objects.requireNonNull(k, "kind").retryable()) {
                    throw new IllegalArgumentException("task '" + id + "': " + k + " is never retried, so it cannot be"
                            + " in retryOn");
                }
                set.add(k);
            }
            this.retryOn = set;
            return this;
        }

        public Builder budget(Budget budget) {
            this.budget = Objects.requireNonNull(budget, "budget");
            return this;
        }

        /** A positive relative cost estimate, for the critical path. */
        public Builder estimatedCost(double cost) {
            if (!(cost > 0) || Double.isInfinite(cost)) {
                throw new IllegalArgumentException("estimatedCost must be a positive number: " + cost);
            }
            this.estimatedCost = cost;
            return this;
        }

        /** Marks this task as resolving the merge conflict of task {@code taskId} (see {@link Task#conflictOf()}). */
        public Builder conflictOf(String taskId) {
            this.conflictOf = checkId(taskId);
            return this;
        }

        /**
         * @throws IllegalStateException when no goal was set
         */
        public Task build() {
            if (goal == null) {
                throw new IllegalStateException("task '" + id + "' has no goal: call goal(...)");
            }
            return new Task(this);
        }
    }
}
