// SPDX-License-Identifier: Apache-2.0
package org.openagention.tools.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/** A command, with a background job of its own, does not outlive a JVM killed with SIGKILL while it runs. */
@EnabledOnOs(OS.LINUX)
class KilledJvmTest {

    /** The child JVM: runs a command that writes its pids, then sleeps for ten minutes. */
    public static void main(String[] args) throws Exception {
        Path pids = Path.of(args[0]);
        Command.builder("sh", "-c", "sleep 600 & echo \"pid:$$ pid:$!\" > " + pids + ".tmp; mv " + pids + ".tmp " + pids
                + "; wait").timeout(Duration.ofMinutes(10)).build().run();
    }

    @Test
    void theCommandsSessionIsKilledWhenTheJvmIs(@TempDir Path dir) throws Exception {
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/setsid")) || Files.isExecutable(Path.of("/bin/setsid")),
                "setsid is not installed");
        Path pidFile = dir.resolve("pids");
        Process jvm = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:TieredStopAtLevel=1", "-cp", System.getProperty("java.class.path"), KilledJvmTest.class.getName(),
                pidFile.toString()).redirectErrorStream(true).redirectOutput(dir.resolve("jvm.log").toFile()).start();
        try {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (!Files.exists(pidFile) && jvm.isAlive() && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }
            assertThat(pidFile).as("the command started (JVM log: %s)", dir.resolve("jvm.log")).exists();
            List<Long> pids = Pids.in(Files.readString(pidFile));
            assertThat(pids).hasSize(2);
            assertThat(pids).allMatch(pid -> ProcessHandle.of(pid).isPresent(), "running before the kill");
            // The JVM tells its reaper about the command's session right after starting it, before
            // the shell has run a line: this leaves that moment well behind.
            Thread.sleep(300);

            jvm.destroyForcibly(); // SIGKILL: no shutdown hook, no finally block runs
            assertThat(jvm.waitFor(30, TimeUnit.SECONDS)).isTrue();

            long gone = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
            while (System.nanoTime() < gone && pids.stream().anyMatch(pid -> ProcessHandle.of(pid)
                    .filter(h -> !ProcessTree.isGone(h)).isPresent())) {
                Thread.sleep(100);
            }
            Pids.assertAllGone(pids);
        } finally {
            jvm.destroyForcibly();
            for (long pid : Files.exists(pidFile) ? Pids.in(Files.readString(pidFile)) : List.<Long>of()) {
                ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly);
            }
        }
    }
}
