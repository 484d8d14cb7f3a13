// SPDX-License-Identifier: Apache-2.0
package org.openagention.orchestration;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.openagention.core.journal.JournalEntry;
import org.openagention.core.journal.JournalStore;

/**
 * The crash-point sweep of an orchestrated run (issue 11): {@link SweepOrchestration} (three
 * tasks in git worktrees, shell side effects outside the repository) is halted in a child JVM
 * right after its k-th journal append (the journal's test hook
 * {@code openagention.test.haltAfterAppend}; the orchestrator's and the workers' journals count
 * alike), and at a few seeded random times with SIGKILL; each is resumed in another child JVM.
 * Every resumed run must end as the uninterrupted run did: the same commits on {@code main}
 * (messages and trees), the same files, every side effect exactly once, and no task started over
 * once its worker had journaled anything (a cut-off attempt is finished from its worker's own
 * journal, as the same attempt).
 *
 * <p>Every boundary is swept when {@code -Dopenagention.sweep.full=true}; by default an even
 * sample of about {@value #SAMPLE} boundaries (always the first and the last) plus every boundary
 * right after a mutating call's intent ({@code tool.started}), to stay in CI's budget. Each child resumes the previous crash point's run, then starts the next.
 */
class CrashPointSweepTest {
    private static final int SAMPLE = 20;
    private static final int RANDOM_KILLS = 3;
    private static final List<String> EFFECTS = List.of("a-s2", "a-s3", "b-s2", "b-s3", "c-s2", "c-s3");

    @TempDir
    Path dir;

    private static Process child(String resume, String run, int haltAfter) throws IOException {
        return new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:TieredStopAtLevel=1", "-cp", System.getProperty("java.class.path"),
                SweepOrchestration.class.getName(), resume, run, Integer.toString(haltAfter))
                .redirectErrorStream(true).start();
    }

    private static int finish(Process p, StringBuilder output) throws Exception {
        try (BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = out.readLine()) != null) {
                output.append(line).append('\n');
            }
        }
        if (!p.waitFor(3, TimeUnit.MINUTES)) {
            p.destroyForcibly();
            throw new AssertionError("a sweep child did not end:\n" + output);
        }
        return p.exitValue();
    }

    private static String state(Path base) throws IOException {
        Path repo = base.resolve("repo");
        StringBuilder s = new StringBuilder();
        // The merges into main in order, and every commit (its order among branches goes by the clock).
        s.append("main:\n").append(GitRepos.git(repo, "log", "--first-parent", "--format=%s %T", "main")).append('\n');
        s.append("commits:\n").append(GitRepos.git(repo, "log", "--format=%s %T", "main").lines().sorted()
                .collect(java.util.stream.Collectors.joining("\n"))).append('\n');
        s.append("status:\n").append(GitRepos.git(repo, "status", "--porcelain")).append('\n');
        TreeMap<String, String> files = new TreeMap<>();
        try (Stream<Path> walk = Files.walk(repo)) {
            for (Path p : walk.filter(Files::isRegularFile).toList()) {
                String rel = repo.relativize(p).toString();
                if (!rel.startsWith(".git")) {
                    files.put(rel, Files.readString(p));
                }
            }
        }
        s.append("files: ").append(files).append('\n');
        s.append("effects:\n").append(effects(base));
        return s.toString();
    }

    private static String effects(Path base) throws IOException {
        Path log = base.resolve("effects").resolve("log");
        return Files.exists(log) ? Files.readString(log) : "";
    }

    private static int appends(Path base) {
        JournalStore journal = JournalStore.file(base.resolve("journal"));
        return journal.runIds().stream().mapToInt(id -> journal.read(id).size()).sum();
    }

    private static void assertResumedLikeTheUninterruptedRun(Path base, String expected, String what) throws IOException {
        JournalStore journal = JournalStore.file(base.resolve("journal"));
        List<JournalEntry> entries = journal.read(SweepOrchestration.RUN_ID);
        assertThat(entries).as(what).isNotEmpty();
        JournalEntry last = entries.get(entries.size() - 1);
        assertThat(last.type()).as(what).isEqualTo("graph.finished");
        assertThat(last.payloadJson()).as(what).contains("COMPLETED");
        for (String task : List.of("a", "b", "c")) {
            // An attempt whose worker had journaled anything is finished as the same attempt, from that
            // journal; only one cut off before its worker's first append is started over (a second attempt).
            List<String> runs = journal.runIds().stream().filter(id -> id.startsWith("orch-sweep." + task + ".")).toList();
            List<String> started = runs.stream().filter(id -> !journal.read(id).isEmpty()).toList();
            assertThat(started).as("%s: task %s's worker runs", what, task)
                    .isIn(List.of("orch-sweep." + task + ".a1"), List.of("orch-sweep." + task + ".a2"));
            for (String id : started) {
                List<JournalEntry> run = journal.read(id);
                assertThat(run.get(run.size() - 1).type()).as("%s: %s", what, id).isEqualTo("run.finished");
            }
        }
        List<String> lines = List.of(effects(base).split("\n"));
        for (String effect : EFFECTS) {
            assertThat(Collections.frequency(lines, effect)).as("%s: side effect %s", what, effect).isEqualTo(1);
        }
        assertThat(state(base)).as(what).isEqualTo(expected);
    }

    private static boolean cutOffACall(Path base) {
        JournalStore journal = JournalStore.file(base.resolve("journal"));
        return journal.runIds().stream().flatMap(id -> journal.read(id).stream())
                .anyMatch(e -> e.payloadJson().contains("\"OUTCOME_UNKNOWN\""));
    }

    @Test
    @Timeout(value = 10, unit = TimeUnit.MINUTES) // dozens of child JVMs: slow on a loaded machine, never stuck
    void anOrchestratedRunKilledAtJournalAppendsResumesToTheUninterruptedOutcome() throws Exception {
        long t0 = System.nanoTime();
        StringBuilder output = new StringBuilder();
        Path reference = dir.resolve("reference");
        assertThat(finish(child("-", reference.toString(), 0), output)).as(output.toString()).isZero();
        int n = appends(reference);
        String expected = state(reference);
        assertThat(expected).contains("Merge task orch-sweep.c").contains(String.join("\n", EFFECTS));

        boolean full = Boolean.getBoolean("openagention.sweep.full");
        int stride = full ? 1 : Math.max(1, (n + SAMPLE - 1) / SAMPLE);
        java.util.TreeSet<Integer> chosen = new java.util.TreeSet<>();
        for (int k = 1; k < n; k += stride) {
            chosen.add(k);
        }
        chosen.add(n);
        // The run is sequential (parallelism 1), so the reference's entries in time order are its
        // appends 1..N; every boundary right after a mutating call's intent is always swept.
        JournalStore refJournal = JournalStore.file(reference.resolve("journal"));
        List<JournalEntry> inOrder = refJournal.runIds().stream().flatMap(id -> refJournal.read(id).stream())
                .sorted(java.util.Comparator.comparing(JournalEntry::at)).toList();
        for (int i = 0; i < inOrder.size(); i++) {
            if (inOrder.get(i).type().equals("tool.started")) {
                chosen.add(i + 1);
            }
        }
        List<Integer> points = List.copyOf(chosen);
        String previous = "-";
        for (int k : points) {
            Path base = dir.resolve("k" + k);
            int exit = finish(child(previous, base.toString(), k), output);
            assertThat(exit).as("child for crash point %d:\n%s", k, output).isEqualTo(137);
            previous = base.toString();
        }
        assertThat(finish(child(previous, "-", 0), output)).as(output.toString()).isZero();
        int unknown = 0;
        for (int k : points) {
            Path base = dir.resolve("k" + k);
            assertResumedLikeTheUninterruptedRun(base, expected, "crash point " + k + " of " + n);
            unknown += cutOffACall(base) ? 1 : 0;
        }
        assertThat(unknown).as("crash points where a mutating call was cut off and reported as unknown").isPositive();
        long sweepMillis = (System.nanoTime() - t0) / 1_000_000;

        Random random = new Random(20250612L);
        List<Path> killed = new ArrayList<>();
        previous = "-";
        for (int i = 0; i < RANDOM_KILLS; i++) {
            Path base = dir.resolve("random" + i);
            Process p = child(previous, base.toString(), 0);
            BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
            String line;
            while ((line = out.readLine()) != null && !line.equals("RUNNING")) {
                output.append(line).append('\n');
            }
            Thread.sleep(random.nextInt(3000)); // a random point of the run (it takes a few seconds)
            p.destroyForcibly();
            p.waitFor(30, TimeUnit.SECONDS);
            killed.add(base);
            previous = base.toString();
        }
        assertThat(finish(child(previous, "-", 0), output)).as(output.toString()).isZero();
        for (Path base : killed) {
            assertResumedLikeTheUninterruptedRun(base, expected, base.getFileName() + " (SIGKILL at a random time)");
        }
        System.out.printf("crash-point sweep (orchestrated, 3 tasks): N = %d journal appends, %d swept (%s, %d cut off"
                + " a mutating call), %d ms; plus %d random SIGKILLs, %d ms in all%n", n, points.size(),
                full ? "every one" : "every " + stride + "th, the last and each after a tool.started", unknown, sweepMillis, RANDOM_KILLS,
                (System.nanoTime() - t0) / 1_000_000);
    }
}
