// SPDX-License-Identifier: Apache-2.0
package org.openagention.temporal.internal;

import io.temporal.workflow.Workflow;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.openagention.core.journal.JournalEntry;
import org.openagention.core.journal.StepCodec;

/**
 * The journal of one agent workflow, kept in workflow state: the facts the loop records and every
 * step result, in order, stamped with workflow time. Rebuilt identically when the workflow
 * replays, and returned by the {@code journal} query, so a Temporal run can be reported like a
 * local one. Touched only from workflow threads (one runs at a time).
 */
final class RunJournal {
    private final String runId;
    private final List<JournalEntry> entries = new ArrayList<>();

    RunJournal(String runId) {
        this.runId = runId;
    }

    /** The run whose journal this is. */
    String runId() {
        return runId;
    }

    <T> void add(StepCodec<T> codec, String stepId, T value) {
        entries.add(new JournalEntry(runId, entries.size() + 1, codec.typeOf(value), stepId,
                Instant.ofEpochMilli(Workflow.currentTimeMillis()), codec.encode(value)));
    }

    List<JournalEntry> entries() {
        return List.copyOf(entries);
    }

    List<JournalRow> rows() {
        List<JournalRow> rows = new ArrayList<>(entries.size());
        for (JournalEntry e : entries) {
            rows.add(new JournalRow(e.sequence(), e.type(), e.stepId(), e.at().toEpochMilli(), e.payloadJson()));
        }
        return rows;
    }
}
