// SPDX-License-Identifier: Apache-2.0
package org.openagention.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.openagention.core.journal.JournalException;
import org.openagention.core.journal.StepCodec;

/**
 * The step seam's codec of the CLI's own facts: a JSON object journaled as an entry of one type
 * ({@value DiffJournalingLanes#DIFF_ENTRY}, {@value Demo#SESSION_ENTRY}), read back by
 * {@link OrchestrationReading} for the report.
 */
record JsonFacts(String type) implements StepCodec<ObjectNode> {

    @Override
    public String encode(ObjectNode value) {
        return value.toString();
    }

    @Override
    public ObjectNode decode(String json) {
        try {
            JsonNode node = EventJson.JSON.readTree(json);
            if (node instanceof ObjectNode object) {
                return object;
            }
            throw new JournalException("a " + type + " entry is not a JSON object: " + json);
        } catch (JsonProcessingException e) {
            throw new JournalException("a " + type + " entry is not JSON: " + e.getOriginalMessage(), e);
        }
    }
}
