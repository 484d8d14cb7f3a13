// SPDX-License-Identifier: Apache-2.0
package org.openagention.core.journal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Callable;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.openagention.core.Sleeper;
import org.openagention.core.internal.DirectSteps;
import org.openagention.core.internal.JournaledSteps;
import org.openagention.core.internal.ToolThreads;

/**
 * The one seam every side effect of a run goes through: model calls, tool calls, the clock,
 * timers, random ids and the facts a run records. Run the step, or replay its journaled result.
 *
 * <p>A step has an id that is stable across executions of the same run ({@code turn-2/model},
 * {@code turn-2/tool/0-call_1}, {@code turn-2/now}). If the run's journal already holds that
 * step's result, the executor returns it without running the step; otherwise it runs the step and
 * journals the result. That is what lets a run killed with SIGKILL resume without repeating
 * finished work, and what makes a run's decisions replay deterministically: time and randomness
 * come from here too. {@link #journaling} journals to a {@link JournalStore}; {@link #direct()}
 * runs everything and keeps nothing; a durable-execution engine (Temporal) implements the same
 * seam with activities.
 *
 * <p>One executor serves one run; it must be thread-safe (parallel tool calls).
 *
 * <pre>{@code
 * StepExecutor steps = StepExecutor.journaling(JournalStore.inMemory(), Clock.systemUTC(), Sleeper.SYSTEM)
 *         .open("run-1");
 * Instant started = steps.now("run/start");      // the same instant when the run is replayed
 * steps.sleep("retry-1/backoff", Duration.ofSeconds(2)); // not slept again on replay
 * }</pre>
 */
public interface StepExecutor {

    /**
     * Runs or replays the step.
     *
     * @return the result, and whether it was replayed
     * @throws Exception what the action threw (nothing is journaled then)
     */
    <T> Outcome<T> execute(String stepId, StepCodec<T> codec, Callable<T> action) throws Exception;

    /**
     * Runs or replays a model or tool step, knowing what it is. The loop calls this form for
     * model and tool calls; {@code action} runs the step in this process. The default is
     * {@code execute(step.id(), step.codec(), action)}; an executor that runs steps elsewhere
     * (a Temporal activity) sends {@link Step#toJson()} there instead of calling {@code action}.
     *
     * @throws Exception what the step threw (nothing is journaled then)
     */
    default <T> Outcome<T> execute(Step<T> step, Callable<T> action) throws Exception {
        return execute(step.id(), step.codec(), action);
    }

    /**
     * Starts {@code call} concurrently with the caller (the loop runs a turn's consecutive
     * read-only tool calls this way) and returns its future; cancelling the future stops the call.
     * The default runs it on a virtual thread (a daemon thread on JDK 17); an engine that allows
     * only its own threads (Temporal's workflow threads) starts it on one of those.
     */
    default <T> Future<T> fork(Callable<T> call) {
        return ToolThreads.executor().submit(call);
    }

    /**
     * A queue through which calls started with {@link #fork} hand their results back to the thread
     * that forked them (the orchestrator's supervisor takes its workers' completions from one).
     * The default is a {@link LinkedBlockingQueue}; an engine whose threads may only block its own
     * way (Temporal's workflow threads) returns a queue whose {@code take} waits that way. Only
     * {@code add}, {@code offer}, {@code take}, {@code poll}, {@code drainTo} and {@code size}
     * need to work.
     */
    default <T> BlockingQueue<T> newQueue() {
        return new LinkedBlockingQueue<>();
    }

    /**
     * Runs {@code action} once after {@code delay} unless the returned future is cancelled first:
     * the loop's time-limit watchdog. The default uses a shared daemon thread; an engine with
     * durable timers (Temporal) uses a timer of its own, so the limit is kept in its time.
     */
    default Future<?> schedule(Duration delay, Runnable action) {
        return ToolThreads.watchdog().schedule(action, delay.toNanos(), TimeUnit.NANOSECONDS);
    }

    /**
     * Stops the step in flight on {@code runner}, the thread driving the loop, because the run
     * was cancelled or passed its time limit. The default interrupts the thread; an engine whose
     * steps run elsewhere cancels them there instead (interrupting an engine's thread may break it).
     */
    default void interrupt(Thread runner) {
        runner.interrupt();
    }

    /**
     * Journals a fact that is not a step result (run started, run finished, a decision), as an
     * entry of type {@code codec.typeOf(fact)}. Facts are not replayed by id: whoever resumes
     * reads them from {@link #history()}.
     *
     * @throws JournalException when the fact could not be stored
     */
    <T> void record(StepCodec<T> codec, T fact);

    /** The current time, as a step: the live clock the first time, the journaled instant on replay. */
    Instant now(String stepId);

    /**
     * Waits {@code duration}, as a step: once a sleep has finished and been journaled, a replay
     * returns at once instead of sleeping again.
     */
    void sleep(String stepId, Duration duration) throws InterruptedException;

    /** A random id, as a step: fresh the first time, the journaled id on replay. */
    String randomId(String stepId);

    /**
     * A monotonic reading in nanoseconds, for measuring how long work took; not a step (nothing is
     * journaled). The default is {@link System#nanoTime()}; an engine that replays its code returns
     * a reading of its own deterministic time, the same on every replay.
     */
    default long nanoTime() {
        return System.nanoTime();
    }

    /**
     * A uniform draw in {@code [0, 1)}, such as the jitter of a retry's backoff; not a step
     * (nothing is journaled). The default is {@link ThreadLocalRandom}; an engine that replays its
     * code returns its own deterministic draws, the same on every replay.
     */
    default double random() {
        return ThreadLocalRandom.current().nextDouble();
    }

    /** The run's entries this executor replays from, in order; empty when it keeps no journal. */
    List<JournalEntry> history();

    /**
     * Whether this executor keeps a journal at all; callers skip building facts for
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

    /** Executors that run every step and journal nothing; time from the system clock. */
    static Factory direct() {
        return DirectSteps.factory(Clock.systemUTC(), Sleeper.SYSTEM);
    }

    /** Executors that run every step and journal nothing, with this clock and sleeper (tests pass fakes). */
    static Factory direct(Clock clock, Sleeper sleeper) {
        return DirectSteps.factory(Objects.requireNonNull(clock, "clock"), Objects.requireNonNull(sleeper, "sleeper"));
    }

    /**
     * Executors that replay each run from {@code store} and journal what they run there, stamping
     * entries with {@code clock} and sleeping with {@code sleeper}.
     */
    static Factory journaling(JournalStore store, Clock clock, Sleeper sleeper) {
        Objects.requireNonNull(store, "store");
        Objects.requireNonNull(clock, "clock");
        Objects.requireNonNull(sleeper, "sleeper");
        return runId -> new JournaledSteps(runId, store, clock, sleeper);
    }
}
