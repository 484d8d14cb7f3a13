// SPDX-License-Identifier: Apache-2.0
package org.openagention.bench.temporal;

import io.temporal.client.WorkflowClient;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.serviceclient.WorkflowServiceStubsOptions;
import io.temporal.testserver.TestServer;
import io.temporal.worker.WorkerFactory;
import io.temporal.worker.WorkerOptions;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.openagention.core.Agent;
import org.openagention.core.RunResult;
import org.openagention.core.StopReason;
import org.openagention.core.message.AssistantMessage;
import org.openagention.core.model.FinishReason;
import org.openagention.core.model.ModelResponse;
import org.openagention.core.model.Usage;
import org.openagention.core.testing.FakeModel;
import org.openagention.core.tool.Tool;
import org.openagention.core.tool.ToolResult;
import org.openagention.temporal.AgentRuns;
import org.openagention.temporal.TemporalAgents;
import org.openagention.temporal.TemporalRun;
import org.openagention.temporal.TemporalRunOptions;

/**
 * Independent tasks spread over two worker JVMs against the ideal: {@code tasks} agent runs, each
 * one tool call that waits {@code waitMs} and a final answer, submitted at once to a port-bound
 * Temporal test server in this JVM and served by two worker JVMs with {@code slots} activity and
 * workflow slots each. The ideal is {@code ceil(tasks / (2 * slots)) * waitMs} (the waits alone,
 * perfectly packed); the report gives the wall time from the first submission to the last result,
 * the ratio to the ideal, and how many tool calls each JVM ran. Run on demand:
 *
 * <pre>
 * java -cp agent-bench/target/benchmarks.jar org.openagention.bench.temporal.TemporalSpread [tasks=200] [waitMs=50] [slots=100]
 * </pre>
 */
public final class TemporalSpread {
    private TemporalSpread() {}

    static final String QUEUE = "spread";

    /** The wait tool's argument. */
    public record Wait(long millis) {}

    public static void main(String[] args) throws Exception {
        int tasks = args.length > 0 ? Integer.parseInt(args[0]) : 200;
        long waitMs = args.length > 1 ? Long.parseLong(args[1]) : 50;
        int slots = args.length > 2 ? Integer.parseInt(args[2]) : 100;
        Path dir = Files.createTempDirectory("bench-spread");
        Path calls = dir.resolve("calls.txt");
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        TestServer.PortBoundTestServer server = TestServer.createPortBoundServer(port, true);
        List<Process> workers = new ArrayList<>();
        try {
            for (int i = 1; i <= 2; i++) {
                workers.add(new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                        "-cp", System.getProperty("java.class.path"), Worker.class.getName(), String.valueOf(port),
                        String.valueOf(slots), String.valueOf(waitMs), calls.toString())
                        .redirectErrorStream(true).redirectOutput(dir.resolve("worker-" + i + ".log").toFile()).start());
            }
            for (int i = 1; i <= 2; i++) {
                awaitReady(dir.resolve("worker-" + i + ".log"));
            }
            WorkflowClient client = WorkflowClient.newInstance(WorkflowServiceStubs.newServiceStubs(
                    WorkflowServiceStubsOptions.newBuilder().setTarget("localhost:" + port).build()));
            AgentRuns runs = TemporalAgents.client(client, QUEUE);
            round(runs, Math.min(tasks, 20), "warmup"); // both JVMs warm
            Files.deleteIfExists(calls);
            long t0 = System.nanoTime();
            round(runs, tasks, "run");
            long elapsed = System.nanoTime() - t0;
            long ideal = (long) Math.ceil(tasks / (2.0 * slots)) * waitMs;
            Map<String, Integer> perJvm = new TreeMap<>();
            for (String line : Files.readAllLines(calls)) {
                perJvm.merge(line.trim(), 1, Integer::sum);
            }
            System.out.printf("TemporalSpread java=%s tasks=%d wait=%d ms slots/JVM=%d%n",
                    System.getProperty("java.version"), tasks, waitMs, slots);
            System.out.printf("  wall %d ms, ideal %d ms, ratio %.1fx; %.1f tasks/s; tool calls per JVM %s%n",
                    elapsed / 1_000_000, ideal, elapsed / 1e6 / ideal, tasks / (elapsed / 1e9), perJvm.values());
        } finally {
            for (Process p : workers) {
                p.destroyForcibly();
                p.waitFor(30, TimeUnit.SECONDS);
            }
            server.close();
        }
    }

    private static void round(AgentRuns runs, int tasks, String prefix) {
        List<TemporalRun> started = new ArrayList<>();
        for (int i = 0; i < tasks; i++) {
            started.add(runs.start("waiter", "wait", TemporalRunOptions.builder().runId(prefix + "-" + i).build()));
        }
        for (TemporalRun r : started) {
            RunResult result = r.result();
            if (result.stopReason() != StopReason.COMPLETED) {
                throw new IllegalStateException(r.runId() + " ended " + result.stopReason() + ": " + result.detail());
            }
        }
    }

    private static void awaitReady(Path log) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (System.nanoTime() < deadline) {
            if (Files.exists(log) && Files.readString(log).contains("READY")) {
                return;
            }
            Thread.sleep(100);
        }
        throw new IllegalStateException("a worker did not start: " + Files.readString(log));
    }

    /** A worker JVM: port, slots, wait in ms, the file each tool call appends this JVM's pid to. */
    public static final class Worker {
        private Worker() {}

        public static void main(String[] args) throws Exception {
            int port = Integer.parseInt(args[0]);
            int slots = Integer.parseInt(args[1]);
            long waitMs = Long.parseLong(args[2]);
            Path calls = Path.of(args[3]);
            WorkflowClient client = WorkflowClient.newInstance(WorkflowServiceStubs.newServiceStubs(
                    WorkflowServiceStubsOptions.newBuilder().setTarget("localhost:" + port).build()));
            WorkerFactory factory = WorkerFactory.newInstance(client);
            io.temporal.worker.Worker worker = factory.newWorker(QUEUE, WorkerOptions.newBuilder()
                    .setMaxConcurrentActivityExecutionSize(slots).setMaxConcurrentWorkflowTaskExecutionSize(slots)
                    .build());
            String pid = String.valueOf(ProcessHandle.current().pid());
            Tool wait = Tool.of("wait", "Waits", Wait.class, (a, ctx) -> {
                Thread.sleep(a.millis());
                append(calls, pid);
                return ToolResult.success("waited");
            });
            FakeModel model = FakeModel.answering(request -> {
                boolean asked = request.messages().stream().anyMatch(m -> m instanceof AssistantMessage);
                ModelResponse.Builder b = ModelResponse.builder().modelId("bench").usage(new Usage(10, 5));
                return asked ? b.addText("done").finishReason(FinishReason.END_TURN).build()
                        : b.addToolUse("call_1", "wait", "{\"millis\":" + waitMs + "}")
                                .finishReason(FinishReason.TOOL_USE).build();
            });
            TemporalAgents.worker(worker).register("waiter", Agent.builder().name("waiter").model(model)
                    .addTool(wait).build());
            factory.start();
            System.out.println("READY");
            System.out.flush();
            Thread.currentThread().join();
        }

        private static synchronized void append(Path file, String line) {
            try {
                Files.writeString(file, line + "\n", StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                        StandardOpenOption.APPEND);
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        }
    }
}
