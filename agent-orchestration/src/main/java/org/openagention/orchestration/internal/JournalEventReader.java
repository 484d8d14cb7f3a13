// SPDX-License-Identifier: Apache-2.0
package org.openagention.orchestration.internal;

import java.util.ArrayList;
import java.util.List;
import org.openagention.core.journal.JournalEntry;
import org.openagention.orchestration.OrchestrationEvent;
import org.openagention.orchestration.graph.Task;
import org.openagention.orchestration.review.ReviewDecision;
import org.openagention.orchestration.review.ReviewQueue;
import org.openagention.orchestration.review.Verdict;

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
        // Checks and reviewers are code the journal only names; events need their tasks, not their code.
        this.codec = new FactCodec(JournalEventReader::standIn, st::taskOrNull);
    }

    /** A task whose custom check and reviewer are never called: the reader only shows the run. */
    private static Task standIn(String id) {
        return Task.builder(id).goal(id).check(context -> Verdict.failed("not run by a journal reader"))
                .reviewer(item -> ReviewDecision.reject("journal reader", "not run by a journal reader")).build();
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
                events.addAll(RunEvents.of(fact, st, e.at()));
            } catch (RuntimeException ex) {
                // shown as far as it can be (a journal read from its middle): the run itself judges its journal
            }
        }
        return events;
    }
}
