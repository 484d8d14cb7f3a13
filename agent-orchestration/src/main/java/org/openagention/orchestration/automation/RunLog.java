// SPDX-License-Identifier: Apache-2.0
package org.openagention.orchestration.automation;

import java.time.Clock;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.openagention.core.journal.StepExecutor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where automation runs are reported: each run's facts through the run's {@link StepExecutor}
 * (opened by the caller, one per run), and the listeners.
 */
final class RunLog {
    private static final Logger LOG = LoggerFactory.getLogger(AutomationRunner.class);

    private final List<AutomationListener> listeners = new CopyOnWriteArrayList<>();

    RunLog() {}

    void addListener(AutomationListener listener) {
        listeners.add(listener);
    }

    /** Opens the run's journal with why it started. */
    void triggered(StepExecutor steps, String automationId, TriggerEvent event) {
        record(steps, new AutomationFact.Triggered(automationId, event.description(), event.details()));
    }

    /** Journals a status change through the run's {@code steps} and tells the listeners. */
    void status(StepExecutor steps, AutomationRun run) {
        try {
            record(steps, new AutomationFact.StatusChanged(run.status(), run.detail(), run.agentRunId()));
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
    private static void record(StepExecutor steps, AutomationFact fact) {
        steps.record(AutomationFact.Codec.INSTANCE, fact);
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
