// SPDX-License-Identifier: Apache-2.0
package org.openagention.orchestration;

import java.util.List;
import java.util.Objects;
import org.openagention.core.journal.JournalEntry;
import org.openagention.orchestration.internal.JournalEventReader;

/**
 * The {@link OrchestrationEvent}s of an orchestrated run read from its journal, for following a
 * run that executes elsewhere (another process, a Temporal worker) with the same listeners a local
 * run has. Give it the journal as it grows, in order; each call returns the events of the entries
 * it has not read before, the same events the run's own listeners received (stamped with the
 * entries' times).
 *
 * <pre>{@code
 * JournalEvents events = JournalEvents.of(runId);
 * while (running) {
 *     events.read(run.journal()).forEach(listener::onEvent);
 * }
 * }</pre>
 *
 * <p>Not thread-safe: one follower reads it.
 */
public final class JournalEvents {
    private final JournalEventReader reader;

    private JournalEvents(String runId) {
        this.reader = new JournalEventReader(runId);
    }

    /** A reader of run {@code runId}'s journal, from its start. */
    public static JournalEvents of(String runId) {
        return new JournalEvents(Objects.requireNonNull(runId, "runId"));
    }

    /**
     * The events of the entries of {@code journal} not read before (by sequence). An entry that is
     * not one of the orchestrator's facts, or does not follow from those before it, makes none.
     */
    public List<OrchestrationEvent> read(List<JournalEntry> journal) {
        return reader.read(Objects.requireNonNull(journal, "journal"));
    }
}
