// SPDX-License-Identifier: Apache-2.0
package org.openagention.temporal.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.openagention.core.journal.StepCodec;

/**
 * The approval facts an agent workflow journals: {@code approval.requested} (a call waits for a
 * person) and {@code approval.decided} (who decided, and why).
 */
final class ApprovalFacts {
    private static final ObjectMapper JSON = new ObjectMapper();

    private ApprovalFacts() {}

    sealed interface Fact permits Requested, Decided {}

    record Requested(String callId, String tool, String argumentsJson, String rule) implements Fact {}

    record Decided(String callId, boolean approved, String by, String reason) implements Fact {}

    static final StepCodec<Fact> CODEC = new StepCodec<>() {
        @Override
        public String type() {
            return "approval";
        }

        @Override
        public String typeOf(Fact value) {
            return value instanceof Requested ? "approval.requested" : "approval.decided";
        }

        @Override
        public String encode(Fact value) {
            ObjectNode n = JSON.createObjectNode();
            if (value instanceof Requested r) {
                n.put("kind", "requested").put("callId", r.callId()).put("tool", r.tool())
                        .put("arguments", r.argumentsJson()).put("rule", r.rule());
            } else if (value instanceof Decided d) {
                n.put("kind", "decided").put("callId", d.callId()).put("approved", d.approved()).put("by", d.by())
                        .put("reason", d.reason());
            }
            return n.toString();
        }

        @Override
        public Fact decode(String json) {
            try {
                JsonNode n = JSON.readTree(json);
                return "requested".equals(n.path("kind").asText())
                        ? new Requested(n.get("callId").asText(), n.get("tool").asText(), n.get("arguments").asText(),
                                n.get("rule").asText())
                        : new Decided(n.get("callId").asText(), n.get("approved").asBoolean(), n.get("by").asText(),
                                n.get("reason").asText());
            } catch (Exception e) {
                throw new IllegalArgumentException("not an approval fact: " + json, e);
            }
        }
    };
}
