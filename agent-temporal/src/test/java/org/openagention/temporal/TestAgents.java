// SPDX-License-Identifier: Apache-2.0
package org.openagention.temporal;

import io.temporal.client.WorkflowClient;
import io.temporal.common.WorkflowExecutionHistory;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.testing.WorkflowReplayer;
import io.temporal.worker.Worker;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import org.openagention.core.Agent;
import org.openagention.core.Limits;
import org.openagention.core.RetryPolicy;
import org.openagention.core.testing.FakeModel;
import org.openagention.core.tool.Tool;
import org.openagention.core.tool.ToolResult;
import org.openagention.tools.ApprovalPolicy;
import org.openagention.tools.ApprovalRule;

/**
 * The agents the workflow tests run, registered the same way by the live tests and by the replay
 * test (a replay needs the same definitions, not the same model).
 */
final class TestAgents implements AutoCloseable {
    static final String QUEUE = "agents-test";

    /** A note argument. */
    record Note(String key, String text) {}

    /** A key argument. */
    record Key(String key) {}

    final FakeModel model = new FakeModel("fake");
    final Map<String, String> notes = new ConcurrentHashMap<>();
    final AtomicInteger writes = new AtomicInteger();
    final CountDownLatch blockingStarted = new CountDownLatch(1);
    final CountDownLatch blockingStopped = new CountDownLatch(1);

    final TestWorkflowEnvironment env;
    final Worker worker;
    final AgentRuns runs;

    TestAgents() {
        env = TestWorkflowEnvironment.newInstance();
        worker = env.newWorker(QUEUE);
        register(TemporalAgents.worker(worker));
        env.start();
        runs = TemporalAgents.client(env.getWorkflowClient(), QUEUE);
    }

    /** Registers every test agent on {@code agents}, each backed by this fixture's model and notes. */
    void register(AgentWorker agents) {
        Tool read = Tool.readOnly("read_note", "Reads a note", Key.class,
                (a, ctx) -> ToolResult.success(notes.getOrDefault(a.key(), "(none)")));
        Tool write = Tool.of("write_note", "Writes a note", Note.class, (a, ctx) -> {
            writes.incrementAndGet();
            notes.put(a.key(), a.text());
            return ToolResult.success("wrote " + a.key());
        });
        Tool blocking = Tool.of("wait_for_cancel", "Runs until the run is cancelled", Key.class, (a, ctx) -> {
            blockingStarted.countDown();
            try {
                while (!ctx.isCancelled()) {
                    Thread.sleep(20); // a long-running tool polls its context (or is interrupted)
                }
                return ToolResult.success("stopped");
            } finally {
                blockingStopped.countDown();
            }
        });
        Agent notesAgent = Agent.builder().name("notes").model(model).instructions("Keep notes.")
                .addTool(read).addTool(write).build();
        ApprovalPolicy askWrites = ApprovalPolicy.builder().allow(ApprovalRule.readOnlyTools())
                .ask(ApprovalRule.tool("write_note").label("writes need a person")).build();
        agents.register("notes", notesAgent)
                .register("blocking", notesAgent.toBuilder().name("blocking").addTool(blocking).build())
                .register("approved-week", notesAgent, Approvals.builder(askWrites).timeout(Duration.ofDays(7)).build())
                .register("approved-day", notesAgent, Approvals.builder(askWrites).timeout(Duration.ofDays(1)).build());
    }

    /** Options with fast retries, so a test's retries take no real time worth mentioning. */
    static TemporalRunOptions.Builder options(String runId) {
        return TemporalRunOptions.builder().runId(runId)
                .heartbeatTimeout(Duration.ofSeconds(3))
                .retry(RetryPolicy.builder().maxAttempts(3).initialBackoff(Duration.ofMillis(10))
                        .maxBackoff(Duration.ofMillis(20)).build())
                .limits(Limits.builder().maxTurns(10).build());
    }

    WorkflowClient client() {
        return env.getWorkflowClient();
    }

    /**
     * Replays the run's history on a worker with the same agents (it fails when the workflow code
     * takes another decision than the history holds), and records the history under
     * src/test/resources/histories when -Dopenagention.recordHistories=true.
     */
    void replayAndMaybeRecord(String runId) throws Exception {
        WorkflowExecutionHistory history = client().fetchHistory(runId);
        WorkflowReplayer.replayWorkflowExecution(history, worker);
        if (Boolean.getBoolean("openagention.recordHistories")) {
            Path dir = Path.of("src/test/resources/histories");
            Files.createDirectories(dir);
            Files.writeString(dir.resolve(runId + ".json"), history.toJson(true));
        }
    }

    static List<String> recordedRunIds() {
        return List.of("tools", "turn-limit", "cancelled", "approved-two-days-later", "approval-timeout",
                "model-error", "model-retried", "time-limit-while-waiting");
    }

    @Override
    public void close() {
        env.close();
    }
}
