// SPDX-License-Identifier: Apache-2.0
package org.openagention.orchestration.batch;

import java.util.Objects;

/**
 * How one item of a batch ended: {@link Succeeded} with the agent's answer, or {@link Failed}
 * with the reason. A closed set.
 */
public sealed interface BatchItemResult {

    /** The item's place in the batch's input, from 0. */
    int index();

    /** The item as given. */
    String item();

    /** Whether the item succeeded. */
    default boolean succeeded() {
        return this instanceof Succeeded;
    }

    /**
     * The item's run ended with the model's answer.
     *
     * @param output the run's final text
     * @param runId the agent run's id (its journal key); empty when the task made no run id known
     * @param resumed true when this result was read back from the journal of an earlier attempt
     *     rather than run again
     */
    record Succeeded(int index, String item, String output, String runId, boolean resumed) implements BatchItemResult {
        public Succeeded {
            Objects.requireNonNull(item, "item");
            Objects.requireNonNull(output, "output");
            Objects.requireNonNull(runId, "runId");
        }
    }

    /**
     * The item failed: its task threw, or its run stopped without the model's answer (a limit, a
     * provider failure). Failed items are run again when the batch is resumed.
     *
     * @param error what went wrong, in a sentence (the stop reason and detail, or the exception)
     * @param runId the agent run's id, or empty when the task threw before returning one
     */
    record Failed(int index, String item, String error, String runId) implements BatchItemResult {
        public Failed {
            Objects.requireNonNull(item, "item");
            Objects.requireNonNull(error, "error");
            Objects.requireNonNull(runId, "runId");
        }
    }
}
