// SPDX-License-Identifier: Apache-2.0
package org.openagention.bench.orchestration;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.openagention.core.RetryPolicy;
import org.openagention.core.RunResult;
import org.openagention.orchestration.Orchestrator;
import org.openagention.orchestration.graph.Task;
import org.openagention.orchestration.graph.TaskGraph;
/**
 * Parallel wall time: 200 independent tasks whose workers each wait 50 ms (as a worker waits on
 * a model), run with parallelism 50. The ideal is 4 waves of 50 ms: 200 ms. Run on demand:
 *
 * <pre>
 * java -cp ... org.openagention.bench.orchestration.ParallelWait [tasks=200] [waitMs=50] [parallelism=50] [runs=5]
 * </pre>
 *
 * Target: within 1.2x of the ideal on JDK 21+.
 */
public final class ParallelWait {
    private ParallelWait() {}

    public static void main(String[] args) throws Exception {
        int tasks = args.length > 0 ? Integer.parseInt(args[0]) : 200;
        long waitMs = args.length > 1 ? Long.parseLong(args[1]) : 50;
        int parallelism = args.length > 2 ? Integer.parseInt(args[2]) : 50;
        int runs = args.length > 3 ? Integer.parseInt(args[3]) : 5;
        TaskGraph.Builder b = TaskGraph.builder();
        for (int i = 0; i < tasks; i++) {
            b.add(Task.builder("w" + i).goal("wait " + i).retry(RetryPolicy.none()).build());
        }
        TaskGraph graph = b.build();
        RunResult done = NoOpLanes.done("waited");
        Path dir = Files.createTempDirectory("bench-parallel");
        Orchestrator orchestrator = Orchestrator.builder()
                .workers((task, ws, attempt) -> (prompt, allotment) -> {
                    try {
                        Thread.sleep(waitMs);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                    return done;
                })
                .workspaces(new NoOpLanes(dir)).parallelism(parallelism).build();
        for (int i = 0; i < 2; i++) {
            SchedulerOverhead.check(orchestrator.run(graph));
        }
        double[] ms = new double[runs];
        for (int i = 0; i < runs; i++) {
            long t0 = System.nanoTime();
            SchedulerOverhead.check(orchestrator.run(graph));
            ms[i] = (System.nanoTime() - t0) / 1e6;
        }
        Arrays.sort(ms);
        double ideal = Math.ceil((double) tasks / parallelism) * waitMs;
        System.out.printf("ParallelWait java=%s virtualThreads=%s tasks=%d waitMs=%d parallelism=%d runs=%d%n",
                System.getProperty("java.version"), SchedulerOverhead.virtual(), tasks, waitMs, parallelism, runs);
        System.out.printf("  wall: min %.1f ms, median %.1f ms, max %.1f ms; ideal %.0f ms; median/ideal %.3fx"
                + " (target <= 1.2x)%n", ms[0], ms[runs / 2], ms[runs - 1], ideal, ms[runs / 2] / ideal);
    }
}
