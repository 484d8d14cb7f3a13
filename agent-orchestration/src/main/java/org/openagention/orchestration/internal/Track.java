// SPDX-License-Identifier: Apache-2.0
package org.openagention.orchestration.internal;

import org.openagention.orchestration.Spend;
import org.openagention.orchestration.graph.FailureKind;
import org.openagention.orchestration.graph.Task;
import org.openagention.orchestration.graph.TaskState;
import org.openagention.orchestration.review.ReviewDecision;

/**
 * One task's state in a run. Its fields are set only by {@link RunState#apply}, from the run's
 * facts; everyone else reads them. Touched by the supervisor thread only.
 */
final class Track {
    /** How far a done task's merge got, as its facts say. */
    enum Merge {
        /** No merge journaled (a crash between done and merged leaves a done task here). */
        NOT_RECORDED,
        /** Its work is in the target. */
        MERGED,
        /** Journaled and not merged: nothing to merge, a conflict that a resolution task takes over, or given up on. */
        NOT_MERGED
    }

    Task task;
    TaskState state = TaskState.PENDING;
    int attempts;
    String workerRunId = ""; // the agent run of its latest attempt, known before the worker starts; empty in older journals
    Spend spend = Spend.ZERO;
    String output = "";
    String checkOutput = "";
    String failure = "";
    FailureKind failureKind;
    String checkpoint = "";
    String feedback = "";
    String reviewItem;
    ReviewDecision decision; // a journaled review decision not yet acted on (after a crash); null when none
    boolean backoffDue; // its next attempt is a retry that waits out its retry policy's backoff
    String skippedBecause; // null unless skipped
    Merge merge = Merge.NOT_RECORDED;
    String unresolved = ""; // why its merge conflict was given up on, when it was
    boolean gaveUp;
    boolean superseded; // given up on, and replaced by replanning
    int unmet;

    Track(Task task) {
        this.task = task;
    }

    String id() {
        return task.id();
    }

    boolean skipped() {
        return skippedBecause != null;
    }
}
