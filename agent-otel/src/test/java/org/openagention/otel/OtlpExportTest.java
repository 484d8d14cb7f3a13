// SPDX-License-Identifier: Apache-2.0
package org.openagention.otel;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.propagation.ContextPropagators;
import io.opentelemetry.exporter.otlp.http.trace.OtlpHttpSpanExporter;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.export.BatchSpanProcessor;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.openagention.core.Agent;
import org.openagention.core.testing.FakeModel;
import org.openagention.core.tool.Tool;
import org.openagention.core.tool.ToolResult;

/** The spans leave over OTLP/HTTP (protobuf) and a receiver on a loopback port decodes them. */
class OtlpExportTest {
    record Text(String text) {}

    @Test
    void aToolRunExportsOverOtlpHttpToALoopbackReceiver() throws Exception {
        List<ExportTraceServiceRequest> received = new CopyOnWriteArrayList<>();
        List<String> contentTypes = new CopyOnWriteArrayList<>();
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/v1/traces", exchange -> {
            try (InputStream in = exchange.getRequestBody()) {
                contentTypes.add(exchange.getRequestHeaders().getFirst("content-type"));
                received.add(ExportTraceServiceRequest.parseFrom(in.readAllBytes()));
            }
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        server.start();
        try {
            OtlpHttpSpanExporter exporter = OtlpHttpSpanExporter.builder()
                    .setEndpoint("http://127.0.0.1:" + server.getAddress().getPort() + "/v1/traces").build();
            OpenTelemetrySdk sdk = OpenTelemetrySdk.builder()
                    .setTracerProvider(SdkTracerProvider.builder()
                            .addSpanProcessor(BatchSpanProcessor.builder(exporter).build()).build())
                    .setPropagators(ContextPropagators.create(W3CTraceContextPropagator.getInstance())).build();
            Tool upper = Tool.of("upper", "Upper-cases text", Text.class,
                    (args, ctx) -> ToolResult.success(args.text().toUpperCase()));
            FakeModel model = new FakeModel("openai:gpt-4o-mini").enqueueToolCall("upper", "{\"text\":\"hi\"}")
                    .enqueueText("HI");

            OpenTelemetryAgents.instrument(Agent.builder(), sdk).name("helper").model(model).addTool(upper).build()
                    .run("Upper-case hi");
            assertThat(sdk.getSdkTracerProvider().forceFlush().join(10, TimeUnit.SECONDS).isSuccess()).isTrue();
            sdk.close();
        } finally {
            server.stop(0);
        }

        assertThat(contentTypes).first().isEqualTo("application/x-protobuf");
        List<io.opentelemetry.proto.trace.v1.Span> spans = received.stream()
                .flatMap(r -> r.getResourceSpansList().stream()).map(ResourceSpans::getScopeSpansList)
                .flatMap(List::stream).map(ScopeSpans::getSpansList).flatMap(List::stream).toList();
        assertThat(spans).extracting(io.opentelemetry.proto.trace.v1.Span::getName)
                .containsExactlyInAnyOrder("invoke_agent helper", "chat gpt-4o-mini", "chat gpt-4o-mini", "execute_tool upper");
        assertThat(received.get(0).getResourceSpans(0).getScopeSpans(0).getScope().getName())
                .isEqualTo("org.openagention.otel");
        assertThat(received.get(0).getResourceSpans(0).getScopeSpans(0).getSchemaUrl())
                .isEqualTo("https://opentelemetry.io/schemas/1.41.0");
        io.opentelemetry.proto.trace.v1.Span tool = spans.stream().filter(s -> s.getName().equals("execute_tool upper"))
                .findFirst().orElseThrow();
        assertThat(tool.getAttributesList()).extracting(KeyValue::getKey)
                .contains("gen_ai.operation.name", "gen_ai.tool.name", "gen_ai.tool.call.id", "gen_ai.tool.type");
    }
}
