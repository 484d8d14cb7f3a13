// SPDX-License-Identifier: Apache-2.0
package org.openagention.bench.otel;

import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.propagation.ContextPropagators;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.metrics.SdkMeterProvider;
import io.opentelemetry.sdk.testing.exporter.InMemoryMetricReader;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.BatchSpanProcessor;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.openagention.bench.core.TurnOverheadBenchmark;
import org.openagention.core.Agent;
import org.openagention.core.RunResult;
import org.openagention.core.message.AssistantMessage;
import org.openagention.core.tool.Tool;
import org.openagention.core.tool.ToolResult;
import org.openagention.otel.OpenTelemetryAgents;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * What agent-otel adds per turn: {@link TurnOverheadBenchmark}'s run (ten tool turns and an
 * answer, a prebuilt model, a trivial tool) with {@code none} (no tracing), {@code noop}
 * ({@link OpenTelemetryAgents} on {@link OpenTelemetry#noop()}, what an application without an
 * SDK pays) and {@code sdk} (the OpenTelemetry SDK, every span sampled, a batching span processor
 * exporting to memory, and the metrics aggregated in memory). Per turn: one chat span, one tool
 * span, a twelfth of the run's span, two histogram records.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class TracingOverheadBenchmark {
    @Param({"none", "noop", "sdk"})
    public String tracing;

    private Agent agent;
    private OpenTelemetrySdk sdk;
    private final LastBatchExporter exporter = new LastBatchExporter();

    record Text(String text) {}

    /** An in-memory exporter that keeps the newest batch only (memory stays flat) and counts the spans. */
    static final class LastBatchExporter implements SpanExporter {
        private volatile Collection<SpanData> last = List.of();
        final AtomicLong exported = new AtomicLong();

        @Override
        public CompletableResultCode export(Collection<SpanData> spans) {
            last = spans;
            exported.addAndGet(spans.size());
            return CompletableResultCode.ofSuccess();
        }

        @Override
        public CompletableResultCode flush() {
            return CompletableResultCode.ofSuccess();
        }

        @Override
        public CompletableResultCode shutdown() {
            return CompletableResultCode.ofSuccess();
        }
    }

    @Setup
    public void setUp() {
        Tool echo = Tool.of("echo", "Echoes its text", Text.class, (a, ctx) -> ToolResult.success(a.text()));
        Agent.Builder b = Agent.builder();
        if (tracing.equals("noop")) {
            b = OpenTelemetryAgents.instrument(b, OpenTelemetry.noop());
        } else if (tracing.equals("sdk")) {
            sdk = OpenTelemetrySdk.builder()
                    .setTracerProvider(SdkTracerProvider.builder()
                            .addSpanProcessor(BatchSpanProcessor.builder(exporter).build()).build())
                    .setMeterProvider(SdkMeterProvider.builder().registerMetricReader(InMemoryMetricReader.create()).build())
                    .setPropagators(ContextPropagators.create(W3CTraceContextPropagator.getInstance())).build();
            b = OpenTelemetryAgents.instrument(b, sdk);
        }
        agent = b.model(new TurnOverheadBenchmark.PrebuiltModel()).addTool(echo).build();
    }

    @TearDown
    public void tearDown() {
        if (sdk != null) {
            sdk.close();
            System.out.println("\nspans exported: " + exporter.exported.get());
        }
    }

    @Benchmark
    @OperationsPerInvocation(TurnOverheadBenchmark.TURNS)
    public RunResult run() {
        RunResult r = agent.run("go");
        if (r.turns() != TurnOverheadBenchmark.TURNS
                || !(r.transcript().get(r.transcript().size() - 1) instanceof AssistantMessage)) {
            throw new IllegalStateException("unexpected run: " + r.stopReason() + " " + r.detail());
        }
        return r;
    }
}
