// SPDX-License-Identifier: Apache-2.0
package org.openagention.spring.boot;

import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.openagention.core.AgentEvent;
import org.openagention.core.AgentListener;
import org.openagention.core.tool.ToolResult;

/**
 * Agent runs as Micrometer observations, for applications that observe through Micrometer rather
 * than agent-otel: {@code openagention.agent.run} per run (low-cardinality {@code agent} and, at the
 * end, {@code stop.reason}; high-cardinality {@code run.id}) and {@code openagention.tool.call} per
 * tool call under it ({@code tool}, {@code outcome}). Boot's observation handlers turn them into
 * timers, and into spans where a tracing bridge is present. Thread-safe; never throws.
 */
final class ObservationAgentListener implements AgentListener {
    static final String RUN = "openagention.agent.run";
    static final String TOOL = "openagention.tool.call";

    private final ObservationRegistry registry;
    private final Map<String, Observation> open = new ConcurrentHashMap<>();

    ObservationAgentListener(ObservationRegistry registry) {
        this.registry = registry;
    }

    @Override
    public void onEvent(AgentEvent event) {
        if (event instanceof AgentEvent.RunStarted e) {
            open.put(e.runId(), Observation.createNotStarted(RUN, registry)
                    .lowCardinalityKeyValue("agent", e.agentName().isEmpty() ? "agent" : e.agentName())
                    .highCardinalityKeyValue("run.id", e.runId()).start());
        } else if (event instanceof AgentEvent.ToolCallStarted e) {
            Observation run = open.get(e.runId());
            open.put(e.runId() + "/" + e.call().id(), Observation.createNotStarted(TOOL, registry)
                    .parentObservation(run).lowCardinalityKeyValue("tool", e.call().name())
                    .highCardinalityKeyValue("tool.call.id", e.call().id()).start());
        } else if (event instanceof AgentEvent.ToolCallFinished e) {
            Observation call = open.remove(e.runId() + "/" + e.call().id());
            if (call != null) {
                call.lowCardinalityKeyValue("outcome", outcome(e.result())).stop();
            }
        } else if (event instanceof AgentEvent.RunFinished e) {
            Observation run = open.remove(e.runId());
            if (run != null) {
                run.lowCardinalityKeyValue("stop.reason", e.result().stopReason().name().toLowerCase(Locale.ROOT));
                if (!e.result().isSuccess()) {
                    run.highCardinalityKeyValue("detail", e.result().detail());
                }
                run.stop();
            }
        }
    }

    private static String outcome(ToolResult result) {
        return result instanceof ToolResult.Error error ? error.kind().name().toLowerCase(Locale.ROOT) : "success";
    }
}
