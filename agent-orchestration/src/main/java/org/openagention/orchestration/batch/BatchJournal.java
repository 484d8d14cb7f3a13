package org.openagention.orchestration.batch;

import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.openagention.core.ConfigurationException;
import org.openagention.core.journal.JournalEntry;
import org.openagention.core.journal.JournalStore;

/** A batch's results in a {@link JournalStore}: one {@code batch.item} entry per finished item. */
final class BatchJournal {
    static final String ITEM = ItemCodec.TYPE;

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
            BatchItemResult r = ItemCodec.decode(e.payloadJson(), "batch '" + batchId + "' journal entry " + e.sequence());
            int index = r.index();
            String item = r.item();
            if (index < 0 || index >= items.size() || !items.get(index).equals(item)) {
                throw new ConfigurationException("batch '" + batchId + "' cannot resume: its journal has item " + index
                        + " as '" + item + "', but the items given now " + (index < 0 || index >= items.size()
                                ? "number " + items.size() : "have '" + items.get(index) + "' there")
                        + "; use a new batch id for a different list");
            }
            if (r instanceof BatchItemResult.Succeeded s) {
                done.put(index, new BatchItemResult.Succeeded(index, item, s.output(), s.runId(), true));
            } else {
                done.remove(index);
            }
        }
        return done;
    }

    /** Appends the item's result (when there is a journal) and returns it. */
    BatchItemResult record(BatchItemResult result) {
        if (journal != null) {
            journal.append(batchId, ITEM, "item-" + result.index(), clock.instant(), ItemCodec.encode(result));
        }
        return result;
    }
}
