// SPDX-License-Identifier: Apache-2.0
package org.openagention.cli;

import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.autoconfigure.AutoConfiguredOpenTelemetrySdk;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openagention.core.Agent;
import org.openagention.orchestration.Orchestrator;
import org.openagention.orchestration.lanes.WorkerFactory;
import org.openagention.otel.OpenTelemetryAgents;

/**
 * {@code run --otel}: the OpenTelemetry SDK configured by its autoconfiguration from the standard
 * {@code OTEL_*} variables (exporter, endpoint, headers, protocol, sampler, resource; the OTLP
 * exporter over HTTP/protobuf to {@code http://localhost:4318} by default), with the service name
 * {@code openagention} unless {@code OTEL_SERVICE_NAME} says otherwise, and agent-otel's GenAI spans
 * and metrics on every agent and the orchestrator. Loaded only when {@code --otel} is given.
 */
final class OtelTracing implements RunTracing {
    private final OpenTelemetrySdk sdk;
    private final OpenTelemetryAgents tracing;

    private OtelTracing(OpenTelemetrySdk sdk) {
        this.sdk = sdk;
        this.tracing = OpenTelemetryAgents.create(sdk);
    }

    /**
     * The SDK as {@code env}'s {@code OTEL_*} variables configure it (the CLI's environment, so that
     * tests can give theirs); Java system properties ({@code -Dotel.*}) override them.
     *
     * @throws CliException when the variables configure something the SDK refuses
     */
    static OtelTracing start(Map<String, String> env) {
        Map<String, String> properties = new HashMap<>();
        properties.put("otel.service.name", "openagention");
        env.forEach((name, value) -> {
            if (name.startsWith("OTEL_")) {
                properties.put(name.toLowerCase(Locale.ROOT).replace('_', '.'), value);
            }
        });
        try {
            return new OtelTracing(AutoConfiguredOpenTelemetrySdk.builder()
                    .addPropertiesSupplier(() -> properties).build().getOpenTelemetrySdk());
        } catch (RuntimeException e) {
            throw new CliException("--otel: the OpenTelemetry SDK refused the OTEL_* settings: "
                    + JournalRead.oneLine(String.valueOf(e.getMessage())));
        }
    }

    @Override
    public Agent.Builder instrument(Agent.Builder agent) {
        return tracing.instrument(agent);
    }

    @Override
    public Orchestrator.Builder instrument(Orchestrator.Builder orchestrator, WorkerFactory workers) {
        return tracing.instrument(orchestrator, workers);
    }

    @Override
    public void close() {
        sdk.shutdown().join(10, TimeUnit.SECONDS);
    }
}
