// SPDX-License-Identifier: Apache-2.0
package org.openagention.orchestration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openagention.core.journal.JournalStore;

class ResumeTest {
    @TempDir
    Path dir;

    @Test
    void aRunKilledWithSigkillMidGraphResumesToTheSameResultWithoutRerunningCompletedTasks() throws Exception {
        Path plain = Files.createDirectories(dir.resolve("uninterrupted"));
        OrchestrationResult expected = ResumeScenario.orchestrator(plain.resolve("journal"), plain.resolve("lanes"),
                plain.resolve("log"), plain.resolve("markers"), "").run("plain-run", "", ResumeScenario.graph());
        assertThat(expected.status()).isEqualTo(RunStatus.COMPLETED);

        Path k = Files.createDirectories(dir.resolve("killed"));
        Path markers = Files.createDirectories(k.resolve("markers"));
        Path childLog = k.resolve("child.out");
        Process child = startChild(childLog, k.resolve("journal").toString(), k.resolve("lanes").toString(),
                k.resolve("log").toString(), markers.toString(), "d", "killed-run", "dirs");
        try {
            awaitMarker(child, markers.resolve("d.running"), childLog);
        } finally {
            child.destroyForcibly(); // SIGKILL on POSIX: no shutdown hooks, no chance to tidy up
            assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
        }
        assertThat(Fixtures.read(k.resolve("log"))).contains("d attempt 1").doesNotContain("e attempt");
        assertThat(JournalStore.file(k.resolve("journal")).read("killed-run"))
                .noneMatch(e -> e.type().equals("graph.finished"));

        OrchestrationResult resumed = ResumeScenario.orchestrator(k.resolve("journal"), k.resolve("lanes"),
                k.resolve("log"), markers, "").resume("killed-run");

        assertThat(resumed.status()).isEqualTo(RunStatus.COMPLETED);
        assertThat(resumed.states()).isEqualTo(expected.states());
        assertThat(resumed.tasks()).extracting(TaskReport::output)
                .isEqualTo(expected.tasks().stream().map(TaskReport::output).toList());
        for (String id : List.of("a", "b", "c", "d", "e")) {
            assertThat(Fixtures.read(k.resolve("lanes/target/" + id + ".txt")))
                    .isEqualTo(Fixtures.read(plain.resolve("lanes/target/" + id + ".txt")));
        }
        // Completed tasks ran once; only the task cut off ran again.
        assertThat(Files.readAllLines(k.resolve("log"))).containsExactlyInAnyOrder("a attempt 1", "b attempt 1",
                "c attempt 1", "d attempt 1", "d attempt 2", "e attempt 1");
        assertThat(resumed.task("d").orElseThrow().attempts()).isEqualTo(2);
        assertThat(resumed.task("a").orElseThrow().attempts()).isEqualTo(1);
    }

    /** Starts {@link ResumeChild} with {@code args}, its output going to {@code childLog}. */
    static Process startChild(Path childLog, String... args) throws Exception {
        java.util.List<String> command = new java.util.ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), ResumeChild.class.getName()));
        command.addAll(List.of(args));
        return new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(childLog.toFile()).start();
    }

    /** Waits until the child leaves {@code marker}, failing if it exits first or takes over two minutes. */
    static void awaitMarker(Process child, Path marker, Path childLog) throws Exception {
        try (WatchService watch = FileSystems.getDefault().newWatchService()) {
            marker.getParent().register(watch, StandardWatchEventKinds.ENTRY_CREATE);
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
            while (!Files.exists(marker)) {
                if (!child.isAlive()) {
                    fail("the child JVM exited (" + child.exitValue() + ") before it left " + marker.getFileName() + ": "
                            + Fixtures.read(childLog));
                }
                if (System.nanoTime() > deadline) {
                    fail("the marker " + marker.getFileName() + " did not appear within 120 s: "
                            + Fixtures.read(childLog));
                }
                WatchKey key = watch.poll(1, TimeUnit.SECONDS);
                if (key != null) {
                    key.pollEvents();
                    key.reset();
                }
            }
        }
    }
}
