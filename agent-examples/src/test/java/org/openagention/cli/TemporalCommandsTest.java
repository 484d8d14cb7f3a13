// SPDX-License-Identifier: Apache-2.0
package org.openagention.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.openagention.core.RunResult;
import org.openagention.core.StopReason;
import org.openagention.temporal.PendingApproval;
import org.openagention.temporal.TemporalRun;

class TemporalCommandsTest {


    @org.junit.jupiter.api.io.TempDir
    Path dir;

    @Test
    void approveSendsTheDecisionToARunWaitingOnTemporalAndReportRendersIt() throws Exception {
        try (TemporalNotes temporal = new TemporalNotes("cli-test")) {
            TemporalRun run = temporal.start("Note it");
            List<PendingApproval> pending = List.of();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (pending.isEmpty() && System.nanoTime() < deadline) {
                Thread.sleep(100);
                pending = run.pendingApprovals();
            }
            assertThat(pending).hasSize(1);

            Cli.Outcome o = Cli.inProcess(Map.of("USER", "alice"), "approve", run.runId(), pending.get(0).callId(),
                    "--allow", "--temporal", temporal.target());

            assertThat(o.exitCode()).as(o.err()).isZero();
            assertThat(o.out()).contains("allowed " + pending.get(0).callId());
            RunResult result = run.result();
            assertThat(result.stopReason()).isEqualTo(StopReason.COMPLETED);
            assertThat(temporal.notes()).isEqualTo("ship it");
            assertThat(run.journal()).anyMatch(e -> e.type().equals("approval.decided") && e.payloadJson().contains("alice"));

            Path html = dir.resolve("report.html");
            Cli.Outcome report = Cli.inProcess(Map.of(), "report", run.runId(), "--temporal", temporal.target(), "-o",
                    html.toString());
            assertThat(report.exitCode()).as(report.err()).isZero();
            assertThat(java.nio.file.Files.readString(html)).contains(run.runId()).contains("write_note");
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
