// SPDX-License-Identifier: Apache-2.0
package org.openagention.otel.internal;

import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.common.AttributesBuilder;
import io.opentelemetry.api.metrics.DoubleHistogram;
import io.opentelemetry.api.metrics.LongHistogram;
import io.opentelemetry.api.metrics.Meter;
import io.opentelemetry.api.metrics.MeterProvider;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.api.trace.TracerProvider;
import io.opentelemetry.context.propagation.TextMapPropagator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What every span maker of one {@code OpenTelemetryAgents} shares: the tracer, the two GenAI
 * histograms, the propagator for outgoing requests, the content settings, and the open run spans
 * by run id (so that model and tool calls, which may run on other threads, find their run's span).
 * Thread-safe.
 */
public final class Telemetry {
    static final String SCOPE = "org.openagention.otel";
    /** The conventions' advised buckets for {@code gen_ai.client.token.usage}. */
    private static final List<Long> TOKEN_BUCKETS = List.of(1L, 4L, 16L, 64L, 256L, 1024L, 4096L, 16384L, 65536L,
            262144L, 1048576L, 4194304L, 16777216L, 67108864L);
    /** The conventions' advised buckets for {@code gen_ai.client.operation.duration}. */
    private static final List<Double> DURATION_BUCKETS = List.of(0.01, 0.02, 0.04, 0.08, 0.16, 0.32, 0.64, 1.28,
            2.56, 5.12, 10.24, 20.48, 40.96, 81.92);

    final Tracer tracer;
    final LongHistogram tokenUsage;
    final DoubleHistogram duration;
    final TextMapPropagator propagator;
    /** Whether the propagator adds any header (the no-op adds none: then requests are not copied). */
    final boolean propagates;
    /** Whether spans go anywhere (with the no-op tracer provider, none is even built). */
    final boolean traces;
    /** Whether metrics go anywhere (with the no-op meter provider, their attributes are not even built). */
    final boolean metrics;
    final boolean captureContent;
    final ContentJson content;
    final String workflowName;
    private final Map<String, RunSpan> runs = new ConcurrentHashMap<>();

    public Telemetry(OpenTelemetry otel, boolean captureContent, List<String> secrets, String workflowName) {
        this.tracer = otel.tracerBuilder(SCOPE).setSchemaUrl(GenAi.SCHEMA_URL).build();
        Meter meter = otel.meterBuilder(SCOPE).setSchemaUrl(GenAi.SCHEMA_URL).build();
        this.tokenUsage = meter.histogramBuilder("gen_ai.client.token.usage").ofLongs().setUnit("{token}")
                .setDescription("Number of input and output tokens used.")
                .setExplicitBucketBoundariesAdvice(TOKEN_BUCKETS).build();
        this.duration = meter.histogramBuilder("gen_ai.client.operation.duration").setUnit("s")
                .setDescription("GenAI operation duration.")
                .setExplicitBucketBoundariesAdvice(DURATION_BUCKETS).build();
        this.propagator = otel.getPropagators().getTextMapPropagator();
        this.propagates = !propagator.fields().isEmpty();
        this.metrics = otel.getMeterProvider() != MeterProvider.noop();
        this.traces = otel.getTracerProvider() != TracerProvider.noop();
        this.captureContent = captureContent;
        this.content = new ContentJson(Redaction.of(secrets));
        this.workflowName = workflowName;
    }

    RunSpan run(String runId) {
        return runs.get(runId);
    }

    void opened(String runId, RunSpan run) {
        runs.put(runId, run);
    }

    RunSpan closed(String runId) {
        return runs.remove(runId);
    }

    /** The number of runs whose span is open (for tests: a finished run leaves nothing behind). */
    public int openRuns() {
        return runs.size();
    }

    /** Marks {@code span} failed with {@code errorType}, as the conventions' error recording says. */
    static void fail(Span span, String errorType, String description) {
        span.setAttribute(GenAi.ERROR_TYPE, errorType);
        span.setStatus(StatusCode.ERROR, description);
    }

    /** The conventions' {@code error.type} for an exception: its canonical class name. */
    static String errorType(Throwable e) {
        return e.getClass().getName();
    }

    static AttributesBuilder metricAttributes(String operation, String provider, String requestModel) {
        AttributesBuilder b = Attributes.builder().put(GenAi.OPERATION_NAME, operation).put(GenAi.PROVIDER_NAME, provider);
        if (!requestModel.isEmpty()) {
            b.put(GenAi.REQUEST_MODEL, requestModel);
        }
        return b;
    }
}
