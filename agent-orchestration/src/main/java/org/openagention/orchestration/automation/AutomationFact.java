// SPDX-License-Identifier: Apache-2.0
package org.openagention.orchestration.automation;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import org.openagention.core.journal.JournalException;
import org.openagention.core.journal.StepCodec;

/**
 * What an automation run's journal holds: why it started, and each status it reached. A closed set
 * of records with one codec ({@link #typeOf}, {@link #encode}, {@link #decode}), the step seam's
 * {@link Codec}; the JSON names its fact in the field {@code fact}, and decoding a
 * fact with a missing field fails naming the field.
 */
sealed interface AutomationFact {
    String TRIGGERED = "automation.triggered";
    String STATUS = "automation.status";

    /** The run started because {@code trigger} fired ({@code details}: what it saw). */
    record Triggered(String automation, String trigger, List<String> details) implements AutomationFact {
        public Triggered {
            details = List.copyOf(details);
        }
    }

    /** The run reached {@code status}. */
    record StatusChanged(AutomationStatus status, String detail, String agentRunId) implements AutomationFact {}

    static String typeOf(AutomationFact fact) {
        return fact instanceof Triggered ? TRIGGERED : STATUS;
    }

    static String encode(AutomationFact fact) {
        ObjectNode p = Json.MAPPER.createObjectNode().put("fact", typeOf(fact));
        if (fact instanceof Triggered t) {
            p.put("automation", t.automation()).put("trigger", t.trigger());
            t.details().forEach(p.putArray("details")::add);
        } else if (fact instanceof StatusChanged s) {
            p.put("status", s.status().name()).put("detail", s.detail()).put("agentRunId", s.agentRunId());
        }
        return p.toString();
    }

    static AutomationFact decode(String json) {
        JsonNode p;
        try {
            p = Json.MAPPER.readTree(json);
        } catch (JsonProcessingException e) {
            throw new JournalException("an automation fact is not JSON: " + e.getOriginalMessage(), e);
        }
        String type = Json.text(p, "fact");
        if (type.equals(TRIGGERED)) {
            JsonNode listed = p.get("details");
            if (listed == null || !listed.isArray()) {
                throw new JournalException("automation fact " + type + ": field 'details' is "
                        + (listed == null ? "missing" : "not an array"));
            }
            List<String> details = new ArrayList<>();
            listed.forEach(d -> details.add(d.asText()));
            return new Triggered(Json.text(p, "automation"), Json.text(p, "trigger"), details);
        } else if (type.equals(STATUS)) {
            String status = Json.text(p, "status");
            try {
                return new StatusChanged(AutomationStatus.valueOf(status), Json.text(p, "detail"),
                        Json.text(p, "agentRunId"));
            } catch (IllegalArgumentException e) {
                throw new JournalException("automation fact " + type + ": field 'status' is '" + status
                        + "', not an automation status", e);
            }
        }
        throw new JournalException("'" + type + "' is not an automation fact");
    }

    /** The step seam's codec of automation facts, over {@link #typeOf}, {@link #encode} and {@link #decode}. */
    final class Codec implements StepCodec<AutomationFact> {
        static final Codec INSTANCE = new Codec();

        private Codec() {}

        @Override
        public String type() {
            return STATUS;
        }

        @Override
        public String typeOf(AutomationFact fact) {
            return AutomationFact.typeOf(fact);
        }

        @Override
        public String encode(AutomationFact fact) {
            return AutomationFact.encode(fact);
        }

        @Override
        public AutomationFact decode(String json) {
            return AutomationFact.decode(json);
        }
    }

    /** The mapper and a strict field read. */
    final class Json {
        static final ObjectMapper MAPPER = new ObjectMapper();

        private Json() {}

        static String text(JsonNode p, String name) {
            JsonNode n = p.get(name);
            if (n == null || !n.isTextual()) {
                throw new JournalException("automation fact " + p.path("fact").asText("(unnamed)") + ": field '" + name
                        + "' is " + (n == null ? "missing" : "not a string"));
            }
            return n.asText();
        }
    }
}
