// SPDX-License-Identifier: Apache-2.0
package org.openagention.orchestration.batch;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.openagention.core.journal.JournalException;
import org.openagention.core.journal.StepCodec;

/**
 * The step seam's codec of a batch's one fact, an item's result ({@code batch.item}). Decoding is
 * strict: a missing or mistyped field fails naming the field. A result read back is not marked
 * resumed; the reader decides that.
 */
final class ItemCodec implements StepCodec<BatchItemResult> {
    static final String TYPE = "batch.item";
    static final ItemCodec INSTANCE = new ItemCodec();
    private static final ObjectMapper JSON = new ObjectMapper();

    private ItemCodec() {}

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public String encode(BatchItemResult result) {
        ObjectNode p = JSON.createObjectNode().put("index", result.index()).put("item", result.item());
        if (result instanceof BatchItemResult.Succeeded s) {
            p.put("status", "succeeded").put("output", s.output()).put("runId", s.runId());
        } else if (result instanceof BatchItemResult.Failed f) {
            p.put("status", "failed").put("error", f.error()).put("runId", f.runId());
        }
        return p.toString();
    }

    @Override
    public BatchItemResult decode(String json) {
        return decode(json, "a " + TYPE + " entry");
    }

    /** The result in {@code json}; {@code where} names the entry in errors. */
    static BatchItemResult decode(String json, String where) {
        JsonNode p;
        try {
            p = JSON.readTree(json);
        } catch (JsonProcessingException e) {
            throw new JournalException(where + " is not JSON: " + e.getOriginalMessage(), e);
        }
        JsonNode index = p == null ? null : p.get("index");
        if (index == null || !index.canConvertToInt() || !index.isIntegralNumber()) {
            throw new JournalException(where + ": field 'index' is " + (index == null ? "missing" : "not a whole number"));
        }
        String status = text(p, "status", where);
        switch (status) {
            case "succeeded":
                return new BatchItemResult.Succeeded(index.asInt(), text(p, "item", where), text(p, "output", where),
                        text(p, "runId", where), false);
            case "failed":
                return new BatchItemResult.Failed(index.asInt(), text(p, "item", where), text(p, "error", where),
                        text(p, "runId", where));
            default:
                throw new JournalException(where + ": field 'status' is '" + status + "', not succeeded or failed");
        }
    }

    private static String text(JsonNode p, String name, String where) {
        JsonNode n = p.get(name);
        if (n == null || !n.isTextual()) {
            throw new JournalException(where + ": field '" + name + "' is " + (n == null ? "missing" : "not a string"));
        }
        return n.asText();
    }
}
