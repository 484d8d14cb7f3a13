// SPDX-License-Identifier: Apache-2.0
package org.openagention.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openagention.core.tool.ToolCall;
import org.openagention.tools.Approver;

/** The web console's guards (token, Host, Origin), its approval channel and what it reads of journals. */
class ConsoleServerTest {

    @Test
    void everyRequestNeedsTheTokenAndAHostNamingThisServer(@TempDir Path dir) throws Exception {
        try (ConsoleServer server = new ConsoleServer(dir, InetAddress.getLoopbackAddress(), 0, Clock.systemUTC())) {
            String host = "127.0.0.1:" + server.port();
            assertThat(http(server, "GET /api/state", host, null, null, "")).startsWith("HTTP/1.1 401");
            assertThat(http(server, "GET /api/state", host, "Bearer wrong", null, "")).startsWith("HTTP/1.1 401");
            assertThat(http(server, "GET /api/state", host, "Bearer " + server.token(), null, ""))
                    .startsWith("HTTP/1.1 200").contains("\"runs\":[]");
            // A page on another name that resolves to 127.0.0.1 (DNS rebinding) is refused, token or not.
            assertThat(http(server, "GET /api/state", "evil.example:" + server.port(), "Bearer " + server.token(), null, ""))
                    .startsWith("HTTP/1.1 403").contains("answers only to " + host);
            // Opening the printed address sets the cookie; a wrong token does not.
            assertThat(http(server, "GET /?token=" + server.token(), host, null, null, "").toLowerCase(java.util.Locale.ROOT))
                    .startsWith("http/1.1 303").contains("set-cookie: oa_console=" + server.token(), "httponly",
                            "samesite=strict");
            assertThat(http(server, "GET /?token=nope", host, null, null, "")).startsWith("HTTP/1.1 401");
            String page = http(server, "GET /", host, null, "oa_console=" + server.token(), "");
            assertThat(page).startsWith("HTTP/1.1 200").containsIgnoringCase("Content-Security-Policy").contains("<h1>OpenAgention console</h1>");
        }
    }

    @Test
    void decisionsComeFromThisOriginOnlyAndTheFirstOneWins(@TempDir Path dir) throws Exception {
        ApprovalFiles files = new ApprovalFiles(dir);
        WebApprover approver = new WebApprover(files, Clock.systemUTC());
        CompletableFuture<Approver.Answer> answer = CompletableFuture.supplyAsync(() -> {
            try {
                return approver.decide(new Approver.Request("run-1", 2, new ToolCall("c1", "shell",
                        "{\"command\":\"make\"}"), false, "shell commands need approval"));
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        });
        try (ConsoleServer server = new ConsoleServer(dir, InetAddress.getLoopbackAddress(), 0, Clock.systemUTC())) {
            String host = "127.0.0.1:" + server.port();
            String auth = "Bearer " + server.token();
            ApprovalFiles.Pending pending = awaitPending(files);
            assertThat(pending.tool()).isEqualTo("shell");
            assertThat(pending.arguments()).isEqualTo("{\"command\":\"make\"}");
            JsonNode state = new ConsoleState(dir).snapshot(Instant.now());
            assertThat(state.path("approvals").get(0).path("rule").asText()).isEqualTo("shell commands need approval");

            String path = "POST /api/approvals/" + pending.id();
            assertThat(http(server, path, host, auth, null, "decision=allow")).as("no Origin")
                    .startsWith("HTTP/1.1 403");
            assertThat(httpWithOrigin(server, path, host, auth, "http://evil.example", "decision=allow"))
                    .startsWith("HTTP/1.1 403");
            assertThat(httpWithOrigin(server, path, host, auth, "http://" + host, "decision=maybe"))
                    .startsWith("HTTP/1.1 400");
            assertThat(httpWithOrigin(server, path, host, auth, "http://" + host, "decision=deny"))
                    .startsWith("HTTP/1.1 204");
            assertThat(httpWithOrigin(server, path, host, auth, "http://" + host, "decision=allow"))
                    .startsWith("HTTP/1.1 409");

            Approver.Answer a = answer.get(30, TimeUnit.SECONDS);
            assertThat(a.approved()).isFalse();
            assertThat(a.reason()).isEqualTo("denied in the web console");
            try (var left = Files.list(files.dir())) {
                assertThat(left.filter(f -> !f.getFileName().toString().startsWith("."))).as("files left").isEmpty();
            }
        }
    }

    @Test
    void anOrchestratedRunShowsItsTasksAndItsWorkersFoldedIn(@TempDir Path dir) throws Exception {
        Cli.Outcome o = Cli.inProcess(Map.of(), "run", "--offline", "--json", "--journal-dir", dir.toString());
        assertThat(o.exitCode()).as(o.err()).isZero();
        JsonNode state = new ConsoleState(dir).snapshot(Instant.now());
        assertThat(state.path("runs")).hasSize(1);
        JsonNode run = state.path("runs").get(0);
        assertThat(run.path("orchestrated").asBoolean()).isTrue();
        assertThat(run.path("status").asText()).isEqualTo("COMPLETED");
        assertThat(run.path("tasks").findValuesAsText("id")).containsExactly("fix-total", "add-coupons", "docs");
        assertThat(run.path("tasks").findValuesAsText("state")).containsOnly("DONE");
        assertThat(run.path("turns").asInt()).isPositive();
    }

    private static ApprovalFiles.Pending awaitPending(ApprovalFiles files) throws InterruptedException {
        for (int i = 0; i < 600; i++) {
            List<ApprovalFiles.Pending> p = files.pending();
            if (!p.isEmpty()) {
                return p.get(0);
            }
            Thread.sleep(50);
        }
        throw new AssertionError("no approval was asked for within 30 s");
    }

    private static String httpWithOrigin(ConsoleServer s, String request, String host, String auth, String origin,
            String body) throws IOException {
        return raw(s, request, host, auth, null, origin, body);
    }

    private static String http(ConsoleServer s, String request, String host, String auth, String cookie, String body)
            throws IOException {
        return raw(s, request, host, auth, cookie, null, body);
    }

    /** One HTTP/1.1 exchange over a socket, so that Host and Origin are exactly what the test says. */
    private static String raw(ConsoleServer s, String request, String host, String auth, String cookie, String origin,
            String body) throws IOException {
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), s.port())) {
            socket.setSoTimeout(30_000);
            StringBuilder r = new StringBuilder(request).append(" HTTP/1.1\r\nHost: ").append(host).append("\r\n");
            if (auth != null) {
                r.append("Authorization: ").append(auth).append("\r\n");
            }
            if (cookie != null) {
                r.append("Cookie: ").append(cookie).append("\r\n");
            }
            if (origin != null) {
                r.append("Origin: ").append(origin).append("\r\n");
            }
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            r.append("Content-Length: ").append(bytes.length).append("\r\nConnection: close\r\n\r\n");
            OutputStream out = socket.getOutputStream();
            out.write(r.toString().getBytes(StandardCharsets.UTF_8));
            out.write(bytes);
            out.flush();
            InputStream in = socket.getInputStream();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
