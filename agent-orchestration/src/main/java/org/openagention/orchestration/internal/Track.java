package org.openagention.orchestration.internal;

import org.openagention.orchestration.FailureKind;
import org.openagention.orchestration.Spend;
import org.openagention.orchestration.Task;
import org.openagention.orchestration.TaskState;
import org.openagention.tools.Workspace;

/** One task's state in a run. Touched by the supervisor thread only. */
final class Track {
    Task task;
    TaskState state = TaskState.PENDING;
    int attempts;
    boolean attemptOpen;
    Spend spend = Spend.ZERO;
    String output = "";
    String checkOutput = "";
    String failure = "";
    FailureKind failureKind;
    String checkpoint = "";
    String feedback = "";
    String reviewItem;
    String pendingDecision; // a journaled review decision not yet acted on (after a crash)
    boolean retryBackoff;
    boolean skipped;
    String skippedBecause = "";
    boolean merged;
    boolean mergeRecorded;
    String unresolved = ""; // why its merge conflict was given up on, when it was
    boolean gaveUp;
    boolean superseded;
    int unmet;
    Workspace workspace;

    Track(Task task) {
        this.task = task;
    }

    String id() {
        return task.id();
    }
}
