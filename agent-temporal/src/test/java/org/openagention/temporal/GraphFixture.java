// SPDX-License-Identifier: Apache-2.0
package org.openagention.temporal;

import io.temporal.common.WorkflowExecutionHistory;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.testing.WorkflowReplayer;
import io.temporal.worker.Worker;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.openagention.core.Agent;
import org.openagention.core.Limits;
import org.openagention.core.RetryPolicy;
import org.openagention.core.testing.FakeModel;
import org.openagention.core.tool.Tool;
import org.openagention.core.tool.ToolResult;
import org.openagention.orchestration.review.ReviewDecision;
import org.openagention.orchestration.review.Reviewer;
import org.openagention.tools.Workspace;
import org.openagention.tools.process.Git;

/**
 * A graph worker and one host on the time-skipping test server, a bare git repository as the
 * shared remote (main holds a README), and a coder agent with a scripted model and a
 * {@code write_file} tool. Registered the same way by the graph tests and the replay test.
 */
final class GraphFixture implements AutoCloseable {
    static final String QUEUE = "graphs-test";
    static final String HOST = "host-a";

    /** The write_file tool's arguments. */
    record WriteFile(String path, String text) {}

    final Git git = Git.create();
    final FakeModel model = new FakeModel("fake");
    final Path dir;
    final Path remote;
    final TestWorkflowEnvironment env;
    final Worker worker;
    final GraphRuns graphs;

    GraphFixture(Path dir) throws IOException {
        this.dir = dir;
        this.remote = dir.resolve("remote.git");
        Files.createDirectories(remote);
        git.check(remote, "init", "-q", "--bare", "-b", "main");
        Path seed = dir.resolve("seed");
        git.check(dir, "clone", "-q", remote.toString(), "seed");
        Files.writeString(seed.resolve("README.md"), "shared\n");
        git.check(seed, "add", "-A");
        git.check(seed, commit("initial"));
        git.check(seed, "push", "-q", "origin", "HEAD:main");
        env = TestWorkflowEnvironment.newInstance();
        worker = env.newWorker(QUEUE);
        AgentWorker agents = register(worker);
        TemporalGraphs.host(env.newWorker(HOST), agents, dir.resolve("host-a"), remote.toString());
        env.start();
        graphs = TemporalGraphs.client(env.getWorkflowClient(), QUEUE);
    }

    /** The agent and graph workflow registrations, shared with replay. */
    AgentWorker register(Worker w) {
        AgentWorker agents = TemporalAgents.worker(w).register("coder", this::coder);
        TemporalGraphs.worker(w).reviewer(REVIEWER);
        return agents;
    }

    private Agent coder(Workspace ws) {
        Tool write = Tool.of("write_file", "Writes a file", WriteFile.class, (a, ctx) -> {
            Files.writeString(ws.resolveForWrite(a.path()), a.text());
            return ToolResult.success("wrote " + a.path());
        });
        return Agent.builder().name("coder").model(model).instructions("Write files.").addTool(write).build();
    }

    /** Approves work whose summary says "v2"; asks for a revision otherwise. Deterministic. */
    static final Reviewer REVIEWER = item -> item.content().contains("v2") ? ReviewDecision.approve("fixture")
            : ReviewDecision.revise("fixture", "say v2 when it is right");

    List<String> commit(String message) {
        return List.of("-c", "user.name=t", "-c", "user.email=t@localhost", "-c", "commit.gpgsign=false", "commit", "-q",
                "-m", message);
    }

    static GraphOptions.Builder options(String runId) {
        return GraphOptions.builder("coder").runId(runId).hosts(HOST).parallelism(1)
                .hostPickupTimeout(Duration.ofMinutes(5))
                .attempts(TemporalRunOptions.builder().heartbeatTimeout(Duration.ofSeconds(5))
                        .retry(RetryPolicy.builder().maxAttempts(2).initialBackoff(Duration.ofMillis(10))
                                .maxBackoff(Duration.ofMillis(20)).build())
                        .limits(Limits.builder().maxTurns(6).build()).build());
    }

    /** The content of {@code file} on the remote's {@code branch}, or null when it has none. */
    String onRemote(String branch, String file) {
        Git.Result r = git.run(remote, "show", branch + ":" + file);
        return r.ok() ? r.out() : null;
    }

    static String write(String path, String text) {
        return "{\"path\":\"" + path + "\",\"text\":\"" + text + "\"}";
    }

    /**
     * Replays the graph run's history and each of its attempts' histories on this fixture's worker
     * (it fails when the workflow code takes another decision than a history holds), and records
     * them under src/test/resources/histories as graph-*.json when -Dopenagention.recordHistories=true.
     */
    void replayAndMaybeRecord(String runId) throws Exception {
        List<String> ids = new java.util.ArrayList<>(List.of(runId));
        WorkflowExecutionHistory graph = env.getWorkflowClient().fetchHistory(runId);
        graph.getEvents().stream().filter(e -> e.hasStartChildWorkflowExecutionInitiatedEventAttributes())
                .map(e -> e.getStartChildWorkflowExecutionInitiatedEventAttributes().getWorkflowId()).forEach(ids::add);
        for (String id : ids) {
            WorkflowExecutionHistory history = env.getWorkflowClient().fetchHistory(id);
            WorkflowReplayer.replayWorkflowExecution(history, worker);
            if (Boolean.getBoolean("openagention.recordHistories")) {
                Path histories = Path.of("src/test/resources/histories");
                Files.createDirectories(histories);
                Files.writeString(histories.resolve("graph-" + id + ".json"), history.toJson(true));
            }
        }
    }

    @Override
    public void close() {
        env.close();
    }
}
