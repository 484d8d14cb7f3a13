// SPDX-License-Identifier: Apache-2.0
package org.openagention.orchestration.internal;

import java.util.List;
import org.openagention.core.journal.JournalEntry;
import org.openagention.core.journal.JournalException;
import org.openagention.core.journal.StepExecutor;
import org.openagention.orchestration.graph.IllegalTransitionException;
import org.openagention.orchestration.graph.TaskGraph;
/**
 * Rebuilds a run's state from its journal, as its step executor replays it
 * ({@link StepExecutor#history()}): reads its facts and applies them, as the live run did.
 */
final class Replay {
    private Replay() {}

    /**
     * The state of run {@code runId} as the history of {@code steps} leaves it.
     *
     * @param originals the caller's graph (may be null), where custom checks and reviewers are found
     * @throws JournalException when the journal holds no such run, or an entry cannot be read or applied
     */
    static RunState rebuild(Settings s, StepExecutor steps, String runId, TaskGraph originals) {
        List<JournalEntry> entries = steps.history();
        JournalEntry first = entries.stream().filter(e -> FactCodec.isFact(e.type())).findFirst().orElse(null);
        if (first == null || !first.type().equals(FactCodec.GRAPH_STARTED)) {
            throw new JournalException("the journal holds no orchestrated run '" + runId + "'"
                    + (entries.isEmpty() ? "" : " (its first fact is " + (first == null ? "missing" : first.type())
                    + ", not graph.started)"));
        }
        RunState st = new RunState(runId, s.reviews());
        FactCodec codec = codec(originals, st);
        for (JournalEntry e : entries) {
            RunFact fact = codec.decode(e).orElse(null);
            if (fact == null) {
                continue; // a step's result (the time, a backoff) or another writer's entry (a lane's diff)
            }
            try {
                st.apply(fact);
            } catch (IllegalStateException | IllegalArgumentException | IllegalTransitionException e2) {
                throw new JournalException("entry " + e.sequence() + " (" + e.type() + ") of run " + runId
                        + " does not follow from the entries before it: " + e2.getMessage(), e2);
            }
        }
        st.rebuildReadiness();
        return st;
    }

    /** The codec of the run {@code st}, finding custom checks and reviewers in {@code originals} (may be null). */
    static FactCodec codec(TaskGraph originals, RunState st) {
        return new FactCodec(originals == null ? null : id -> originals.task(id).orElse(null), st::taskOrNull);
    }
}
