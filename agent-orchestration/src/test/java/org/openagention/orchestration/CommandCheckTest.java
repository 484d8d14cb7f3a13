// SPDX-License-Identifier: Apache-2.0
package org.openagention.orchestration;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openagention.orchestration.review.AcceptanceCheck;
import org.openagention.orchestration.review.CheckContext;
import org.openagention.orchestration.review.Verdict;
import org.openagention.tools.Workspace;

class CommandCheckTest {
    @TempDir
    Path dir;

    private CheckContext context() {
        return new CheckContext(Fixtures.task("t"), Workspace.local(dir), 1, "done");
    }

    @Test
    void exitZeroPassesAndRunsInTheWorkspace() throws Exception {
        Files.writeString(dir.resolve("marker.txt"), "here");
        Verdict v = AcceptanceCheck.shell("cat marker.txt; echo ' and on stderr' >&2").verify(context());
        assertThat(v).isEqualTo(Verdict.passed("here and on stderr\n"));
    }

    @Test
    void aNonZeroExitFailsWithTheOutput() throws Exception {
        Verdict v = AcceptanceCheck.command("sh", "-c", "echo 'Tests run: 3, Failures: 1'; exit 2").verify(context());
        assertThat(v).isInstanceOf(Verdict.Failed.class);
        assertThat(v.output()).contains("exited with 2").contains("Tests run: 3, Failures: 1");
    }

    @Test
    void aCommandPastItsTimeoutIsKilledWithItsChildren() throws Exception {
        Path pidFile = dir.resolve("child.pid");
        Verdict v = AcceptanceCheck.command(List.of("sh", "-c", "sleep 60 & echo $! > child.pid; wait"),
                Duration.ofMillis(500)).verify(context());
        assertThat(v).isInstanceOf(Verdict.Failed.class);
        assertThat(v.output()).contains("did not finish within PT0.5S and was killed");
        long pid = Long.parseLong(Files.readString(pidFile).trim());
        assertThat(goneOrZombie(pid)).as("the background sleep %d was killed", pid).isTrue();
    }

    /** Killed: gone, or a zombie left for an init that does not reap (as in some containers). */
    private static boolean goneOrZombie(long pid) throws Exception {
        if (ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)) {
            Path status = Path.of("/proc/" + pid + "/status");
            return Files.exists(status) && Files.readString(status).contains("State:\tZ");
        }
        return true;
    }

    @Test
    void aMissingProgramFailsWithAClearMessage() throws Exception {
        Verdict v = AcceptanceCheck.command("no-such-program-xyz").verify(context());
        assertThat(v.output()).contains("could not start");
    }

    @Test
    void longOutputKeepsItsHeadAndTail() throws Exception {
        Verdict v = AcceptanceCheck.shell("echo FIRST; seq 1 20000; echo LAST").verify(context());
        assertThat(v.output()).startsWith("FIRST").endsWith("LAST\n").contains("108905 bytes in total")
                .hasSizeLessThan(17_000);
    }
}
