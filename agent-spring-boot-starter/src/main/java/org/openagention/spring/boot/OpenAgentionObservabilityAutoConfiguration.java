// SPDX-License-Identifier: Apache-2.0
package org.openagention.spring.boot;

import io.micrometer.observation.ObservationRegistry;
import io.opentelemetry.api.OpenTelemetry;
import org.openagention.otel.OpenTelemetryAgents;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;

/**
 * Agents observed the way the application observes: with agent-otel on the class path and an
 * {@link OpenTelemetry} bean (Boot's own, or the application's), every agent the starter builds is
 * instrumented with {@link OpenTelemetryAgents} (GenAI semantic-convention spans and metrics);
 * otherwise, with an {@link ObservationRegistry} bean, runs and tool calls become Micrometer
 * observations. {@code openagention.tracing.enabled=false} turns both off.
 */
@AutoConfiguration(afterName = {
        "org.springframework.boot.micrometer.observation.autoconfigure.ObservationAutoConfiguration",
        "org.springframework.boot.opentelemetry.autoconfigure.OpenTelemetrySdkAutoConfiguration",
        "org.springframework.boot.micrometer.tracing.opentelemetry.autoconfigure.OpenTelemetryTracingAutoConfiguration"})
@ConditionalOnBooleanProperty(name = "openagention.tracing.enabled", matchIfMissing = true)
public class OpenAgentionObservabilityAutoConfiguration {

    /** agent-otel with the application's OpenTelemetry. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass({OpenTelemetryAgents.class, OpenTelemetry.class})
    @ConditionalOnBean(OpenTelemetry.class)
    static class OpenTelemetryTracing {
        @Bean
        @ConditionalOnMissingBean
        OpenTelemetryAgents openTelemetryAgents(OpenTelemetry openTelemetry, OpenAgentionProperties properties) {
            return OpenTelemetryAgents.builder(openTelemetry)
                    .captureContent(properties.getTracing().isCaptureContent()).build();
        }

        /** First, so that the spans wrap the interceptors other customizers add. */
        @Bean
        @Order(Ordered.HIGHEST_PRECEDENCE)
        AgentCustomizer openTelemetryAgentCustomizer(OpenTelemetryAgents tracing) {
            return tracing::instrument;
        }
    }

    /** Micrometer observations, when agent-otel is not tracing. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(ObservationRegistry.class)
    @ConditionalOnBean(ObservationRegistry.class)
    @ConditionalOnMissingBean(type = "org.openagention.otel.OpenTelemetryAgents")
    static class MicrometerObservations {
        @Bean
        @Order(Ordered.HIGHEST_PRECEDENCE)
        AgentCustomizer observationAgentCustomizer(ObservationRegistry registry) {
            ObservationAgentListener listener = new ObservationAgentListener(registry);
            return agent -> agent.addListener(listener);
        }
    }
}
