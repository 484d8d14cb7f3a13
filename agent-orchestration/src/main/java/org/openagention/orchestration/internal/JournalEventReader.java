// SPDX-License-Identifier: Apache-2.0
package org.openagention.orchestration.internal;

import java.util.ArrayList;
import java.util.List;
import org.openagention.core.journal.JournalEntry;
import org.openagention.orchestration.OrchestrationEvent;
import org.openagention.orchestration.review.ReviewQueue;

/**
 * The listener events of a run read from its journal, as the run's own {@code RunLog} publishes
 * them: each fact is applied to a state rebuilt alongside, and {@link RunEvents} derives the events
 * (stamped with the entry's time). Reads each entry once, by sequence. Not thread-safe.
 */
public final class JournalEventReader {
    private final RunState st;
    private final FactCodec codec;
    private long lastSequence = -1;

    public JournalEventReader(String runId) {
        this.st = new RunState(runId, new ReviewQueue());
        this.codec = Replay.codec(null, st);
    }

    /** The events of the entries of {@code entries} after the last one read; an entry that does not follow makes none. */
    public List<OrchestrationEvent> read(List<JournalEntry> entries) {
        List<OrchestrationEvent> events = new ArrayList<>();
        for (JournalEntry e : entries) {
            if (e.sequence() <= lastSequence) {
                continue;
            }
            lastSequence = e.sequence();
            RunFact fact;
            try {
                fact = codec.decode(e).orElse(null);
                if (fact == null) {
                    continue;
                }
                st.apply(fact);
            } catch (RuntimeException ex) {
                continue; // shown as far as it can be: the run itself is the judge of its journal
            }
            events.addAll(RunEvents.of(fact, st, e.at()));
        }
        return events;
    }
}
