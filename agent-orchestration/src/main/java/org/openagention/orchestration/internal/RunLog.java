// SPDX-License-Identifier: Apache-2.0
package org.openagention.orchestration.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.openagention.core.journal.StepExecutor;
import org.openagention.orchestration.OrchestrationEvent;
import org.openagention.orchestration.OrchestrationListener;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where a run touches the world outside its state, all through the run's {@link StepExecutor}:
 * its facts are recorded there (through {@link FactCodec}), the time its decisions read is a step
 * there, and so is each retry's backoff. It also publishes the events derived from each fact.
 *
 * <p>Step ids name what the step is for, so that a resumed run (or a durable engine replaying the
 * supervisor) meets the same ids: {@code graph/start/now},
 * {@code task/<id>/attempt-<n>/backoff}, {@code task/<id>/attempt-<n>/allotted/now},
 * {@code task/<id>/attempt-<n>/finished/now}. The events' time stamps are the only time not read
 * from the seam: events are observations, never replayed, so they carry the orchestrator's clock.
 */
final class RunLog {
    private static final Logger LOG = LoggerFactory.getLogger(RunLog.class);

    private final StepExecutor steps;
    private final Clock clock;
    private final List<OrchestrationListener> listeners;
    private final FactCodec codec;

    RunLog(StepExecutor steps, Clock clock, List<OrchestrationListener> listeners, FactCodec codec) {
        this.steps = steps;
        this.clock = clock;
        this.listeners = List.copyOf(listeners);
        this.codec = codec;
    }

    /** The run's time for a decision, as the step {@code stepId}: journaled live, the same instant on replay. */
    Instant now(String stepId) {
        return steps.now(stepId);
    }

    /** Journals {@code fact}: the only way anything of the run reaches its journal. */
    void record(RunFact fact) {
        steps.record(codec, fact);
    }

    /**
     * Waits out the backoff before attempt {@code attempt} of {@code taskId} (on the attempt's
     * worker thread), as a timer step: a backoff that had finished is not waited again on replay.
     */
    void backoff(String taskId, int attempt, Duration duration) throws InterruptedException {
        steps.sleep(attemptStep(taskId, attempt, "backoff"), duration);
    }

    /** The id of a step of attempt {@code attempt} of {@code taskId}: {@code task/<id>/attempt-<n>/<what>}. */
    static String attemptStep(String taskId, int attempt, String what) {
        return "task/" + taskId + "/attempt-" + attempt + "/" + what;
    }

    /** Publishes the events derived from {@code fact}, just applied to {@code st}; made only when someone listens. */
    void publish(RunFact fact, RunState st) {
        if (listeners.isEmpty()) {
            return;
        }
        for (OrchestrationEvent e : RunEvents.of(fact, st, clock.instant())) {
            for (OrchestrationListener l : listeners) {
                try {
                    l.onEvent(e);
                } catch (RuntimeException ex) {
                    LOG.warn("Orchestration listener {} threw on {}; ignored", l, e.getClass().getSimpleName(), ex);
                }
            }
        }
    }
}
