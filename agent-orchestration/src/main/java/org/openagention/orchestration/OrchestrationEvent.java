// SPDX-License-Identifier: Apache-2.0
package org.openagention.orchestration;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.openagention.orchestration.graph.FailureKind;
import org.openagention.orchestration.graph.TaskState;
import org.openagention.orchestration.review.ReviewState;

/**
 * Something that happened in an orchestrated run. A closed set of immutable records; each carries
 * the run's id and when it happened.
 */
public sealed interface OrchestrationEvent {

    String runId();

    Instant at();

    /** The run started (or resumed from its journal). */
    record RunStarted(String runId, Instant at, int tasks, boolean resumed) implements OrchestrationEvent {}

    /** A task moved between states; {@code reason} says why (empty when obvious). */
    record TaskStateChanged(String runId, Instant at, String taskId, TaskState from, TaskState to, String reason)
            implements OrchestrationEvent {}

    /** A worker started an attempt at a task. */
    record AttemptStarted(String runId, Instant at, String taskId, int attempt) implements OrchestrationEvent {}

    /**
     * An attempt finished: what the worker spent and how the attempt ended ({@code "passed"},
     * {@code "blocked"}, or the {@link FailureKind} name).
     */
    record AttemptFinished(String runId, Instant at, String taskId, int attempt, int turns, long tokens,
            double costUsd, Duration elapsed, String outcome) implements OrchestrationEvent {}

    /** A reviewer decided on a task's work. */
    record ReviewDecided(String runId, Instant at, String taskId, String itemId, ReviewState decision,
            String reviewer, String feedback) implements OrchestrationEvent {}

    /** A task's work was merged, or conflicted (then {@code conflictTask} names the task made to resolve it). */
    record TaskMerged(String runId, Instant at, String taskId, boolean merged, List<String> files,
            String conflictTask) implements OrchestrationEvent {
        public TaskMerged {
            files = List.copyOf(files);
        }
    }

    /** A task was added to the graph while running (to resolve a merge conflict). */
    record TaskAdded(String runId, Instant at, String taskId, String reason) implements OrchestrationEvent {}

    /** The planner replaced the remaining tasks after {@code failedTask} failed. */
    record Replanned(String runId, Instant at, String failedTask, List<String> removed, List<String> added)
            implements OrchestrationEvent {
        public Replanned {
            removed = List.copyOf(removed);
            added = List.copyOf(added);
        }
    }

    /** A task was skipped because a task it depends on failed. */
    record TaskSkipped(String runId, Instant at, String taskId, String because) implements OrchestrationEvent {}

    /** The run ended. */
    record RunFinished(String runId, Instant at, OrchestrationResult result) implements OrchestrationEvent {}
}
