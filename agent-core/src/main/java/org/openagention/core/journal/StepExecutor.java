package org.openagention.core.journal;

import java.util.concurrent.Callable;

/**
 * The one seam every side-effecting step of a run goes through (model calls, tool calls):
 * run the step, or replay its journaled result.
 *
 * <p>A step has an id that is stable across executions of the same run ({@code turn-2/model},
 * {@code turn-2/tool/call_1}). If the run's journal already holds that step's result, the executor
 * returns it without running the step; otherwise it runs the step and journals the result. That
 * is what lets a run killed with SIGKILL resume without repeating finished work. The default
 * executor journals to a {@link JournalStore}; a durable-execution engine (Temporal) implements
 * the same seam with activities.
 *
 * <p>One executor serves one run; it must be thread-safe (parallel tool calls).
 */
public interface StepExecutor {

    /**
     * Runs or replays the step.
     *
     * @return the result, and whether it was replayed
     * @throws Exception what the action threw (nothing is journaled then)
     */
    <T> Outcome<T> execute(String stepId, StepCodec<T> codec, Callable<T> action) throws Exception;

    /** Journals an event that is not a step result (run started, turn, decision). */
    void record(String type, String payloadJson);

    /**
     * Whether this executor keeps a journal at all; callers skip building payloads for
     * {@link #record} when it does not.
     */
    default boolean journals() {
        return true;
    }

    /** A step's result and whether it came from the journal. */
    record Outcome<T>(T value, boolean replayed) {}

    /** Opens the executor for one run. */
    @FunctionalInterface
    interface Factory {
        StepExecutor open(String runId);
    }
}
