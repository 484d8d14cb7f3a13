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

    /** One line: {@code Completed 7/9 (2 failed)}. */
    public String summary() {
        return "Completed " + succeeded().size() + "/" + items.size() + " (" + failed().size() + " failed)";
    }
}
