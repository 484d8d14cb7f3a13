package org.openagention.orchestration.internal;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.function.Supplier;
import org.openagention.core.journal.JournalStore;
import org.openagention.orchestration.OrchestrationEvent;
import org.openagention.orchestration.OrchestrationListener;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Where a run's decisions go: its journal (types {@code graph.*} and {@code task.*}) and its listeners. */
final class RunLog {
    private static final Logger LOG = LoggerFactory.getLogger(RunLog.class);

    private final JournalStore journal;
    private final String runId;
    private final Clock clock;
    private final List<OrchestrationListener> listeners;

    RunLog(JournalStore journal, String runId, Clock clock, List<OrchestrationListener> listeners) {
        this.journal = journal;
        this.runId = runId;
        this.clock = clock;
        this.listeners = List.copyOf(listeners);
    }

    Instant now() {
        return clock.instant();
    }

    Payload payload(String taskId) {
        Payload p = new Payload();
        return taskId == null ? p : p.put("task", taskId);
    }

    void write(String type, Payload payload) {
        journal.append(runId, type, "", clock.instant(), payload.json());
    }

    /** Publishes the event made by {@code event}, made only when someone listens. */
    void publish(Supplier<OrchestrationEvent> event) {
        if (listeners.isEmpty()) {
            return;
        }
        OrchestrationEvent e = event.get();
        for (OrchestrationListener l : listeners) {
            try {
                l.onEvent(e);
            } catch (RuntimeException ex) {
                LOG.warn("Orchestration listener {} threw on {}; ignored", l, e.getClass().getSimpleName(), ex);
            }
        }
    }
}
