// SPDX-License-Identifier: Apache-2.0
package org.openagention.orchestration.batch;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.openagention.core.ConfigurationException;
import org.openagention.core.journal.JournalEntry;
import org.openagention.core.journal.StepExecutor;

/**
 * A batch's results through its {@link StepExecutor}: one {@code batch.item} fact per finished
 * item, recorded through {@link ItemCodec}, and read back from the executor's history on resume.
 */
final class BatchJournal {
    static final String ITEM = ItemCodec.TYPE;

    private final StepExecutor steps;
    private final String batchId;

    BatchJournal(StepExecutor steps, String batchId) {
        this.steps = steps;
        this.batchId = batchId;
    }

    /** The items that succeeded in earlier attempts, by index, marked resumed. */
    Map<Integer, BatchItemResult.Succeeded> completed(List<String> items) {
        Map<Integer, BatchItemResult.Succeeded> done = new HashMap<>();
        for (JournalEntry e : steps.history()) {
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

    /** Records the item's result (when the executor journals) and returns it. */
    BatchItemResult record(BatchItemResult result) {
        if (steps.journals()) {
            steps.record(ItemCodec.INSTANCE, result);
        }
        return result;
    }
}
