// SPDX-License-Identifier: Apache-2.0
/**
 * The control plane: planners, the task graph, the orchestrator with its workers, retries,
 * reviews and merges, and skills, automations, provenance and batches.
 */
module org.openagention.orchestration {
    requires transitive org.openagention.core;
    requires transitive org.openagention.tools;
    requires com.fasterxml.jackson.databind;
    requires com.fasterxml.jackson.dataformat.yaml;
    requires org.slf4j;

    exports org.openagention.orchestration;
    exports org.openagention.orchestration.agents;
    exports org.openagention.orchestration.automation;
    exports org.openagention.orchestration.batch;
    exports org.openagention.orchestration.graph;
    exports org.openagention.orchestration.lanes;
    exports org.openagention.orchestration.planning;
    exports org.openagention.orchestration.provenance;
    exports org.openagention.orchestration.review;
    exports org.openagention.orchestration.skills;

    // Jackson reads and writes these packages' records reflectively (structured output, journal codecs).
    opens org.openagention.orchestration.internal to com.fasterxml.jackson.databind;
    opens org.openagention.orchestration.planning to com.fasterxml.jackson.databind;
    opens org.openagention.orchestration.provenance to com.fasterxml.jackson.databind;
    opens org.openagention.orchestration.skills to com.fasterxml.jackson.databind;
}
