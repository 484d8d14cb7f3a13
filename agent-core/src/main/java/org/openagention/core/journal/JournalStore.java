// SPDX-License-Identifier: Apache-2.0
package org.openagention.core.journal;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

/**
 * Where run journals are kept: an append-only list of {@link JournalEntry} per run.
 *
 * <p>The journal is the single source of truth of a run: reports and traces read it, a crashed
 * run resumes from it, a handoff starts from it. Implementations are thread-safe; an entry once
 * appended is never changed or lost (the file store forces each append to disk before returning).
 *
 * <pre>{@code
 * JournalStore journal = JournalStore.file(Path.of(".openagention/runs"));
 * RunResult result = agent.run("Fix the test", RunOptions.builder().journal(journal).build());
 * }</pre>
 */
public interface JournalStore {

    /**
     * Appends an entry to the run's journal and returns it with its sequence number.
     *
     * @throws JournalException when the entry could not be stored
     */
    JournalEntry append(String runId, String type, String stepId, Instant at, String payloadJson);

    /** The run's entries in order; empty for an unknown run. */
    List<JournalEntry> read(String runId);

    /** The ids of the runs this store holds, oldest first. */
    List<String> runIds();

    /** A store in memory, lost with the process. */
    static JournalStore inMemory() {
        return new InMemoryJournalStore();
    }

    /**
     * A store of JSONL files, one per run, in {@code directory} (created if missing). Each append
     * is written and forced to disk before it returns, so a run killed at any point resumes from
     * everything it had journaled.
     */
    static JournalStore file(Path directory) {
        return new FileJournalStore(directory);
    }
}
