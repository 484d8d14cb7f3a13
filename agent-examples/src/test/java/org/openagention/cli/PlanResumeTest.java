// SPDX-License-Identifier: Apache-2.0
package org.openagention.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openagention.core.journal.JournalStore;

/**
 * {@code run --plan} killed in the middle of a worker's task, then {@code run --resume}: the resumed
 * run finds the task's git worktree, work in progress included, and finishes the worker's own run
 * from its journal as the same attempt (its write_file call replayed, not run again; issue 11,
 * problem 2). The CLI runs as a child process against a loopback server speaking the Chat
 * Completions format; the first run is killed while its worker waits for its second answer.
 */
class PlanResumeTest {
    @TempDir
    Path dir;

    private HttpServer server;
    private ExecutorService threads;
    private final CountDownLatch workerWaiting = new CountDownLatch(1);
    private final CountDownLatch release = new CountDownLatch(1);
    private final java.util.concurrent.atomic.AtomicInteger secondTurns = new java.util.concurrent.atomic.AtomicInteger();
    private final java.util.List<String> workerRequests = new java.util.concurrent.CopyOnWriteArrayList<>();

    @BeforeEach
    void startServer() throws IOException {
        threads = Executors.newCachedThreadPool();
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.setExecutor(threads);
        server.createContext("/v1/chat/completions", this::answer);
        server.start();
    }

    @AfterEach
    void stopServer() {
        release.countDown();
        server.stop(0);
        threads.shutdownNow();
    }

    /** The model: a plan of one task; its worker writes NOTE.txt, then (first run only) never answers again. */
    private void answer(HttpExchange exchange) throws IOException {
        String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        ObjectNode message = ChatReplies.assistant();
        if (body.contains("You review a worker")) {
            message.put("content", "{\"decision\":\"approve\",\"feedback\":\"\"}");
        } else if (body.contains("You plan software work")) {
            message.put("content", "{\"tasks\":[{\"id\":\"note\",\"goal\":\"Write NOTE.txt saying first half\","
                    + "\"dependsOn\":[],\"acceptanceCommand\":\"grep -q 'first half' NOTE.txt\"}]}");
        } else if (body.contains("\"role\":\"tool\"") && secondTurns.incrementAndGet() > 1) {
            workerRequests.add(body);
            message.put("content", "NOTE.txt is written; the task is done.");
        } else if (body.contains("\"role\":\"tool\"")) {
            workerRequests.add(body);
            workerWaiting.countDown();
            try {
                release.await(2, TimeUnit.MINUTES); // the test kills the CLI meanwhile
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            exchange.sendResponseHeaders(503, -1);
            exchange.close();
            return;
        } else {
            workerRequests.add(body);
            ChatReplies.toolCall(message, "call_1", "write_file", "{\"path\":\"NOTE.txt\",\"content\":\"first half\\n\"}");
        }
        ChatReplies.send(exchange, "chatcmpl-1", message);
    }

    @Test
    void resumeOfAKilledPlanRunFindsItsWorktree() throws Exception {
        Path repo = SampleProject.create(dir.resolve("shop"));
        Map<String, String> env = Map.of("OPENAI_API_KEY", "sk-test",
                "OPENAI_BASE_URL", "http://127.0.0.1:" + server.getAddress().getPort() + "/v1");

        Cli.Running first = Cli.start(dir, env, "run", "Write a note", "--repo", repo.toString(), "--plan",
                "--model", "openai:gpt-4o-mini", "--progress", "plain");
        assertThat(workerWaiting.await(2, TimeUnit.MINUTES)).as("the worker asked for its second turn").isTrue();
        first.process().destroyForcibly();
        Cli.Outcome killed = first.outcome();
        assertThat(killed.exitCode()).isNotZero();
        String runId = JournalStore.file(repo.resolve(".openagention/runs")).runIds().stream()
                .filter(id -> id.startsWith("orch-")).findFirst().orElseThrow();
        assertThat(repo.resolve("NOTE.txt")).doesNotExist(); // the work is in the task's worktree
        assertThat(Git.check(repo, "worktree", "list")).contains(runId + ".note");

        Cli.Outcome resumed = Cli.child(dir, env, "run", "--resume", runId, "--repo", repo.toString(),
                "--model", "openai:gpt-4o-mini", "--progress", "plain");

        assertThat(resumed.exitCode()).as("%s\n%s", resumed.out(), resumed.err()).isZero();
        assertThat(resumed.out()).contains("Result: COMPLETED", "Report: ");
        assertThat(Files.readString(repo.resolve("NOTE.txt"))).isEqualTo("first half\n");
        assertThat(Git.check(repo, "log", "--format=%s", "main")).contains("Merge task " + runId + ".note");
        assertThat(Git.check(repo, "worktree", "list").strip().lines()).hasSize(1);
        assertThat(workerRequests).as("the resumed worker asked only for its second answer: its first turn and"
                + " its write_file call came from its journal").hasSize(3);
        assertThat(workerRequests.get(2)).doesNotContain("was interrupted");
        JournalStore journal = JournalStore.file(repo.resolve(".openagention/runs"));
        assertThat(journal.runIds()).as("one attempt: no second worker run").contains(runId + ".note.a1")
                .doesNotContain(runId + ".note.a2");
    }
}
