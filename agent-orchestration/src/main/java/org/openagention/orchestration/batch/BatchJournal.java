package org.openagention.orchestration.batch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.openagention.core.ConfigurationException;
import org.openagention.core.journal.JournalEntry;
import org.openagention.core.journal.JournalException;
import org.openagention.core.journal.JournalStore;

/** A batch's results in a {@link JournalStore}: one {@code batch.item} entry per finished item. */
final class BatchJournal {
    static final String ITEM = "batch.item";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final JournalStore journal;
    private final String batchId;
    private final Clock clock;

    BatchJournal(JournalStore journal, String batchId, Clock clock) {
        this.journal = journal;
        this.batchId = batchId;
        this.clock = clock;
    }

    /** The items that succeeded in earlier attempts, by index, marked resumed. */
    Map<Integer, BatchItemResult.Succeeded> completed(List<String> items) {
        Map<Integer, BatchItemResult.Succeeded> done = new HashMap<>();
        if (journal == null) {
            return done;
        }
        for (JournalEntry e : journal.read(batchId)) {
            if (!e.type().equals(ITEM)) {
                continue;
            }
            JsonNode p = parse(e);
            int index = p.path("index").asInt(-1);
            String item = p.path("item").asText();
            if (index < 0 || index >= items.size() || !items.get(index).equals(item)) {
                throw new ConfigurationException("batch '" + batchId + "' cannot resume: its journal has item " + index
                        + " as '" + item + "', but the items given now " + (index < 0 || index >= items.size()
                                ? "number " + items.size() : "have '" + items.get(index) + "' there")
                        + "; use a new batch id for a different list");
            }
            if (p.path("status").asText().equals("succeeded")) {
                done.put(index, new BatchItemResult.Succeeded(index, item, p.path("output").asText(),
                        p.path("runId").asText(), true));
            } else {
                done.remove(index);
            }
        }
        return done;
    }

    /** Appends the item's result (when there is a journal) and returns it. */
    BatchItemResult record(BatchItemResult result) {
        if (journal == null) {
            return result;
        }
        ObjectNode p = JSON.createObjectNode().put("index", result.index()).put("item", result.item());
        if (result instanceof BatchItemResult.Succeeded s) {
            p.put("status", "succeeded").put("output", s.output()).put("runId", s.runId());
        } else if (result instanceof BatchItemResult.Failed f) {
            p.put("status", "failed").put("error", f.error()).put("runId", f.runId());
        }
        journal.append(batchId, ITEM, "item-" + result.index(), clock.instant(), p.toString());
        return result;
    }

    private JsonNode parse(JournalEntry e) {
        try {
            return JSON.readTree(e.payloadJson());
        } catch (IOException ex) {
            throw new JournalException("batch '" + batchId + "' has an unreadable journal entry " + e.sequence() + ": "
                    + ex.getMessage(), ex);
        }
    }
}
