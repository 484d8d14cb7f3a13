package org.openagention.orchestration.automation;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.openagention.core.journal.JournalStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Where automation runs are reported: each run's journal, and the listeners. */
final class RunLog {
    private static final Logger LOG = LoggerFactory.getLogger(AutomationRunner.class);

    private final JournalStore journal;
    private final Clock clock;
    private final List<AutomationListener> listeners = new CopyOnWriteArrayList<>();

    RunLog(JournalStore journal, Clock clock) {
        this.journal = journal;
        this.clock = clock;
    }

    void addListener(AutomationListener listener) {
        listeners.add(listener);
    }

    /** Opens the run's journal with why it started. */
    void triggered(String runId, String automationId, TriggerEvent event) {
        record(runId, new AutomationFact.Triggered(automationId, event.description(), event.details()), clock.instant());
    }

    /** Journals a status change and tells the listeners. */
    void status(AutomationRun run) {
        try {
            record(run.runId(), new AutomationFact.StatusChanged(run.status(), run.detail(), run.agentRunId()), run.at());
        } catch (RuntimeException e) {
            LOG.warn("could not journal the status of automation run {}: {}", run.runId(), e.toString());
        }
        for (AutomationListener l : listeners) {
            try {
                l.onRunChanged(run);
            } catch (RuntimeException e) {
                LOG.warn("automation listener {} threw on {}", l, run, e);
            }
        }
    }

    /** Journals {@code fact}: the only way anything reaches an automation run's journal. */
    private void record(String runId, AutomationFact fact, Instant at) {
        journal.append(runId, AutomationFact.typeOf(fact), "", at, AutomationFact.encode(fact));
    }

    /** Logs a trigger's problem and tells the listeners. */
    void problem(String automationId, String problem) {
        LOG.warn("automation {}: {}", automationId, problem);
        for (AutomationListener l : listeners) {
            try {
                l.onTriggerProblem(automationId, problem);
            } catch (RuntimeException e) {
                LOG.warn("automation listener {} threw on a trigger problem", l, e);
            }
        }
    }
}
