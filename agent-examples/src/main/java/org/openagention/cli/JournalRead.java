// SPDX-License-Identifier: Apache-2.0
package org.openagention.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.openagention.core.AgentException;
import org.openagention.core.journal.JournalEntry;
import org.openagention.core.journal.JournalStore;

/** Reading journals for the CLI, every problem turned into a one-line {@link CliException}. */
final class JournalRead {
    private JournalRead() {}

    /** The journal store in {@code dir}, which must exist. */
    static JournalStore open(Path dir) {
        if (!Files.isDirectory(dir)) {
            throw new CliException("the journal directory " + dir + " does not exist (no run has been journaled there;"
                    + " give --repo or --journal-dir)");
        }
        try {
            return JournalStore.file(dir);
        } catch (AgentException e) {
            throw new CliException(oneLine(e.getMessage()));
        }
    }

    /** The entries of run {@code runId}: at least one, all readable. */
    static List<JournalEntry> entries(JournalStore store, Path dir, String runId) {
        List<JournalEntry> entries;
        try {
            entries = store.read(runId);
        } catch (AgentException e) {
            throw new CliException("the journal of run '" + runId + "' cannot be read: " + oneLine(e.getMessage()));
        }
        if (entries.isEmpty() && store.runIds().contains(runId)) {
            throw new CliException("the journal of run '" + runId + "' cannot be read: its file in " + dir
                    + " holds no valid entry (the warning above says where the damage starts)");
        }
        if (entries.isEmpty()) {
            throw new CliException("no run '" + runId + "' in " + dir + " (runs there: " + known(store) + ")");
        }
        for (JournalEntry e : entries) {
            json(e);
        }
        return entries;
    }

    private static String known(JournalStore store) {
        List<String> ids = store.runIds();
        if (ids.isEmpty()) {
            return "none";
        }
        List<String> last = ids.subList(Math.max(0, ids.size() - 5), ids.size());
        return String.join(", ", last) + (ids.size() > 5 ? " and " + (ids.size() - 5) + " more" : "");
    }

    static JsonNode json(JournalEntry e) {
        try {
            return EventJson.JSON.readTree(e.payloadJson());
        } catch (JsonProcessingException ex) {
            throw new CliException("entry " + e.sequence() + " of the journal of run '" + e.runId() + "' is not JSON: "
                    + oneLine(ex.getOriginalMessage()));
        }
    }

    static String oneLine(String s) {
        if (s == null) {
            return "";
        }
        String t = s.strip();
        int nl = t.indexOf('\n');
        return nl < 0 ? t : t.substring(0, nl);
    }
}
