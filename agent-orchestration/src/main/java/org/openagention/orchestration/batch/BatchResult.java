// SPDX-License-Identifier: Apache-2.0
package org.openagention.orchestration.batch;

import java.util.List;
import java.util.Objects;

/**
 * The outcome of a batch: one result per item, in input order.
 *
 * @param batchId the batch's id (its journal key)
 * @param items one result per input item, in the order of the input
 */
public record BatchResult(String batchId, List<BatchItemResult> items) {
    public BatchResult {
        Objects.requireNonNull(batchId, "batchId");
        items = List.copyOf(items);
    }

    /** The items that succeeded, in input order. */
    public List<BatchItemResult.Succeeded> succeeded() {
        return items.stream().filter(BatchItemResult.Succeeded.class::isInstance)
                .map(BatchItemResult.Succeeded.class::cast).toList();
    }

    /** The items that failed, in input order. */
    public List<BatchItemResult.Failed> failed() {
        return items.stream().filter(BatchItemResult.Failed.class::isInstance)
                .map(BatchItemResult.Failed.class::cast).toList();
    }

    /** Whether every item succeeded. */
    public boolean allSucceeded() {
        return items.stream().allMatch(BatchItemResult::succeeded);
    }

    /** How many failed items {@link #summary()} names before it says how many more there are. */
    static final int NAMED_FAILURES = 3;

    private static final int ITEM_CHARS = 60;
    private static final int ERROR_CHARS = 120;

    /**
     * One line naming what failed: {@code Completed 7/9 (2 failed): #3 b.txt: the task threw
     * IllegalStateException: disk hiccup; #5 c.txt: the run stopped with MAX_TURNS: ...}. Each failed
     * item is given by its index in the input, the item (shortened past 60 characters) and the
     * first line of its error (shortened past 120); past three, the rest are counted ({@code; and 4
     * more}). With nothing failed it is just {@code Completed 9/9 (0 failed)}. {@link #failed()}
     * has every failure in full.
     */
    public String summary() {
        List<BatchItemResult.Failed> failed = failed();
        StringBuilder line = new StringBuilder("Completed ").append(succeeded().size()).append('/').append(items.size())
                .append(" (").append(failed.size()).append(" failed)");
        for (int i = 0; i < Math.min(failed.size(), NAMED_FAILURES); i++) {
            BatchItemResult.Failed f = failed.get(i);
            line.append(i == 0 ? ": " : "; ").append('#').append(f.index()).append(' ')
                    .append(shorten(firstLine(f.item()), ITEM_CHARS)).append(": ")
                    .append(shorten(firstLine(f.error()), ERROR_CHARS));
        }
        if (failed.size() > NAMED_FAILURES) {
            line.append("; and ").append(failed.size() - NAMED_FAILURES).append(" more");
        }
        return line.toString();
    }

    private static String firstLine(String text) {
        String stripped = text.strip();
        int end = stripped.indexOf('\n');
        return (end < 0 ? stripped : stripped.substring(0, end)).strip();
    }

    private static String shorten(String text, int max) {
        return text.length() <= max ? text : text.substring(0, max - 3) + "...";
    }
}
