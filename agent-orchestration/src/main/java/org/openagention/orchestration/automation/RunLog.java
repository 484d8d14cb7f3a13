package org.openagention.orchestration.automation;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.openagention.core.journal.JournalStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Where automation runs are reported: each run's journal, and the listeners. */
final class RunLog {
    private static final Logger LOG = LoggerFactory.getLogger(AutomationRunner.class);
    private static final ObjectMapper JSON = new ObjectMapper();

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
        ObjectNode payload = JSON.createObjectNode().put("automation", automationId).put("trigger", event.description());
        event.details().forEach(payload.putArray("details")::add);
        journal.append(runId, "automation.triggered", "", clock.instant(), payload.toString());
    }

    /** Journals a status change and tells the listeners. */
    void status(AutomationRun run) {
        ObjectNode payload = JSON.createObjectNode().put("status", run.status().name()).put("detail", run.detail())
                .put("agentRunId", run.agentRunId());
        try {
            journal.append(run.runId(), "automation.status", "", run.at(), payload.toString());
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
