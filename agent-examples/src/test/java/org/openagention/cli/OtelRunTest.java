// SPDX-License-Identifier: Apache-2.0
package org.openagention.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.proto.trace.v1.Span;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openagention.core.testing.FaultyProvider;
import org.openagention.core.testing.Reply;

/**
 * {@code run --otel}: the SDK configured from OTEL_* variables sends the run's spans over OTLP/HTTP
 * to a receiver on a loopback port, which decodes them; without {@code --otel} no OpenTelemetry
 * class is even loaded.
 */
class OtelRunTest {
    @TempDir
    Path dir;

    private HttpServer receiver;
    private final List<ExportTraceServiceRequest> traces = new CopyOnWriteArrayList<>();
    private final List<String> paths = new CopyOnWriteArrayList<>();

    @BeforeEach
    void startReceiver() throws IOException {
        receiver = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        receiver.createContext("/", exchange -> {
            paths.add(exchange.getRequestURI().getPath());
            try (InputStream in = exchange.getRequestBody()) {
                byte[] body = in.readAllBytes();
                if (exchange.getRequestURI().getPath().equals("/v1/traces")) {
                    traces.add(ExportTraceServiceRequest.parseFrom(body));
                }
            }
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        receiver.start();
    }

    @AfterEach
    void stopReceiver() {
        receiver.stop(0);
    }

    @Test
    void aRunWithOtelExportsItsSpansOverOtlpHttp() throws Exception {
        Path repo = SampleProject.create(dir.resolve("shop"));
        try (FaultyProvider provider = FaultyProvider.openAi().then(Reply.toolCall("list_dir", "{\"path\":\".\"}"))
                .then(Reply.text("The project has src and tests.")).start()) {
            Map<String, String> env = Map.of("OPENAI_API_KEY", "sk-test", "OPENAI_BASE_URL", provider.baseUrl(),
                    "XDG_CACHE_HOME", dir.resolve("cache").toString(),
                    "OTEL_EXPORTER_OTLP_ENDPOINT", "http://127.0.0.1:" + receiver.getAddress().getPort(),
                    "OTEL_EXPORTER_OTLP_PROTOCOL", "http/protobuf", "OTEL_METRICS_EXPORTER", "none",
                    "OTEL_LOGS_EXPORTER", "none", "OTEL_SERVICE_NAME", "cli-test");

            Cli.Outcome run = Cli.inProcess(env, "run", "What is in the project?", "--repo", repo.toString(),
                    "--model", "openai:gpt-4o-mini", "--approval", "full-access", "--progress", "plain", "--otel");

            assertThat(run.exitCode()).as("%s\n%s", run.out(), run.err()).isZero();
            assertThat(run.out()).contains("tracing: OpenTelemetry");
            assertThat(provider.requests()).allSatisfy(r -> assertThat(r.header("traceparent")).isPresent());
        }
        List<Span> spans = new ArrayList<>();
        for (ExportTraceServiceRequest request : traces) {
            for (ResourceSpans rs : request.getResourceSpansList()) {
                assertThat(rs.getResource().getAttributesList()).anySatisfy(kv -> {
                    assertThat(kv.getKey()).isEqualTo("service.name");
                    assertThat(kv.getValue().getStringValue()).isEqualTo("cli-test");
                });
                rs.getScopeSpansList().stream().map(ScopeSpans::getSpansList).forEach(spans::addAll);
            }
        }
        assertThat(paths).containsOnly("/v1/traces");
        assertThat(spans).extracting(Span::getName).containsExactlyInAnyOrder("invoke_agent coder",
                "chat gpt-4o-mini", "chat gpt-4o-mini", "execute_tool list_dir");
        Span tool = spans.stream().filter(s -> s.getName().equals("execute_tool list_dir")).findFirst().orElseThrow();
        assertThat(tool.getAttributesList()).extracting(KeyValue::getKey).contains("gen_ai.tool.name", "gen_ai.tool.call.id");
        Span root = spans.stream().filter(s -> s.getName().equals("invoke_agent coder")).findFirst().orElseThrow();
        assertThat(spans).filteredOn(s -> !s.equals(root))
                .allSatisfy(s -> assertThat(s.getParentSpanId()).isEqualTo(root.getSpanId()));
    }

    @Test
    void withoutOtelNoOpenTelemetryClassIsLoaded() throws Exception {
        List<String> command = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xlog:class+load=info", "-cp", System.getProperty("java.class.path"), OpenAgentionCli.class.getName(),
                "run", "Do something", "--repo", dir.resolve("missing").toString(), "--model", "openai:gpt-4o-mini");
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true).directory(dir.toFile());
        pb.environment().put("OPENAI_API_KEY", "sk-test");
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(out).as("the run command was reached").contains("RunCommand").contains("--repo");
        assertThat(out.lines().filter(l -> l.contains("io.opentelemetry") || l.contains("org.openagention.otel")
                || l.contains("OtelTracing"))).as("OpenTelemetry classes loaded without --otel").isEmpty();
    }
}
