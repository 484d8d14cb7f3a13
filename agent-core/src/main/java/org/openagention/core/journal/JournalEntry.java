// SPDX-License-Identifier: Apache-2.0
package org.openagention.core.journal;

import java.time.Instant;
import java.util.Objects;

/**
 * One event of a run's journal.
 *
 * @param runId the run
 * @param sequence the entry's place in the run's journal, from 1, without gaps
 * @param type what kind of event, such as {@code run.started}, {@code model.response},
 *     {@code tool.result}; extensions use their own prefix ({@code task.state})
 * @param stepId for the result of a side-effecting step, its stable id within the run (such as
 *     {@code turn-3/tool/call_ab12}); empty for other events
 * @param at when the event happened
 * @param payloadJson the event's data, as JSON text
 */
public record JournalEntry(String runId, long sequence, String type, String stepId, Instant at, String payloadJson) {
    public JournalEntry {
        Objects.requireNonNull(runId, "runId");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(stepId, "stepId");
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(payloadJson, "payloadJson");
    }
}
