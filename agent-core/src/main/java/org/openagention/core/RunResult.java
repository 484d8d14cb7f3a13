// SPDX-License-Identifier: Apache-2.0
package org.openagention.core;

import java.time.Duration;
import java.util.List;
import org.openagention.core.message.Message;
import org.openagention.core.model.Usage;

/**
 * How a run ended: its final text, why it stopped, the whole transcript, and what it spent.
 *
 * @param runId the run's id (the key of its journal)
 * @param finalText the text of the last assistant message; empty when the run stopped before one
 * @param stopReason why the run ended
 * @param detail a sentence on why it ended (which limit, which error); empty when completed
 * @param transcript every message of the run, in order
 * @param turns how many model calls the run made
 * @param usage tokens spent over the run
 * @param costUsd dollars spent, by the agent's price table
 * @param elapsed wall-clock time of the run
 */
public record RunResult(String runId, String finalText, StopReason stopReason, String detail, List<Message> transcript,
        int turns, Usage usage, double costUsd, Duration elapsed) {

    public RunResult {
        transcript = List.copyOf(transcript);
    }

    /** Whether the model finished with its own answer. */
    public boolean isSuccess() {
        return stopReason.isSuccess();
    }

    /**
     * This result as JSON, transcript included: how a run's outcome crosses a process boundary
     * (a Temporal workflow's result, for one). {@link #fromJson} reads it back equal.
     */
    public String toJson() {
        return org.openagention.core.internal.StepJson.writeResult(this);
    }

    /**
     * Reads a result written by {@link #toJson()}.
     *
     * @throws org.openagention.core.journal.JournalException when the JSON is not a run result
     */
    public static RunResult fromJson(String json) {
        return org.openagention.core.internal.StepJson.readResult(java.util.Objects.requireNonNull(json, "json"));
    }
}
