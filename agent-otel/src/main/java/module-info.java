// SPDX-License-Identifier: Apache-2.0
/**
 * OpenTelemetry for OpenAgention: GenAI semantic-convention spans and metrics for agent runs and
 * orchestrated runs. Depends on the OpenTelemetry API only; the SDK and exporters are the
 * application's choice. See {@link org.openagention.otel.OpenTelemetryAgents}.
 */
module org.openagention.otel {
    requires transitive org.openagention.core;
    requires transitive org.openagention.orchestration;
    requires org.openagention.tools;
    requires transitive io.opentelemetry.api;
    requires io.opentelemetry.context;

    exports org.openagention.otel;
}
