// SPDX-License-Identifier: Apache-2.0
package org.openagention.orchestration.internal;

import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.function.LongSupplier;
import org.openagention.core.RunResult;
import org.openagention.core.Sleeper;
import org.openagention.orchestration.graph.Budget;
import org.openagention.orchestration.graph.Task;
import org.openagention.orchestration.lanes.Worker;
import org.openagention.orchestration.review.CheckContext;
import org.openagention.orchestration.review.Verdict;
import org.openagention.tools.Workspace;

/** The part of an attempt that runs on a worker thread: backoff, the worker, the acceptance check. */
final class Attempts {
    private Attempts() {}

    /**
     * How an attempt came back to the supervisor: a result and the check's verdict (null when the
     * worker did not finish), or the error that ended it.
     */
    record Done(String taskId, int attempt, RunResult result, Verdict verdict, Throwable error, Duration elapsed,
            Budget allotment) implements Completion {}

    /**
     * Waits out the backoff, runs the worker as agent run {@code runId}, then the check. Never
     * throws: the supervisor must hear back.
     */
    static Done run(LongSupplier nanos, Sleeper sleeper, Task task, int n, Workspace ws, Worker worker, String runId, String prompt,
            Budget allot, Duration backoff) {
        return attempt(nanos, sleeper, task, n, ws, () -> worker.run(runId, prompt, allot), allot, backoff);
    }

    /** Resumes the worker's run {@code runId} of attempt {@code n} from its journal, then runs the check. Never throws. */
    static Done resume(LongSupplier nanos, Task task, int n, Workspace ws, Worker worker, String runId, Budget allot) {
        return attempt(nanos, d -> {}, task, n, ws, () -> worker.resume(runId, allot), allot, Duration.ZERO);
    }

    private static Done attempt(LongSupplier nanos, Sleeper sleeper, Task task, int n, Workspace ws, Callable<RunResult> work, Budget allot,
            Duration backoff) {
        long t0 = nanos.getAsLong();
        try {
            if (!backoff.isZero()) {
                sleeper.sleep(backoff);
                t0 = nanos.getAsLong();
            }
            RunResult r = work.call();
            if (r == null) {
                throw new IllegalStateException("the worker returned no result");
            }
            Verdict v = null;
            if (r.isSuccess()) {
                v = task.check().verify(new CheckContext(task, ws, n, r.finalText()));
                if (v == null) {
                    v = Verdict.failed("the acceptance check returned no verdict");
                }
            }
            return new Done(task.id(), n, r, v, null, Duration.ofNanos(nanos.getAsLong() - t0), allot);
        } catch (Throwable e) { // anything: the supervisor must hear back, or the run would hang
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            return new Done(task.id(), n, null, null, e, Duration.ofNanos(nanos.getAsLong() - t0), allot);
        }
    }

    /** An attempt that could not start (its workspace or worker could not be made). */
    static Done notStarted(Task task, int n, Throwable error, Budget allot) {
        return new Done(task.id(), n, null, null, error, Duration.ZERO, allot);
    }
}
