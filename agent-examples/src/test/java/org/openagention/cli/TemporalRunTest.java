// SPDX-License-Identifier: Apache-2.0
package org.openagention.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.temporal.testserver.TestServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code run --plan --temporal}: the CLI plans here, submits the graph to a worker started with
 * {@code worker --host} (in this JVM, on a port-bound Temporal test server; the host given no
 * remote, so it takes the graph's), follows it with the local progress display, and ends with the
 * local exit code and report; the accepted work is on the bare remote's target branch. The model is
 * a loopback server speaking the Chat Completions format.
 */
class TemporalRunTest {
    @TempDir
    Path dir;

    private HttpServer model;
    private ExecutorService threads;
    private final List<String> workerRequests = new CopyOnWriteArrayList<>();

    @BeforeEach
    void startModel() throws IOException {
        threads = Executors.newCachedThreadPool();
        model = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        model.setExecutor(threads);
        model.createContext("/v1/chat/completions", this::answer);
        model.start();
    }

    @AfterEach
    void stopModel() {
        model.stop(0);
        threads.shutdownNow();
    }

    /** A plan of two tasks (beta after alpha); each worker writes its file, then reports. */
    private void answer(HttpExchange exchange) throws IOException {
        String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        ObjectNode message = ChatReplies.assistant();
        if (body.contains("You plan software work")) {
            message.put("content", "{\"tasks\":["
                    + "{\"id\":\"alpha\",\"goal\":\"Create alpha.txt\",\"dependsOn\":[],\"acceptanceCommand\":\"test -f alpha.txt\"},"
                    + "{\"id\":\"beta\",\"goal\":\"Create beta.txt\",\"dependsOn\":[\"alpha\"],\"acceptanceCommand\":"
                    + "\"grep -q beta beta.txt\"}]}");
        } else if (body.contains("\"role\":\"tool\"")) {
            workerRequests.add(body);
            message.put("content", "The file is written; the task is done.");
        } else {
            workerRequests.add(body);
            String file = body.contains("Create beta.txt") ? "beta.txt" : "alpha.txt";
            ChatReplies.toolCall(message, "call_1", "write_file",
                    "{\"path\":\"" + file + "\",\"content\":\"" + file.replace(".txt", "") + "\\n\"}");
        }
        ChatReplies.send(exchange, "chatcmpl-1", message);
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    @Test
    void aPlannedRunOnTemporalWorkersEndsLikeALocalOneWithTheWorkOnTheRemote() throws Exception {
        Path remote = dir.resolve("remote.git");
        Files.createDirectories(remote);
        Git.check(remote, "init", "-q", "--bare", "-b", "main");
        Git.check(dir, "clone", "-q", remote.toString(), "seed");
        Path seed = dir.resolve("seed");
        Files.writeString(seed.resolve("README.md"), "seed\n");
        Git.check(seed, "add", "-A");
        Git.check(seed, "-c", "user.name=t", "-c", "user.email=t@example.com", "commit", "-q", "-m", "seed");
        Git.check(seed, "push", "-q", "origin", "HEAD:main");

        int port = freePort();
        TestServer.PortBoundTestServer server = TestServer.createPortBoundServer(port, true);
        Map<String, String> env = Map.of("OPENAI_API_KEY", "sk-test",
                "OPENAI_BASE_URL", "http://127.0.0.1:" + model.getAddress().getPort() + "/v1");
        String temporal = "localhost:" + port;
        Thread worker = new Thread(() -> Cli.inProcess(env, "worker", "--temporal", temporal, "--task-queue", "cli-run",
                "--host", "h1", "--dir", dir.resolve("h1").toString(), "--model", "openai:gpt-4o-mini"), "cli-worker");
        worker.start();
        try {
            Path reports = dir.resolve("reports");
            Cli.Outcome o = Cli.inProcess(env, "run", "Create alpha.txt, then beta.txt", "--plan", "--temporal", temporal,
                    "--remote", remote.toString(), "--hosts", "h1", "--task-queue", "cli-run", "--model",
                    "openai:gpt-4o-mini", "--progress", "plain", "--journal-dir", reports.toString());

            assertThat(o.exitCode()).as("%s\n%s", o.out(), o.err()).isZero();
            assertThat(o.out()).contains("Plan: [alpha, beta]", "alpha", "beta", "Result: COMPLETED", "Report: ");
            assertThat(o.out()).as("the progress shows the graph's events").contains("started: 2 tasks");
            String runId = o.out().lines().filter(l -> l.startsWith("Run orch-")).findFirst().orElseThrow()
                    .split(" ")[1];
            Git.check(dir, "clone", "-q", "-b", "main", remote.toString(), "result");
            assertThat(Files.readString(dir.resolve("result/alpha.txt"))).isEqualTo("alpha\n");
            assertThat(Files.readString(dir.resolve("result/beta.txt"))).isEqualTo("beta\n");
            assertThat(workerRequests).hasSize(4);
            String html = Files.readString(reports.resolve(runId + ".html"));
            assertThat(html).contains(runId).contains("alpha").contains("beta").contains("write_file");
            // and 'report --temporal' renders the same run later, from any machine
            Path again = dir.resolve("again.html");
            Cli.Outcome report = Cli.inProcess(Map.of(), "report", runId, "--temporal", temporal, "-o", again.toString());
            assertThat(report.exitCode()).as(report.err()).isZero();
            assertThat(Files.readString(again)).contains(runId).contains("alpha").contains("beta")
                    .contains(runId + ".alpha.a1").contains(runId + ".beta.a1");
        } finally {
            worker.interrupt();
            worker.join(60_000);
            server.close();
        }
    }

    @Test
    void badTemporalRunOptionsEndWithOneLineAndExitCode2() throws IOException {
        Cli.Outcome noRemote = Cli.inProcess(Map.of(), "run", "x", "--plan", "--temporal", "localhost:7233",
                "--hosts", "h1");
        assertThat(noRemote.exitCode()).isEqualTo(2);
        assertThat(noRemote.err().strip().lines()).hasSize(1).first().asString().contains("--remote GIT_URL");

        Cli.Outcome noPlan = Cli.inProcess(Map.of(), "run", "x", "--temporal", "localhost:7233", "--remote", "r",
                "--hosts", "h1");
        assertThat(noPlan.exitCode()).isEqualTo(2);
        assertThat(noPlan.err().strip().lines()).hasSize(1).first().asString().contains("add --plan");

        Cli.Outcome noHosts = Cli.inProcess(Map.of(), "run", "x", "--plan", "--temporal", "localhost:7233", "--remote",
                "r");
        assertThat(noHosts.exitCode()).isEqualTo(2);
        assertThat(noHosts.err()).contains("--hosts NAME");

        Cli.Outcome remoteAlone = Cli.inProcess(Map.of(), "run", "x", "--plan", "--repo", ".", "--remote", "r");
        assertThat(remoteAlone.exitCode()).isEqualTo(2);
        assertThat(remoteAlone.err()).contains("give --temporal");

        Cli.Outcome unreachable = Cli.inProcess(Map.of("OPENAI_API_KEY", "sk-test"), "run", "x", "--plan",
                "--temporal", "localhost:" + freePort(), "--remote", "r", "--hosts", "h1", "--model", "openai:gpt-4o-mini");
        assertThat(unreachable.exitCode()).isEqualTo(2);
        assertThat(unreachable.err().strip().lines()).hasSize(1).first().asString().contains("cannot reach Temporal at");
    }
}
