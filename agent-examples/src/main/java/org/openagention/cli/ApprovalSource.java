// SPDX-License-Identifier: Apache-2.0
package org.openagention.cli;

import java.util.List;
import java.util.Map;
import org.openagention.core.journal.JournalEntry;

/**
 * Where the web console finds calls waiting for a decision and sends its decisions: the approval
 * files of local runs ({@link ApprovalFiles}) or the signals of Temporal agent runs
 * ({@code TemporalConsoleSource}). Implementations are thread-safe.
 */
interface ApprovalSource extends AutoCloseable {

    /** The calls waiting now; their ids are unique across sources and match {@link ApprovalFiles#validId}. */
    List<ApprovalFiles.Pending> pending();

    /**
     * Decides the waiting call {@code id}; false when this source has no such call waiting (another
     * source's, decided already, or its run ended).
     */
    boolean decide(String id, boolean approved, String reason);

    /**
     * The journals of the open runs this source knows that are not in the journal directory (Temporal
     * runs), by run id; none by default. Shown in the run list as running.
     */
    default Map<String, List<JournalEntry>> openRuns() {
        return Map.of();
    }

    /** Releases what the source holds (connections); nothing by default. */
    @Override
    default void close() {}
}
