package org.openagention.orchestration.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.openagention.core.Sleeper;
import org.openagention.core.journal.JournalStore;
import org.openagention.orchestration.OrchestrationEvent;
import org.openagention.orchestration.OrchestrationListener;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where a run touches the world outside its state: the one writer of its facts to the journal
 * (through {@link FactCodec}), the publisher of the events derived from them, and the run's clock
 * and backoff sleeps. Each is one method here so that the step seam can take it over (a fact is a
 * recorded step, the time and a sleep are steps of their own).
 */
final class RunLog {
    private static final Logger LOG = LoggerFactory.getLogger(RunLog.class);

    private final JournalStore journal;
    private final String runId;
    private final Clock clock;
    private final Sleeper sleeper;
    private final List<OrchestrationListener> listeners;
    private final FactCodec codec;

    RunLog(JournalStore journal, String runId, Clock clock, Sleeper sleeper, List<OrchestrationListener> listeners,
            FactCodec codec) {
        this.journal = journal;
        this.runId = runId;
        this.clock = clock;
        this.sleeper = sleeper;
        this.listeners = List.copyOf(listeners);
        this.codec = codec;
    }

    /** The run's time now. */
    Instant now() {
        return clock.instant();
    }

    /** Journals {@code fact}: the only way anything of the run reaches its journal. */
    void record(RunFact fact) {
        journal.append(runId, codec.typeOf(fact), "", clock.instant(), codec.encode(fact));
    }

    /** Waits out the backoff before attempt {@code attempt} of {@code taskId} (on the attempt's worker thread). */
    void backoff(String taskId, int attempt, Duration duration) throws InterruptedException {
        sleeper.sleep(duration);
    }

    /** Publishes the events derived from {@code fact}, just applied to {@code st}; made only when someone listens. */
    void publish(RunFact fact, RunState st) {
        if (listeners.isEmpty()) {
            return;
        }
        for (OrchestrationEvent e : RunEvents.of(fact, st, now())) {
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
