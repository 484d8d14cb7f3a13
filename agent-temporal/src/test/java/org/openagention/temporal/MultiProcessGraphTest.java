// SPDX-License-Identifier: Apache-2.0
package org.openagention.temporal;

import static org.assertj.core.api.Assertions.assertThat;

import io.temporal.client.WorkflowClient;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.serviceclient.WorkflowServiceStubsOptions;
import io.temporal.testserver.TestServer;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.openagention.core.journal.JournalEntry;
import org.openagention.orchestration.OrchestrationResult;
import org.openagention.orchestration.Orchestrator;
import org.openagention.orchestration.RunStatus;
import org.openagention.orchestration.TaskReport;
import org.openagention.orchestration.graph.TaskState;
import org.openagention.orchestration.lanes.WorkerFactory;
import org.openagention.tools.process.Git;

/**
 * Issue 12's multi-process test: a port-bound Temporal test server in this JVM, two worker JVMs
 * (each a host; the second also a graph worker), a bare git repository as the shared remote, and a client
 * submitting six shell tasks. host-1 is killed with SIGKILL (its whole process tree, as a dead
 * machine would be) while one of its tasks is in its second step; host-2 finishes the run.
 */
class MultiProcessGraphTest {
    static final String QUEUE = "graphs-mp";

    @TempDir
    Path dir;
    private final List<Process> workers = new ArrayList<>();
    private TestServer.PortBoundTestServer server;

    @AfterEach
    void stop() throws Exception {
        Path logs = Files.createDirectories(Path.of("target", "multiprocess-logs"));
        if (Files.isDirectory(dir.resolve("markers"))) {
            try (Stream<Path> files = Files.list(dir.resolve("markers"))) {
                Files.writeString(logs.resolve("markers.txt"), files.map(f -> f.getFileName() + "").sorted()
                        .reduce("", (a, b) -> a + b + "\n"));
            }
        }
        for (String host : List.of("host-1", "host-2")) {
            if (Files.exists(dir.resolve(host + ".log"))) {
                Files.copy(dir.resolve(host + ".log"), logs.resolve(host + ".log"),
                        java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            }
        }
        for (Process p : workers) {
            p.descendants().forEach(ProcessHandle::destroyForcibly);
            p.destroyForcibly();
            p.waitFor(30, TimeUnit.SECONDS);
        }
        if (server != null) {
            server.close();
        }
    }

    @Test
    @Timeout(value = 5, unit = TimeUnit.MINUTES)
    void aGraphSurvivesTheSigkillOfAWorkerMachineAndMatchesTheLocalRun() throws Exception {
        Git git = Git.create();
        Path remote = dir.resolve("remote.git");
        Files.createDirectories(remote);
        git.check(remote, "init", "-q", "--bare", "-b", "main");
        git.check(dir, "clone", "-q", remote.toString(), "seed");
        Path seed = dir.resolve("seed");
        Files.writeString(seed.resolve("README.md"), "shared\n");
        git.check(seed, "add", "-A");
        git.check(seed, "-c", "user.name=t", "-c", "user.email=t@localhost", "-c", "commit.gpgsign=false", "commit",
                "-q", "-m", "initial");
        git.check(seed, "push", "-q", "origin", "HEAD:main");
        Path markers = Files.createDirectories(dir.resolve("markers"));

        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        server = TestServer.createPortBoundServer(port, true); // real time: time skipping locked
        // host-1 serves only its host queue: the test server hands tasks to the pending polls of a
        // killed worker and loses them (a real cluster does not), so the JVM that dies must not
        // poll the shared queue; host-2 also runs the graph workflows and the model calls.
        Process host1 = worker(port, "host-1", remote, markers, false);
        Process host2 = worker(port, "host-2", remote, markers, true);
        awaitReady(host1, "host-1");
        awaitReady(host2, "host-2");

        WorkflowClient client = WorkflowClient.newInstance(WorkflowServiceStubs.newServiceStubs(
                WorkflowServiceStubsOptions.newBuilder().setTarget("localhost:" + port).build()));
        GraphRuns graphs = TemporalGraphs.client(client, QUEUE);
        TemporalGraphRun run = graphs.start("six shell tasks", ShellGraph.graph(), GraphOptions.builder("coder")
                .runId("mp").hosts("host-1", "host-2").integrator("host-2").parallelism(2)
                .hostPickupTimeout(Duration.ofSeconds(8))
                .attempts(TemporalRunOptions.builder().heartbeatTimeout(Duration.ofSeconds(8))
                        .modelCallTimeout(Duration.ofSeconds(60)).toolCallTimeout(Duration.ofMinutes(5)).build())
                .build());

        String blocked = awaitBlocked(markers);
        host1.descendants().forEach(ProcessHandle::destroyForcibly); // the machine dies: its commands too
        host1.destroyForcibly(); // SIGKILL
        assertThat(host1.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(host1.exitValue()).isEqualTo(137);

        try {
            client.newUntypedWorkflowStub("mp").getResult(100, TimeUnit.SECONDS, String.class);
        } catch (java.util.concurrent.TimeoutException e) {
            StringBuilder sb = new StringBuilder("the graph did not finish; the end of its history:\n");
            var events = client.fetchHistory("mp").getEvents();
            events.subList(Math.max(0, events.size() - 12), events.size())
                    .forEach(ev -> sb.append(ev.getEventId()).append(' ').append(ev.getEventType()).append('\n'));
            for (var ev : events) {
                if (ev.hasStartChildWorkflowExecutionInitiatedEventAttributes()) {
                    String child = ev.getStartChildWorkflowExecutionInitiatedEventAttributes().getWorkflowId();
                    sb.append("child ").append(child).append(":\n");
                    for (var ce : client.fetchHistory(child).getEvents()) {
                        sb.append("  ").append(ce.getEventId()).append(' ').append(ce.getEventType());
                        if (ce.hasActivityTaskScheduledEventAttributes()) {
                            var at = ce.getActivityTaskScheduledEventAttributes();
                            sb.append(' ').append(at.getActivityType().getName()).append(" on ")
                                    .append(at.getTaskQueue().getName());
                        }
                        if (ce.hasActivityTaskTimedOutEventAttributes()) {
                            sb.append(' ').append(ce.getActivityTaskTimedOutEventAttributes().getFailure().getMessage());
                        }
                        if (ce.hasActivityTaskStartedEventAttributes()) {
                            sb.append(' ').append(ce.getActivityTaskStartedEventAttributes().getIdentity());
                        }
                        sb.append('\n');
                    }
                }
            }
            new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "jstack").toString(),
                    String.valueOf(host2.pid())).redirectOutput(dir.resolve("host-2.jstack").toFile()).start()
                    .waitFor(30, TimeUnit.SECONDS);
            Files.copy(dir.resolve("host-2.jstack"), Path.of("target", "multiprocess-logs", "host-2.jstack"),
                    java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            throw new AssertionError(sb.toString(), e);
        }
        OrchestrationResult result = run.result();

        assertThat(result.status()).as(result.toString()).isEqualTo(RunStatus.COMPLETED);
        assertThat(result.tasks()).extracting(TaskReport::state).containsOnly(TaskState.DONE);
        // every step's side effect happened exactly once, the killed one's included
        for (int i = 1; i <= 6; i++) {
            List<String> lines = Files.readAllLines(markers.resolve("t" + i + ".log"));
            assertThat(lines).as("markers of t" + i).hasSize(2);
            assertThat(lines.get(0)).startsWith("t" + i + " step1 ");
            assertThat(lines.get(1)).startsWith("t" + i + " step2 ");
        }
        // the killed host's task went on from its last pushed state: its first step (pushed by
        // host-1) was not done again; its second was done on host-2, in a second attempt
        assertThat(Files.readAllLines(markers.resolve(blocked + ".log")))
                .containsExactly(blocked + " step1 host-1", blocked + " step2 host-2");
        assertThat(result.task(blocked).orElseThrow().attempts()).isEqualTo(2);

        // the target branch holds the same tree as the same graph run locally
        git.check(dir, "clone", "-q", "-b", "main", remote.toString(), "result");
        Path local = dir.resolve("local");
        git.check(dir, "clone", "-q", seed.toString(), "local");
        Path localMarkers = Files.createDirectories(dir.resolve("local-markers"));
        OrchestrationResult localRun = Orchestrator.builder()
                .workers(WorkerFactory.agents((task, ws) -> ShellGraph.agent(ws, localMarkers, "local")))
                .repository(local, "main").parallelism(2).build().run(ShellGraph.graph());
        assertThat(localRun.status()).isEqualTo(RunStatus.COMPLETED);
        assertThat(git.check(dir.resolve("result"), "rev-parse", "HEAD^{tree}"))
                .isEqualTo(git.check(local, "rev-parse", "main^{tree}"));
        assertThat(git.check(dir.resolve("result"), "ls-files")).contains("t6-2.txt");

        // the run's journal covers the whole run: every task's attempts, checks and merges
        List<JournalEntry> journal = run.journal();
        assertThat(journal).extracting(JournalEntry::type).contains("graph.started", "graph.finished");
        assertThat(journal.stream().filter(e -> e.type().equals("task.attempt.started")).count()).isEqualTo(7);
        assertThat(run.attempt("mp." + blocked + ".a2").journal()).extracting(JournalEntry::type)
                .startsWith("run.started").endsWith("run.finished");
    }

    private Process worker(int port, String host, Path remote, Path markers, boolean graph) throws IOException {
        Path log = dir.resolve(host + ".log");
        Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:TieredStopAtLevel=1", "-Xss1m", "-cp", System.getProperty("java.class.path"),
                GraphHostMain.class.getName(), String.valueOf(port), host, dir.resolve(host).toString(),
                remote.toString(), markers.toString(), graph ? "graph" : "host")
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        workers.add(p);
        return p;
    }

    private void awaitReady(Process p, String host) throws Exception {
        Path log = dir.resolve(host + ".log");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
        while (System.nanoTime() < deadline) {
            if (Files.exists(log) && Files.readString(log).contains("READY " + host)) {
                return;
            }
            if (!p.isAlive()) {
                throw new AssertionError(host + " exited:\n" + Files.readString(log));
            }
            Thread.sleep(100);
        }
        throw new AssertionError(host + " did not start:\n" + Files.readString(log));
    }

    private static String awaitBlocked(Path markers) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
        while (System.nanoTime() < deadline) {
            try (Stream<Path> files = Files.list(markers)) {
                var found = files.map(f -> f.getFileName().toString()).filter(n -> n.startsWith("blocked-")).findFirst();
                if (found.isPresent()) {
                    return found.get().substring("blocked-".length());
                }
            }
            Thread.sleep(100);
        }
        throw new AssertionError("no task blocked on host-1 within 90 s");
    }
}
