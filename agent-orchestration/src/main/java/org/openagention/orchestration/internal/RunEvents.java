// SPDX-License-Identifier: Apache-2.0
package org.openagention.orchestration.internal;

import java.time.Instant;
import java.util.List;
import org.openagention.orchestration.OrchestrationEvent;
import org.openagention.orchestration.graph.Task;
import org.openagention.orchestration.review.ReviewDecision;
import org.openagention.orchestration.review.ReviewState;
/**
 * The events a fact makes for listeners: derived from the fact and the run's state just after it
 * was applied, so that what listeners see and what the journal holds cannot drift apart. Facts
 * that only the run itself needs (a review submitted, a replan that failed, a task given up on)
 * make none.
 */
final class RunEvents {
    private RunEvents() {}

    /** The events of {@code fact}, applied to {@code st}; {@code at} is when they are published. */
    static List<OrchestrationEvent> of(RunFact fact, RunState st, Instant at) {
        String run = st.runId;
        if (fact instanceof RunFact.GraphStarted) {
            return List.of(new OrchestrationEvent.RunStarted(run, at, st.graph.size(), false));
        } else if (fact instanceof RunFact.Resumed) {
            return List.of(new OrchestrationEvent.RunStarted(run, at, st.graph.size(), true));
        } else if (fact instanceof RunFact.StateChanged f) {
            return List.of(new OrchestrationEvent.TaskStateChanged(run, at, f.task(), f.from(), f.to(), f.reason()));
        } else if (fact instanceof RunFact.AttemptStarted f) {
            return List.of(new OrchestrationEvent.AttemptStarted(run, at, f.task(), f.attempt()));
        } else if (fact instanceof RunFact.AttemptFinished f) {
            return List.of(new OrchestrationEvent.AttemptFinished(run, at, f.task(), f.attempt(), f.turns(),
                    f.spend().tokens(), f.spend().costUsd(), f.spend().elapsed(), f.outcome()));
        } else if (fact instanceof RunFact.ReviewDecided f) {
            ReviewDecision d = f.decision();
            ReviewState state = d instanceof ReviewDecision.Approve ? ReviewState.APPROVED
                    : d instanceof ReviewDecision.Reject ? ReviewState.REJECTED : ReviewState.REVISED;
            return List.of(new OrchestrationEvent.ReviewDecided(run, at, f.task(), f.item(), state, d.reviewer(),
                    FactCodec.feedback(d)));
        } else if (fact instanceof RunFact.Merged f) {
            return List.of(new OrchestrationEvent.TaskMerged(run, at, f.task(), f.merged(), f.files(), f.conflictTask()));
        } else if (fact instanceof RunFact.TaskAdded f) {
            return List.of(new OrchestrationEvent.TaskAdded(run, at, f.task().id(), f.reason()));
        } else if (fact instanceof RunFact.Replanned f) {
            return List.of(new OrchestrationEvent.Replanned(run, at, f.failedTask(), f.removed(),
                    f.added().stream().map(Task::id).toList()));
        } else if (fact instanceof RunFact.Skipped f) {
            return List.of(new OrchestrationEvent.TaskSkipped(run, at, f.task(), f.because()));
        } else if (fact instanceof RunFact.Finished f) {
            return List.of(new OrchestrationEvent.RunFinished(run, at, st.result(f.status(), f.detail())));
        }
        return List.of(); // ReviewSubmitted, ReplanFailed, GaveUp
    }
}
