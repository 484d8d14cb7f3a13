// SPDX-License-Identifier: Apache-2.0
package org.openagention.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.temporal.client.WorkflowClient;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.serviceclient.WorkflowServiceStubsOptions;
import io.temporal.testserver.TestServer;
import io.temporal.worker.WorkerFactory;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.openagention.core.Agent;
import org.openagention.core.RunResult;
import org.openagention.core.StopReason;
import org.openagention.core.testing.FakeModel;
import org.openagention.core.tool.Tool;
import org.openagention.core.tool.ToolResult;
import org.openagention.temporal.Approvals;
import org.openagention.temporal.PendingApproval;
import org.openagention.temporal.TemporalAgents;
import org.openagention.temporal.TemporalRun;
import org.openagention.tools.ApprovalPolicy;
import org.openagention.tools.ApprovalRule;

class TemporalCommandsTest {

    /** A note's argument. */
    record Note(String text) {}

    @org.junit.jupiter.api.io.TempDir
    Path dir;

    @Test
    void approveSendsTheDecisionToARunWaitingOnTemporalAndReportRendersIt() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        TestServer.PortBoundTestServer server = TestServer.createPortBoundServer(port, true);
        WorkflowServiceStubs service = WorkflowServiceStubs.newServiceStubs(
                WorkflowServiceStubsOptions.newBuilder().setTarget("localhost:" + port).build());
        WorkerFactory factory = WorkerFactory.newInstance(WorkflowClient.newInstance(service));
        try {
            FakeModel model = new FakeModel("fake");
            model.enqueueToolCall("write_note", "{\"text\":\"ship it\"}").enqueueText("written");
            StringBuilder notes = new StringBuilder();
            Tool write = Tool.of("write_note", "Writes a note", Note.class, (a, ctx) -> {
                notes.append(a.text());
                return ToolResult.success("ok");
            });
            ApprovalPolicy askWrites = ApprovalPolicy.builder().ask(ApprovalRule.tool("write_note").label("writes")).build();
            TemporalAgents.worker(factory.newWorker("cli-test")).register("notes",
                    Agent.builder().name("notes").model(model).addTool(write).build(), Approvals.of(askWrites));
            factory.start();
            TemporalRun run = TemporalAgents.client(WorkflowClient.newInstance(service), "cli-test").start("notes", "Note it");
            List<PendingApproval> pending = List.of();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (pending.isEmpty() && System.nanoTime() < deadline) {
                Thread.sleep(100);
                pending = run.pendingApprovals();
            }
            assertThat(pending).hasSize(1);

            Cli.Outcome o = Cli.inProcess(Map.of("USER", "alice"), "approve", run.runId(), pending.get(0).callId(),
                    "--allow", "--temporal", "localhost:" + port);

            assertThat(o.exitCode()).as(o.err()).isZero();
            assertThat(o.out()).contains("allowed " + pending.get(0).callId());
            RunResult result = run.result();
            assertThat(result.stopReason()).isEqualTo(StopReason.COMPLETED);
            assertThat(notes.toString()).isEqualTo("ship it");
            assertThat(run.journal()).anyMatch(e -> e.type().equals("approval.decided") && e.payloadJson().contains("alice"));

            Path html = dir.resolve("report.html");
            Cli.Outcome report = Cli.inProcess(Map.of(), "report", run.runId(), "--temporal", "localhost:" + port, "-o",
                    html.toString());
            assertThat(report.exitCode()).as(report.err()).isZero();
            assertThat(java.nio.file.Files.readString(html)).contains(run.runId()).contains("write_note");
        } finally {
            factory.shutdownNow();
            service.shutdownNow();
            server.close();
        }
    }

    @Test
    void badTemporalOptionsEndWithOneLineAndExitCode2() {
        Cli.Outcome noDecision = Cli.inProcess(Map.of(), "approve", "r1", "c1", "--temporal", "localhost:7233");
        assertThat(noDecision.exitCode()).isEqualTo(2);
        assertThat(noDecision.err()).contains("--allow").contains("--deny");

        Cli.Outcome badTarget = Cli.inProcess(Map.of(), "approve", "r1", "c1", "--deny", "--temporal", "nowhere");
        assertThat(badTarget.exitCode()).isEqualTo(2);
        assertThat(badTarget.err()).contains("--temporal wants HOST:PORT");

        Cli.Outcome hostAlone = Cli.inProcess(Map.of(), "worker", "--temporal", "localhost:7233", "--host", "h1");
        assertThat(hostAlone.exitCode()).isEqualTo(2);
        assertThat(hostAlone.err()).contains("--host needs --dir");
    }

    @Test
    void theCliStartsWithoutLoadingTemporal() throws IOException, InterruptedException {
        Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-verbose:class", "-cp", System.getProperty("java.class.path"), OpenAgentionCli.class.getName(), "--help")
                .redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(out).contains("worker").contains("approve").contains("org.openagention.cli.WorkerCommand");
        assertThat(out).doesNotContain("io.temporal.");
    }
}
