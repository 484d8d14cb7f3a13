// SPDX-License-Identifier: Apache-2.0
package org.openagention.tools.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CommandTest {
    @TempDir
    Path dir;

    private static CommandResult sh(String script, Duration timeout) throws Exception {
        return Command.builder("sh", "-c", script).timeout(timeout).build().run();
    }

    @Test
    void aTimeoutKillsTheChildAndTheGrandchildItSpawned() throws Exception {
        // The child starts a grandchild that sleeps, and both wait: only killing the tree ends them.
        CommandResult r = sh("sh -c 'sleep 60 & echo grandchild pid:$!; wait' & echo child pid:$!; wait",
                Duration.ofSeconds(2));

        assertThat(r.ending()).isEqualTo(CommandResult.Ending.TIMED_OUT);
        assertThat(r.exitCode()).isEqualTo(-1);
        assertThat(r.succeeded()).isFalse();
        assertThat(r.describe()).contains("`sh -c").contains("did not finish within 2 s");
        List<Long> pids = Pids.in(r.output());
        assertThat(pids).as("child and grandchild printed their pids: " + r.output()).hasSize(2);
        Pids.assertAllGone(pids);
    }

    @Test
    void aBackgroundJobDoesNotOutliveACommandThatExits() throws Exception {
        CommandResult r = sh("sleep 60 & echo child pid:$!", Duration.ofSeconds(30));

        assertThat(r.succeeded()).isTrue();
        assertThat(Pids.in(r.output())).hasSize(1);
        Pids.assertAllGone(Pids.in(r.output()));
    }

    @Test
    void backgroundJobsAreLeftRunningOnlyWhenAsked() throws Exception {
        CommandResult r = Command.builder("sh", "-c", "sleep 60 >/dev/null 2>&1 & echo child pid:$!")
                .killBackgroundJobs(false).build().run();

        List<Long> pids = Pids.in(r.output());
        assertThat(pids).hasSize(1);
        ProcessHandle left = ProcessHandle.of(pids.get(0)).orElseThrow();
        try {
            assertThat(ProcessTree.isGone(left)).as("the background sleep was left running").isFalse();
        } finally {
            left.destroyForcibly();
        }
    }

    @Test
    void longOutputKeepsItsHeadAndTailAndStatesTheTotalSize() throws Exception {
        CommandResult r = Command.builder("seq", "1", "100000").headBytes(100).tailBytes(100).build().run();

        assertThat(r.succeeded()).isTrue();
        assertThat(r.outputBytes()).isEqualTo(588_895);
        assertThat(r.output()).startsWith("1\n2\n3\n").endsWith("99999\n100000\n")
                .contains("588895 bytes in total; the first 100 and the last 100 bytes are shown, 588695 bytes omitted")
                .hasSizeLessThan(400);
    }

    @Test
    void shortOutputIsKeptWhole() throws Exception {
        CommandResult r = sh("echo out; echo err >&2", Duration.ofSeconds(30));

        assertThat(r.output()).isEqualTo("out\nerr\n");
        assertThat(r.errors()).isEmpty();
    }

    @Test
    void standardErrorCanBeCapturedApart() throws Exception {
        CommandResult r = Command.builder("sh", "-c", "echo out; echo err >&2; exit 3").mergeErrors(false).build().run();

        assertThat(r.ending()).isEqualTo(CommandResult.Ending.EXITED);
        assertThat(r.exitCode()).isEqualTo(3);
        assertThat(r.output()).isEqualTo("out\n");
        assertThat(r.errors()).isEqualTo("err\n");
        assertThat(r.describe()).isEqualTo("`sh -c echo out; echo err >&2; exit 3` exited with 3");
    }

    @Test
    void runsInItsDirectoryWithItsEnvironmentAndEmptyInput() throws Exception {
        Files.writeString(dir.resolve("here.txt"), "found");
        CommandResult r = Command.builder("sh", "-c", "cat here.txt; echo \" $GREETING ${HOME:-no home}\"; cat")
                .directory(dir).environment(Map.of("HOME", "/nowhere", "PATH", System.getenv("PATH")))
                .putEnv("GREETING", "hello").removeEnv("HOME").build().run();

        assertThat(r.output()).isEqualTo("found hello no home\n");
    }

    @Test
    void cancellationKillsTheTree() throws Exception {
        AtomicBoolean cancelled = new AtomicBoolean();
        Path started = dir.resolve("started");
        Thread canceller = new Thread(() -> {
            while (!Files.exists(started)) {
                Thread.onSpinWait();
            }
            cancelled.set(true);
        });
        canceller.start();
        CommandResult r = Command.builder("sh", "-c", "sleep 60 & echo child pid:$!; touch " + started + "; wait")
                .build().run(cancelled::get);
        canceller.join();

        assertThat(r.ending()).isEqualTo(CommandResult.Ending.CANCELLED);
        assertThat(Pids.in(r.output())).hasSize(1);
        Pids.assertAllGone(Pids.in(r.output()));
    }

    @Test
    void aProgramThatDoesNotExistCannotStartAndIsNamed() {
        assertThatThrownBy(() -> Command.builder("no-such-program-xyz").directory(dir).build().run())
                .isInstanceOf(IOException.class).hasMessageContaining("cannot start `no-such-program-xyz` in " + dir);
    }

    @Test
    void theBuilderRefusesWhatCannotRun() {
        assertThatThrownBy(() -> Command.builder(List.of())).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("needs a program");
        assertThatThrownBy(() -> Command.builder(" ")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Command.builder("true").timeout(Duration.ZERO)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("positive timeout");
        assertThatThrownBy(() -> Command.builder("true").headBytes(-1)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("headBytes");
    }

    @Test
    void terminateEndsAProcessStartedElsewhereWithItsChildren() throws Exception {
        Path ready = dir.resolve("ready");
        Process p = new ProcessBuilder("sh", "-c", "sleep 60 & echo child pid:$!; touch " + ready + "; wait")
                .redirectErrorStream(true).start();
        while (!Files.exists(ready)) {
            Thread.onSpinWait();
        }
        ProcessTree tree = ProcessTree.of(p);
        tree.terminate(Duration.ofSeconds(3));

        assertThat(ProcessTree.isGone(p.toHandle())).isTrue();
        List<Long> pids = Pids.in(new String(p.getInputStream().readAllBytes()));
        assertThat(pids).hasSize(1);
        Pids.assertAllGone(pids);
    }

    @Test
    void inputIsGivenOnStandardInputAndEmptyOtherwise() throws Exception {
        CommandResult r = Command.builder("sh", "-c", "tr a-z A-Z").input("{\"event\":\"héllo\"}\n").build().run();
        assertThat(r.output()).isEqualTo("{\"EVENT\":\"HéLLO\"}\n");
        assertThat(Command.builder("cat").build().run().output()).isEmpty();
    }
}
