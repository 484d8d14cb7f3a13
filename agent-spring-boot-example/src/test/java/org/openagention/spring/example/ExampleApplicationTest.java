// SPDX-License-Identifier: Apache-2.0
package org.openagention.spring.example;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.openagention.core.testing.FaultyProvider;
import org.openagention.core.testing.Reply;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The example service on a random port, its model a loopback server speaking Anthropic's Messages
 * API (JSON and streams): a run over REST with a tool call, the events of a run as server-sent
 * events, an orchestrated run started and awaited, and the circuit breakers in the health endpoint.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class ExampleApplicationTest {
    private static final FaultyProvider PROVIDER = FaultyProvider.anthropic().otherwise(request -> {
        if (request.hasToolResults()) {
            return Reply.text("The text has 6 words.");
        }
        return request.body().contains("Count the words")
                ? Reply.toolCall("word_count", "{\"text\":\"to be or not to be\"}") : Reply.text("Done.");
    }).start();
    private static final Path DIR = tempDir();

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(30)).build();

    @LocalServerPort
    int port;

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        registry.add("openagention.model.base-url", PROVIDER::baseUrl);
        registry.add("openagention.model.api-key", () -> "sk-ant-test");
        registry.add("openagention.journal.directory", () -> DIR.resolve("runs").toString());
        registry.add("example.workspaces", () -> DIR.resolve("workspaces").toString());
    }

    @AfterAll
    static void stop() throws IOException {
        PROVIDER.close();
        try (Stream<Path> files = Files.walk(DIR)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    @Test
    void aRequestRunsTheAgentWithTheToolBean() throws Exception {
        HttpResponse<String> response = post("/agent/run", "{\"input\":\"Count the words in: to be or not to be\"}");
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).contains("\"stopReason\":\"COMPLETED\"").contains("\"text\":\"The text has 6 words.\"");
        assertThat(PROVIDER.requests()).anySatisfy(r -> assertThat(r.body()).contains("\"tool_result\"")
                .contains("\"content\":\"6\""));
        String runId = response.body().replaceAll(".*\"runId\":\"([^\"]+)\".*", "$1");
        assertThat(DIR.resolve("runs")).isDirectoryRecursivelyContaining(p -> p.toString().contains(runId));
    }

    @Test
    void theStreamEndpointSendsTheRunsEventsAsServerSentEvents() throws Exception {
        HttpRequest request = HttpRequest.newBuilder(uri("/agent/stream?input=Count%20the%20words%20please"))
                .header("Accept", "text/event-stream").timeout(Duration.ofSeconds(60)).build();
        HttpResponse<Stream<String>> response = http.send(request, HttpResponse.BodyHandlers.ofLines());
        assertThat(response.headers().firstValue("content-type")).hasValueSatisfying(
                v -> assertThat(v).startsWith("text/event-stream"));
        List<String> events;
        try (Stream<String> lines = response.body()) {
            events = lines.filter(l -> l.startsWith("event:")).map(l -> l.substring(6).strip()).toList();
        }
        assertThat(events).startsWith("run_started").endsWith("run_finished")
                .containsSubsequence("tool_started", "tool_finished", "text").contains("text");
    }

    @Test
    void anOrchestratedRunStartsAtOnceAndCanBeAwaited() throws Exception {
        HttpResponse<String> started = post("/orchestrations", "{\"goal\":\"Write two notes\",\"tasks\":["
                + "{\"id\":\"first\",\"goal\":\"Write the first note\"},"
                + "{\"id\":\"second\",\"goal\":\"Write the second note\",\"dependsOn\":[\"first\"]}]}");
        assertThat(started.statusCode()).isEqualTo(202);
        String runId = started.body().replaceAll(".*\"runId\":\"([^\"]+)\".*", "$1");
        HttpResponse<String> done = http.send(HttpRequest.newBuilder(uri("/orchestrations/" + runId + "?wait=60"))
                .timeout(Duration.ofSeconds(90)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(done.body()).contains("\"status\":\"COMPLETED\"").contains("\"first\":\"DONE\"")
                .contains("\"second\":\"DONE\"");
        assertThat(http.send(HttpRequest.newBuilder(uri("/orchestrations/orch-unknown")).build(),
                HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(404);
    }

    @Test
    void aGraphWithoutTasksIsABadRequest() throws Exception {
        HttpResponse<String> response = post("/orchestrations", "{\"goal\":\"nothing\",\"tasks\":[]}");
        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.body()).contains("a run needs at least one task");
    }

    @Test
    void theHealthEndpointReportsTheProvidersCircuitBreakers() throws Exception {
        HttpResponse<String> health = http.send(HttpRequest.newBuilder(uri("/actuator/health")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(health.statusCode()).isEqualTo(200);
        assertThat(health.body()).contains("\"openagention\":{").contains("CircuitBreaker{failureThreshold=5");
    }

    private HttpResponse<String> post(String path, String json) throws Exception {
        return http.send(HttpRequest.newBuilder(uri(path)).header("Content-Type", "application/json")
                .timeout(Duration.ofSeconds(60)).POST(HttpRequest.BodyPublishers.ofString(json)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }

    private static Path tempDir() {
        try {
            return Files.createTempDirectory("openagention-example-test");
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
