// SPDX-License-Identifier: Apache-2.0
package org.openagention.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openagention.core.RunResult;
import org.openagention.core.StopReason;
import org.openagention.temporal.TemporalRun;

/** {@code serve --temporal}: the calls Temporal agent runs wait on, listed and decided through the console's HTTP API. */
class ConsoleTemporalTest {

    @Test
    void theConsoleListsARunWaitingOnTemporalAndItsAllowSendsTheSignal(@TempDir Path dir) throws Exception {
        try (TemporalNotes temporal = new TemporalNotes("openagention")) {
            TemporalRun run = temporal.start("Note it");
            List<ApprovalSource> sources = List.of(TemporalConsoleSource.connect(temporal.target(), "default",
                    "openagention", List.of()));
            try (ConsoleServer console = new ConsoleServer(dir, InetAddress.getLoopbackAddress(), 0, Clock.systemUTC(),
                    sources)) {
                HttpClient http = HttpClient.newHttpClient();
                JsonNode approval = null;
                JsonNode state = null;
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
                while (approval == null && System.nanoTime() < deadline) {
                    state = EventJson.JSON.readTree(get(http, console, "/api/state").body());
                    JsonNode list = state.path("approvals");
                    approval = list.isEmpty() ? null : list.get(0);
                    if (approval == null) {
                        Thread.sleep(200);
                    }
                }
                assertThat(approval).as("the run's approval on the console").isNotNull();
                JsonNode listed = state.path("runs").get(0);
                assertThat(listed.path("id").asText()).isEqualTo(run.runId());
                assertThat(listed.path("goal").asText()).isEqualTo("Note it");
                assertThat(listed.path("status").asText()).isEqualTo("RUNNING");
                assertThat(listed.path("waiting").asBoolean()).isTrue();
                assertThat(approval.path("runId").asText()).isEqualTo(run.runId());
                assertThat(approval.path("tool").asText()).isEqualTo("write_note");
                assertThat(approval.path("rule").asText()).isEqualTo("writes");
                assertThat(approval.path("arguments").asText()).contains("ship it");
                assertThat(temporal.notes()).as("nothing written before the decision").isEmpty();
                try (ApprovalSource otherQueue = TemporalConsoleSource.connect(temporal.target(), "default", "other",
                        List.of())) {
                    assertThat(otherQueue.pending()).as("runs of another task queue").isEmpty();
                }
                try (ApprovalSource named = TemporalConsoleSource.connect(temporal.target(), "default", "other",
                        List.of(run.runId(), "no-such-run"))) {
                    assertThat(named.pending()).as("a run named with --temporal-run, on any queue")
                            .extracting(ApprovalFiles.Pending::id).containsExactly(approval.path("id").asText());
                }

                String id = approval.path("id").asText();
                assertThat(post(http, console, "/api/approvals/" + id, "decision=allow").statusCode()).isEqualTo(204);

                RunResult result = CompletableFuture.supplyAsync(run::result).get(60, TimeUnit.SECONDS);
                assertThat(result.stopReason()).isEqualTo(StopReason.COMPLETED);
                assertThat(temporal.notes()).isEqualTo("ship it");
                assertThat(run.journal()).anyMatch(e -> e.type().equals("approval.decided")
                        && e.payloadJson().contains("\"console\""));
                // Decided, and its run over: a second decision finds nothing waiting.
                assertThat(post(http, console, "/api/approvals/" + id, "decision=deny").statusCode()).isEqualTo(409);
                assertThat(post(http, console, "/api/approvals/t-unknown", "decision=deny").statusCode()).isEqualTo(409);
            }
        }
    }

    @Test
    void aTemporalRunWithoutTemporalIsAClearError(@TempDir Path dir) {
        Cli.Outcome o = Cli.inProcess(Map.of(), "serve", "--journal-dir", dir.toString(), "--temporal-run", "r1", "--port", "0");
        assertThat(o.exitCode()).isEqualTo(2);
        assertThat(o.err()).contains("--temporal-run needs --temporal");

        Cli.Outcome bad = Cli.inProcess(Map.of(), "serve", "--journal-dir", dir.toString(), "--temporal", "nowhere", "--port", "0");
        assertThat(bad.exitCode()).isEqualTo(2);
        assertThat(bad.err()).contains("--temporal wants HOST:PORT");
    }

    @Test
    void aTemporalNobodyAnswersAtIsAClearError(@TempDir Path dir) throws IOException {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        Cli.Outcome o = Cli.inProcess(Map.of(), "serve", "--journal-dir", dir.toString(), "--temporal",
                "127.0.0.1:" + port, "--port", "0");
        assertThat(o.exitCode()).isEqualTo(2);
        assertThat(o.err()).contains("cannot reach Temporal at 127.0.0.1:" + port);
    }

    private static HttpResponse<String> get(HttpClient http, ConsoleServer s, String path)
            throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create(s.baseUrl() + path))
                .header("Authorization", "Bearer " + s.token()).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static HttpResponse<String> post(HttpClient http, ConsoleServer s, String path, String body)
            throws IOException, InterruptedException {
        // The JDK client sends no Origin of its own; the console wants one for any change, as a browser sends.
        return http.send(HttpRequest.newBuilder(URI.create(s.baseUrl() + path))
                .header("Authorization", "Bearer " + s.token()).header("Origin", s.baseUrl())
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }
}
