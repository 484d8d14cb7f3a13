// SPDX-License-Identifier: Apache-2.0
package org.openagention.orchestration.batch;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import org.openagention.orchestration.internal.StepFactories;
import org.openagention.core.ConfigurationException;
import org.openagention.core.RunResult;
import org.openagention.core.Sleeper;
import org.openagention.core.journal.JournalException;
import org.openagention.core.journal.JournalStore;
import org.openagention.core.journal.StepExecutor;

/**
 * Runs one task (usually an agent) over many items, a few at a time, isolating each item's
 * failure.
 *
 * <p>Up to {@code concurrency} items run at once. An item whose task throws, or whose run ends
 * without the model's answer, becomes a {@link BatchItemResult.Failed} naming why; the other items
 * carry on. Results come back in input order whatever order the items finish in.
 *
 * <p>With a journal (or a step executor), each item's result is recorded under the batch id as it
 * finishes, a {@code batch.item} fact through the batch's {@link StepExecutor}. Running the same batch id again resumes it:
 * items that succeeded before are not run again (their results are read back, marked
 * {@code resumed}); failed and unfinished items run. The items must be the same as before, index
 * by index; a changed list is refused rather than mixed up.
 *
 * <pre>{@code
 * BatchRunner batch = BatchRunner.builder().concurrency(4).journal(JournalStore.file(dir)).build();
 * BatchResult result = batch.run("summaries-2024-06", files,
 *         BatchTask.of(agent, file -> "Summarise " + file));
 * System.out.println(result.summary());
 * }</pre>
 *
 * <p>Immutable and thread-safe; each {@link #run} uses its own threads and stops them before it
 * returns.
 */
public final class BatchRunner {
    private final int concurrency;
    private final StepExecutor.Factory steps;

    private BatchRunner(Builder b) {
        this.concurrency = b.concurrency;
        this.steps = StepFactories.choose(b.journal, b.stepExecutor, null, b.clock, Sleeper.SYSTEM);
    }

    public static Builder builder() {
        return new Builder();
    }

    /**
     * Runs {@code task} over {@code items} and returns one result per item, in input order. Blocks
     * until every item has finished.
     *
     * @throws ConfigurationException when the journal holds this batch id with different items
     * @throws JournalException when the journal cannot be read
     */
    public BatchResult run(String batchId, List<String> items, BatchTask task) {
        Objects.requireNonNull(batchId, "batchId");
        Objects.requireNonNull(task, "task");
        List<String> list = List.copyOf(items);
        BatchJournal record = new BatchJournal(steps.open(batchId), batchId);
        Map<Integer, BatchItemResult.Succeeded> done = record.completed(list);
        BatchItemResult[] results = new BatchItemResult[list.size()];
        done.forEach((i, r) -> results[i] = r);
        List<Integer> todo = new ArrayList<>();
        for (int i = 0; i < list.size(); i++) {
            if (results[i] == null) {
                todo.add(i);
            }
        }
        if (!todo.isEmpty()) {
            runAll(batchId, list, todo, task, record, results);
        }
        return new BatchResult(batchId, List.of(results));
    }

    private void runAll(String batchId, List<String> items, List<Integer> todo, BatchTask task, BatchJournal record,
            BatchItemResult[] results) {
        ExecutorService pool = Executors.newFixedThreadPool(Math.min(concurrency, todo.size()), threads(batchId));
        try {
            List<Future<BatchItemResult>> futures = new ArrayList<>();
            for (int index : todo) {
                futures.add(pool.submit(() -> record.record(runOne(index, items.get(index), task))));
            }
            for (int k = 0; k < todo.size(); k++) {
                int index = todo.get(k);
                results[index] = await(futures.get(k), index, items.get(index));
            }
        } finally {
            pool.shutdownNow();
        }
    }

    private static BatchItemResult await(Future<BatchItemResult> future, int index, String item) {
        try {
            return future.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            future.cancel(true);
            return new BatchItemResult.Failed(index, item, "the batch was interrupted before this item finished", "");
        } catch (ExecutionException e) {
            return new BatchItemResult.Failed(index, item, "the item's result could not be recorded: "
                    + describe(e.getCause()), "");
        }
    }

    private static BatchItemResult runOne(int index, String item, BatchTask task) {
        RunResult run;
        try {
            run = task.run(item);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new BatchItemResult.Failed(index, item, "the item was interrupted", "");
        } catch (Exception | LinkageError | AssertionError e) {
            return new BatchItemResult.Failed(index, item, "the task threw " + describe(e), "");
        }
        if (run == null) {
            return new BatchItemResult.Failed(index, item, "the task returned no run result", "");
        }
        if (!run.isSuccess()) {
            return new BatchItemResult.Failed(index, item, "the run stopped with " + run.stopReason()
                    + (run.detail().isEmpty() ? "" : ": " + run.detail()), run.runId());
        }
        return new BatchItemResult.Succeeded(index, item, run.finalText(), run.runId(), false);
    }

    private static String describe(Throwable e) {
        return e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
    }

    private static ThreadFactory threads(String batchId) {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, "batch-" + batchId + "-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }

    /** Builds a {@link BatchRunner}. Not thread-safe. */
    public static final class Builder {
        private int concurrency = 4;
        private JournalStore journal;
        private StepExecutor.Factory stepExecutor;
        private Clock clock = Clock.systemUTC();

        private Builder() {}

        /** How many items run at once; 4 by default. */
        public Builder concurrency(int concurrency) {
            if (concurrency < 1) {
                throw new IllegalArgumentException("concurrency must be at least 1: " + concurrency);
            }
            this.concurrency = concurrency;
            return this;
        }

        /**
         * Records each item's result under the batch id, so that the batch can be resumed (through
         * {@link StepExecutor#journaling} of this store). Instead of {@link #stepExecutor}.
         */
        public Builder journal(JournalStore journal) {
            this.journal = Objects.requireNonNull(journal, "journal");
            return this;
        }

        /**
         * Records each item's result through the executor this factory opens for the batch id (a
         * durable-execution engine plugs in here), and resumes from its history. Instead of
         * {@link #journal}.
         */
        public Builder stepExecutor(StepExecutor.Factory stepExecutor) {
            this.stepExecutor = Objects.requireNonNull(stepExecutor, "stepExecutor");
            return this;
        }

        /** The clock for journal entries; tests pass a fake. */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /** @throws ConfigurationException when both a journal and a step executor are given */
        public BatchRunner build() {
            StepFactories.refuseBoth("a batch runner", journal, stepExecutor);
            return new BatchRunner(this);
        }
    }
}
