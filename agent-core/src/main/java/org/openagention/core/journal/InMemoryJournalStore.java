// SPDX-License-Identifier: Apache-2.0
package org.openagention.core.journal;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

final class InMemoryJournalStore implements JournalStore {
    private final Map<String, List<JournalEntry>> runs = new LinkedHashMap<>();

    @Override
    public synchronized JournalEntry append(String runId, String type, String stepId, Instant at, String payloadJson) {
        List<JournalEntry> entries = runs.computeIfAbsent(runId, k -> new ArrayList<>());
        JournalEntry entry = new JournalEntry(runId, entries.size() + 1L, type, stepId, at, payloadJson);
        entries.add(entry);
        return entry;
    }

    @Override
    public synchronized List<JournalEntry> read(String runId) {
        List<JournalEntry> entries = runs.get(runId);
        return entries == null ? List.of() : List.copyOf(entries);
    }

    @Override
    public synchronized List<String> runIds() {
        return List.copyOf(runs.keySet());
    }
}
