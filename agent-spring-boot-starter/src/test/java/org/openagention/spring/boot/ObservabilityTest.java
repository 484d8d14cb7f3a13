// SPDX-License-Identifier: Apache-2.0
package org.openagention.spring.boot;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationHandler;
import io.micrometer.observation.ObservationRegistry;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.openagention.core.Agent;
import org.openagention.core.model.Model;
import org.openagention.core.providers.CircuitBreaker;
import org.openagention.core.testing.Fault;
import org.openagention.core.testing.FaultyProvider;
import org.openagention.otel.OpenTelemetryAgents;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.opentelemetry.autoconfigure.OpenTelemetrySdkAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/** agent-otel on the application's OpenTelemetry, Micrometer observations without it, and the breakers' health. */
class ObservabilityTest {
    private static final ApplicationContextRunner RUNNER = ModelPropertiesTest.RUNNER
            .withUserConfiguration(AgentBeansTest.Tools.class);

    @Test
    void withAnOpenTelemetryBeanAgentsEmitGenAiSpans() {
        InMemorySpanExporter spans = InMemorySpanExporter.create();
        OpenTelemetrySdk sdk = OpenTelemetrySdk.builder().setTracerProvider(SdkTracerProvider.builder()
                .addSpanProcessor(SimpleSpanProcessor.create(spans)).build()).build();
        List<SpanData> finished = new CopyOnWriteArrayList<>();
        // the context closes the SDK, and the in-memory exporter forgets its spans when shut down: read them before
        RUNNER.withBean(OpenTelemetry.class, () -> sdk).withPropertyValues("openagention.agent.name=helper").run(ctx -> {
            assertThat(ctx).hasSingleBean(OpenTelemetryAgents.class);
            ctx.getBean(Agent.class).run("Upper-case hi");
            finished.addAll(spans.getFinishedSpanItems());
        });
        List<String> names = finished.stream().map(SpanData::getName).toList();
        assertThat(names).containsExactlyInAnyOrder("invoke_agent helper", "chat gpt-4o-mini", "chat gpt-4o-mini",
                "execute_tool upper");
        SpanData tool = finished.stream().filter(s -> s.getName().equals("execute_tool upper"))
                .findFirst().orElseThrow();
        assertThat(tool.getAttributes().get(AttributeKey.stringKey("gen_ai.tool.name"))).isEqualTo("upper");
    }

    @Test
    void springBootsOwnOpenTelemetrySdkTracesTheAgents() {
        InMemorySpanExporter spans = InMemorySpanExporter.create();
        List<String> names = new CopyOnWriteArrayList<>();
        RUNNER.withConfiguration(AutoConfigurations.of(OpenTelemetrySdkAutoConfiguration.class))
                .withBean(SdkTracerProvider.class, () -> SdkTracerProvider.builder()   // what a tracing bridge would give
                        .addSpanProcessor(SimpleSpanProcessor.create(spans)).build())
                .run(ctx -> {
                    assertThat(ctx).hasSingleBean(OpenTelemetry.class).hasSingleBean(OpenTelemetryAgents.class);
                    ctx.getBean(Agent.class).run("Upper-case hi");
                    spans.getFinishedSpanItems().forEach(s -> names.add(s.getName()));
                });
        assertThat(names).contains("invoke_agent agent", "execute_tool upper");
    }

    @Test
    void tracingCanBeTurnedOff() {
        InMemorySpanExporter spans = InMemorySpanExporter.create();
        OpenTelemetrySdk sdk = OpenTelemetrySdk.builder().setTracerProvider(SdkTracerProvider.builder()
                .addSpanProcessor(SimpleSpanProcessor.create(spans)).build()).build();
        RUNNER.withBean(OpenTelemetry.class, () -> sdk).withPropertyValues("openagention.tracing.enabled=false")
                .run(ctx -> {
                    assertThat(ctx).doesNotHaveBean(OpenTelemetryAgents.class);
                    assertThat(ctx.getBean(Agent.class).run("Upper-case hi").finalText()).isEqualTo("HI");
                    assertThat(spans.getFinishedSpanItems()).isEmpty();
                });
    }

    @Test
    void withoutAgentOtelRunsAndToolCallsAreMicrometerObservations() {
        List<String> stopped = new CopyOnWriteArrayList<>();
        ObservationRegistry registry = ObservationRegistry.create();
        registry.observationConfig().observationHandler(new ObservationHandler<Observation.Context>() {
            @Override
            public void onStop(Observation.Context context) {
                stopped.add(context.getName() + " " + context.getLowCardinalityKeyValues().stream()
                        .map(kv -> kv.getKey() + "=" + kv.getValue()).sorted().toList()
                        + (context.getParentObservation() == null ? "" : " under "
                                + context.getParentObservation().getContextView().getName()));
            }

            @Override
            public boolean supportsContext(Observation.Context context) {
                return true;
            }
        });
        RUNNER.withBean(ObservationRegistry.class, () -> registry)
                .withClassLoader(new FilteredClassLoader(OpenTelemetryAgents.class))
                .run(ctx -> ctx.getBean(Agent.class).run("Upper-case hi"));
        assertThat(stopped).containsExactly(
                "openagention.tool.call [outcome=success, tool=upper] under openagention.agent.run",
                "openagention.agent.run [agent=agent, stop.reason=completed]");
    }

    @Test
    void theHealthIndicatorIsDownWhileABreakerIsOpen() throws Exception {
        try (FaultyProvider provider = FaultyProvider.openAi().then(Fault.status(500)).start()) {
            ModelPropertiesTest.RUNNER.withPropertyValues("openagention.model.provider=openai",
                    "openagention.model.api-key=k", "openagention.model.base-url=" + provider.baseUrl(),
                    "openagention.model.retry.max-attempts=1", "openagention.model.circuit-breaker.failure-threshold=1",
                    "openagention.model.circuit-breaker.cooldown=10m").run(ctx -> {
                        HealthIndicator health = ctx.getBean("openagentionHealthIndicator", HealthIndicator.class);
                        assertThat(health.health().getStatus()).isEqualTo(Status.UP);
                        assertThat(ctx.getBean(CircuitBreaker.class).failureThreshold()).isEqualTo(1);
                        ctx.getBean(Agent.class).run("hi");
                        Health down = health.health();
                        assertThat(down.getStatus()).isEqualTo(Status.DOWN);
                        assertThat(down.getDetails().get("endpoints").toString())
                                .contains(provider.baseUrl() + "/chat/completions=OPEN");
                    });
        }
    }

    @Test
    void theHealthIndicatorNeedsSpringBootHealthAndABreaker() {
        RUNNER.run(ctx -> assertThat(ctx).hasSingleBean(Model.class).doesNotHaveBean("openagentionHealthIndicator"));
        ModelPropertiesTest.RUNNER.withPropertyValues("openagention.model.provider=openai", "openagention.model.api-key=k")
                .withClassLoader(new FilteredClassLoader(HealthIndicator.class))
                .run(ctx -> assertThat(ctx).hasNotFailed().doesNotHaveBean("openagentionHealthIndicator"));
        ModelPropertiesTest.RUNNER.withPropertyValues("openagention.model.provider=openai", "openagention.model.api-key=k",
                "management.health.openagention.enabled=false")
                .run(ctx -> assertThat(ctx).doesNotHaveBean("openagentionHealthIndicator"));
    }
}
