// SPDX-License-Identifier: Apache-2.0
package org.openagention.bench.orchestration;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.openagention.core.RetryPolicy;
import org.openagention.core.RunResult;
import org.openagention.orchestration.OrchestrationResult;
import org.openagention.orchestration.Orchestrator;
import org.openagention.orchestration.RunStatus;
import org.openagention.orchestration.graph.Task;
import org.openagention.orchestration.graph.TaskGraph;
/**
 * Scheduler overhead: a 10,000-task graph of no-op tasks (100 levels of 100, each task after two
 * of the level before), run with an in-memory journal, workers that return at once and lanes that
 * do nothing. Reports wall time per task. Run on demand:
 *
 * <pre>
 * java -cp ... org.openagention.bench.orchestration.SchedulerOverhead [tasks=10000] [parallelism=8] [runs=5]
 * </pre>
 *
 * Target: under 20 microseconds per task.
 */
public final class SchedulerOverhead {
    private SchedulerOverhead() {}

    public static void main(String[] args) throws Exception {
        int tasks = args.length > 0 ? Integer.parseInt(args[0]) : 10_000;
        int parallelism = args.length > 1 ? Integer.parseInt(args[1]) : 8;
        int runs = args.length > 2 ? Integer.parseInt(args[2]) : 10;
        TaskGraph graph = layered(tasks, 100);
        RunResult done = NoOpLanes.done("ok");
        Path dir = Files.createTempDirectory("bench-scheduler");
        Orchestrator orchestrator = Orchestrator.builder()
                .workers((task, ws, attempt) -> (prompt, allotment) -> done)
                .workspaces(new NoOpLanes(dir)).parallelism(parallelism).build();
        for (int i = 0; i < 3; i++) {
            check(orchestrator.run(graph));
        }
        double[] perTask = new double[runs];
        double[] cpuPerTask = new double[runs];
        for (int i = 0; i < runs; i++) {
            long cpu0 = processCpuNanos();
            long t0 = System.nanoTime();
            check(orchestrator.run(graph));
            perTask[i] = (System.nanoTime() - t0) / 1_000.0 / tasks;
            cpuPerTask[i] = (processCpuNanos() - cpu0) / 1_000.0 / tasks;
        }
        Arrays.sort(perTask);
        Arrays.sort(cpuPerTask);
        System.out.printf("SchedulerOverhead java=%s virtualThreads=%s tasks=%d parallelism=%d runs=%d%n",
                System.getProperty("java.version"), virtual(), tasks, parallelism, runs);
        System.out.printf("  per task: min %.2f us, median %.2f us, max %.2f us (target < 20 us)%n", perTask[0],
                perTask[runs / 2], perTask[runs - 1]);
        System.out.printf("  process CPU per task (all threads, GC included): min %.2f us, median %.2f us%n",
                cpuPerTask[0], cpuPerTask[runs / 2]);
    }

    static long processCpuNanos() {
        java.lang.management.OperatingSystemMXBean os = java.lang.management.ManagementFactory.getOperatingSystemMXBean();
        return os instanceof com.sun.management.OperatingSystemMXBean sun ? sun.getProcessCpuTime() : 0;
    }

    static TaskGraph layered(int tasks, int width) {
        TaskGraph.Builder b = TaskGraph.builder();
        for (int i = 0; i < tasks; i++) {
            Task.Builder t = Task.builder("t" + i).goal("no-op " + i).retry(RetryPolicy.none());
            if (i >= width) {
                int level = i / width;
                int prev = (level - 1) * width;
                t.dependsOn("t" + (prev + i % width), "t" + (prev + (i + 1) % width));
            }
            b.add(t.build());
        }
        return b.build();
    }

    static void check(OrchestrationResult r) {
        if (r.status() != RunStatus.COMPLETED) {
            throw new IllegalStateException("the benchmark run did not complete: " + r.detail());
        }
    }

    static boolean virtual() {
        try {
            java.util.concurrent.Executors.class.getMethod("newVirtualThreadPerTaskExecutor");
            return true;
        } catch (NoSuchMethodException e) {
            return false;
        }
    }
}
