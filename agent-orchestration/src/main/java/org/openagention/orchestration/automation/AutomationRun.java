// SPDX-License-Identifier: Apache-2.0
package org.openagention.orchestration.automation;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import org.openagention.core.RunResult;

/**
 * A snapshot of one run of an automation: its status, why it started, and how it ended.
 *
 * <p>Immutable; the runner hands out a new snapshot at every status change. The run's journal is
 * kept in the runner's {@link org.openagention.core.journal.JournalStore} under {@link #runId()}
 * (entries {@code automation.triggered}, {@code automation.status}), and the agent's own run,
 * when it started, under {@link #agentRunId()}.
 */
public final class AutomationRun {
    private final String automationId;
    private final String runId;
    private final AutomationStatus status;
    private final TriggerEvent event;
    private final String detail;
    private final RunResult result;
    private final String agentRunId;
    private final Instant at;

    AutomationRun(String automationId, String runId, AutomationStatus status, TriggerEvent event, String detail,
            RunResult result, String agentRunId, Instant at) {
        this.automationId = Objects.requireNonNull(automationId, "automationId");
        this.runId = Objects.requireNonNull(runId, "runId");
        this.status = Objects.requireNonNull(status, "status");
        this.event = Objects.requireNonNull(event, "event");
        this.detail = Objects.requireNonNull(detail, "detail");
        this.result = result;
        this.agentRunId = Objects.requireNonNull(agentRunId, "agentRunId");
        this.at = Objects.requireNonNull(at, "at");
    }

    AutomationRun with(AutomationStatus status, String detail, RunResult result, String agentRunId, Instant at) {
        return new AutomationRun(automationId, runId, status, event, detail, result, agentRunId, at);
    }

    public String automationId() {
        return automationId;
    }

    /** The run's id: its key in the runner's journal. */
    public String runId() {
        return runId;
    }

    public AutomationStatus status() {
        return status;
    }

    /** Why the run started. */
    public TriggerEvent event() {
        return event;
    }

    /** Why the run is in its status (the failure, the stop reason); empty while it goes well. */
    public String detail() {
        return detail;
    }

    /** The agent's result, once a started agent run has ended. */
    public Optional<RunResult> result() {
        return Optional.ofNullable(result);
    }

    /** The agent run's id (its key in the agent's journal); empty until the agent starts. */
    public String agentRunId() {
        return agentRunId;
    }

    /** When the run reached this status. */
    public Instant at() {
        return at;
    }

    @Override
    public String toString() {
        return "AutomationRun{" + automationId + "/" + runId + " " + status + (detail.isEmpty() ? "" : ": " + detail) + "}";
    }
}
