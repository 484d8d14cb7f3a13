// SPDX-License-Identifier: Apache-2.0
package org.openagention.orchestration.internal;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import org.openagention.orchestration.FailurePolicy;
import org.openagention.orchestration.RunStatus;
import org.openagention.orchestration.Spend;
import org.openagention.orchestration.graph.FailureKind;
import org.openagention.orchestration.graph.Task;
import org.openagention.orchestration.graph.TaskState;
import org.openagention.orchestration.review.ReviewDecision;
/**
 * Something an orchestrated run decided, as its journal stores it: the only input of
 * {@link RunState#apply}, the only thing {@link RunLog} writes, and what events are derived from
 * ({@link RunEvents}). Each variant is one journal entry; {@link FactCodec} names its entry type
 * (given beside each variant) and turns it into JSON and back. A closed set of immutable records.
 */
sealed interface RunFact {

    /** {@code graph.started}: the run began with {@code tasks}, at {@code startedAt}. */
    record GraphStarted(String goal, int parallelism, FailurePolicy failurePolicy, List<Task> tasks, Instant startedAt)
            implements RunFact {
        public GraphStarted {
            tasks = List.copyOf(tasks);
        }
    }

    /** {@code graph.resumed}: a process picked the run up from its journal. */
    record Resumed() implements RunFact {}

    /** {@code task.state}: a task moved between states; {@link Moved}, {@link Failed} or {@link Requeued}. */
    sealed interface StateChanged extends RunFact {
        String task();

        TaskState from();

        TaskState to();

        String reason();
    }

    /** A move to a state other than failed or pending. */
    record Moved(String task, TaskState from, TaskState to, String reason) implements StateChanged {
        public Moved {
            if (to == TaskState.FAILED || to == TaskState.PENDING) {
                throw new IllegalArgumentException("a move to " + to + " is a " + (to == TaskState.FAILED ? "Failed"
                        : "Requeued") + " fact");
            }
        }
    }

    /** The task's attempt failed, {@code kind} saying whose fault it was and {@code failure} how. */
    record Failed(String task, TaskState from, String reason, FailureKind kind, String failure) implements StateChanged {
        public Failed {
            Objects.requireNonNull(kind, "kind");
        }

        @Override
        public TaskState to() {
            return TaskState.FAILED;
        }
    }

    /** The task is pending again; {@code backoff} when its next attempt waits out its retry policy's backoff. */
    record Requeued(String task, TaskState from, String reason, boolean backoff) implements StateChanged {
        @Override
        public TaskState to() {
            return TaskState.PENDING;
        }
    }

    /** {@code task.attempt.started}: attempt {@code attempt} began, after waiting {@code backoff}. */
    record AttemptStarted(String task, int attempt, Duration backoff, String workerRunId) implements RunFact {}

    /**
     * {@code task.attempt.finished}: how an attempt ended. {@code outcome} is {@code passed},
     * {@code blocked} or a {@link FailureKind} name; {@code stopReason} and {@code workerRunId} are
     * empty when the worker returned no result.
     */
    record AttemptFinished(String task, int attempt, String outcome, int turns, Spend spend, String output,
            String checkOutput, String failure, String checkpoint, String stopReason, String workerRunId)
            implements RunFact {}

    /** {@code task.review.submitted}: the task's work went into the review queue as {@code item}. */
    record ReviewSubmitted(String task, String item, String content, boolean resubmit, int revision) implements RunFact {}

    /** {@code task.review.decided}: a reviewer decided on {@code item}. */
    record ReviewDecided(String task, String item, ReviewDecision decision) implements RunFact {}

    /**
     * {@code task.merged}: a done task's merge. {@code conflictTask} names the task made to resolve
     * its conflict (empty when none); {@code unresolved} says why its work stays unmerged (empty
     * when it does not).
     */
    record Merged(String task, boolean merged, String conflictTask, List<String> files, String unresolved)
            implements RunFact {
        public Merged {
            files = List.copyOf(files);
        }
    }

    /** {@code graph.task.added}: {@code task} resolves the merge conflict of {@code conflictOf}; {@code dependents} wait for it. */
    record TaskAdded(Task task, String reason, String conflictOf, List<String> dependents) implements RunFact {
        public TaskAdded {
            dependents = List.copyOf(dependents);
        }
    }

    /** {@code graph.replanned}: after {@code failedTask} failed, the planner's {@code added} replaced {@code removed}. */
    record Replanned(String failedTask, List<String> removed, List<Task> added) implements RunFact {
        public Replanned {
            removed = List.copyOf(removed);
            added = List.copyOf(added);
        }
    }

    /** {@code graph.replan_failed}: the planner gave no usable plan after {@code task} failed. A note; no state changes. */
    record ReplanFailed(String task, String problems) implements RunFact {}

    /** {@code task.skipped}: the pending task will not run, {@code because}. */
    record Skipped(String task, String because) implements RunFact {}

    /** {@code task.gave_up}: the failed task is not retried; {@code failFast} stops the run. */
    record GaveUp(String task, FailureKind kind, FailurePolicy policy, boolean failFast, String detail)
            implements RunFact {}

    /** {@code graph.finished}: the run ended. */
    record Finished(RunStatus status, String detail) implements RunFact {}
}
