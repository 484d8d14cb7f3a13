// SPDX-License-Identifier: Apache-2.0
package org.openagention.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openagention.tools.ApprovalPolicy;
import picocli.CommandLine;

class CliParsingTest {
    @TempDir
    Path dir;

    @Test
    void noCommandAsksForOne() {
        Cli.Outcome o = Cli.inProcess(Map.of());
        assertThat(o.exitCode()).isEqualTo(2);
        assertThat(o.err()).contains("give a command: run, demo, report, mcp-server, acp, serve, worker or approve");
    }

    @Test
    void helpListsTheCommands() {
        Cli.Outcome o = Cli.inProcess(Map.of(), "--help");
        assertThat(o.exitCode()).isZero();
        assertThat(o.out()).contains("run", "demo", "report", "mcp-server");
    }

    @Test
    void runHelpShowsEveryOption() {
        Cli.Outcome o = Cli.inProcess(Map.of(), "run", "--help");
        assertThat(o.out()).contains("--repo", "--plan", "--model", "--approval", "--max-turns", "--max-tokens",
                "--max-cost", "--timeout", "--parallelism", "--resume", "--offline", "--json", "--journal-dir");
    }

    @Test
    void unknownApprovalModeNamesTheValidOnes() {
        Cli.Outcome o = Cli.inProcess(Map.of(), "run", "x", "--repo", dir.toString(), "--approval", "yolo");
        assertThat(o.exitCode()).isEqualTo(2);
        assertThat(o.err()).contains("unknown approval mode 'yolo'", "ask, workspace-write, full-access or sandboxed");
    }

    @Test
    void badDurationIsRefused() {
        Cli.Outcome o = Cli.inProcess(Map.of(), "run", "x", "--repo", dir.toString(), "--timeout", "soon");
        assertThat(o.exitCode()).isEqualTo(2);
        assertThat(o.err()).contains("'soon' is not a duration");
    }

    @Test
    void zeroTurnsIsRefusedBeforeAnythingRuns() {
        Cli.Outcome o = Cli.inProcess(Map.of(), "run", "x", "--repo", dir.toString(), "--max-turns", "0");
        assertThat(o.exitCode()).isEqualTo(2);
        assertThat(o.err()).contains("--max-turns must be at least 1");
    }

    @Test
    void resumeCannotReplayARecordedSession() {
        Cli.Outcome o = Cli.inProcess(Map.of(), "run", "--offline", "--resume", "demo-1");
        assertThat(o.exitCode()).isEqualTo(2);
        assertThat(o.err()).contains("--resume cannot be used with --offline");
    }

    @Test
    void missingTaskIsNamed() {
        Cli.Outcome o = Cli.inProcess(Map.of("OPENAI_BASE_URL", "http://127.0.0.1:9"), "run", "--repo", dir.toString());
        assertThat(o.exitCode()).isEqualTo(2);
        assertThat(o.err()).contains("missing the task");
    }

    @Test
    void modelOptionNamingAnUnavailableProviderIsOneLine() {
        Cli.Outcome o = Cli.inProcess(Map.of(), "run", "x", "--repo", dir.toString(), "--model", "openai:gpt-4o-mini");
        assertThat(o.exitCode()).isEqualTo(2);
        assertThat(o.err().strip().lines()).hasSize(1);
        assertThat(o.err()).contains("openagention: ");
    }

    @Test
    void durationsReadSecondsMinutesHoursAndIso() {
        Options.DurationConverter c = new Options.DurationConverter();
        assertThat(c.convert("90s")).isEqualTo(Duration.ofSeconds(90));
        assertThat(c.convert("10m")).isEqualTo(Duration.ofMinutes(10));
        assertThat(c.convert("2h")).isEqualTo(Duration.ofHours(2));
        assertThat(c.convert("45")).isEqualTo(Duration.ofSeconds(45));
        assertThat(c.convert("PT5M")).isEqualTo(Duration.ofMinutes(5));
        assertThatThrownBy(() -> c.convert("-3s")).isInstanceOf(CommandLine.TypeConversionException.class);
    }

    @Test
    void approvalModesMapToPolicies() {
        assertThat(ApprovalMode.parse("workspace-write")).isEqualTo(ApprovalMode.WORKSPACE_WRITE);
        assertThat(ApprovalMode.parse("FULL-ACCESS")).isEqualTo(ApprovalMode.FULL_ACCESS);
        assertThat(ApprovalMode.SANDBOXED.sandboxedShell()).isTrue();
        assertThat(ApprovalMode.WORKSPACE_WRITE.sandboxedShell()).isFalse();
        assertThat(ApprovalMode.ASK.policy().defaultDecision()).isEqualTo(ApprovalPolicy.Decision.ASK);
        assertThatThrownBy(() -> ApprovalMode.parse("none")).hasMessageContaining("unknown approval mode 'none'");
    }

    @Test
    void reportOfAMissingJournalDirectoryIsOneLine() {
        Cli.Outcome o = Cli.inProcess(Map.of(), "report", "run-1", "--repo", dir.toString());
        assertThat(o.exitCode()).isEqualTo(2);
        assertThat(o.err()).contains("journal directory", "does not exist");
    }
}
