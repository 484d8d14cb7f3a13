// SPDX-License-Identifier: Apache-2.0
package org.openagention.core;

import java.time.Clock;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import org.openagention.core.journal.JournalStore;
import org.openagention.core.journal.StepExecutor;
import org.openagention.core.model.PriceTable;

/**
 * How one run executes: its id, where it is journaled (or which step executor runs its steps),
 * its clock, prices and limits, and whether model responses stream. An {@link Agent} says what
 * runs; run options say how, so one agent serves many runs, each with its own options.
 *
 * <pre>{@code
 * String runId = RunOptions.newRunId();               // store it before the run: a crash cannot lose it
 * RunOptions options = RunOptions.builder()
 *         .runId(runId)
 *         .journal(JournalStore.file(Path.of(".openagention/runs")))
 *         .limits(Limits.builder().maxTurns(20).maxTokens(200_000).build())
 *         .build();
 * RunResult result = agent.run("Fix the failing test", options);
 * // after a crash, in a new process:
 * RunResult resumed = agent.resume(runId, options);
 * }</pre>
 *
 * <p>Immutable and thread-safe; derive a changed copy with {@link #toBuilder()}. Defaults: a fresh
 * run id per run, no journal, the system clock, {@link PriceTable#defaults()},
 * {@link Limits#defaults()}, no streaming.
 */
public final class RunOptions {
    private static final RunOptions DEFAULTS = builder().build();

    private final String runId;
    private final JournalStore journal;
    private final StepExecutor.Factory stepExecutor;
    private final StepExecutor.Factory steps;
    private final Clock clock;
    private final PriceTable prices;
    private final Limits limits;
    private final boolean streaming;

    private RunOptions(Builder b) {
        if (b.journal != null && b.stepExecutor != null) {
            throw new ConfigurationException("run options take a journal or a step executor, not both: a step "
                    + "executor that journals is StepExecutor.journaling(store, clock, sleeper)");
        }
        this.runId = b.runId;
        this.journal = b.journal;
        this.stepExecutor = b.stepExecutor;
        this.clock = b.clock;
        this.prices = b.prices;
        this.limits = b.limits;
        this.streaming = b.streaming;
        this.steps = stepExecutor != null ? stepExecutor
                : journal != null ? StepExecutor.journaling(journal, clock, Sleeper.SYSTEM)
                : StepExecutor.direct(clock, Sleeper.SYSTEM);
    }

    /** The default options: a fresh run id, no journal, default limits and prices. */
    public static RunOptions defaults() {
        return DEFAULTS;
    }

    public static Builder builder() {
        return new Builder();
    }

    public Builder toBuilder() {
        Builder b = new Builder();
        b.runId = runId;
        b.journal = journal;
        b.stepExecutor = stepExecutor;
        b.clock = clock;
        b.prices = prices;
        b.limits = limits;
        b.streaming = streaming;
        return b;
    }

    /**
     * A fresh run id, unique across processes in practice: {@code run-}, the time in base 36 and
     * 40 random bits. Make one before a run and pass it to {@link Builder#runId} when the caller must
     * know the id even if the process dies before {@code run()} returns. Not a secret, so it needs
     * no SecureRandom (whose first use can block).
     */
    public static String newRunId() {
        long random = ThreadLocalRandom.current().nextLong() & 0xFF_FFFF_FFFFL;
        return "run-" + Long.toString(System.currentTimeMillis(), 36) + "-" + Long.toString(random, 36);
    }

    /** The run id the caller chose; empty when each run gets a fresh one. */
    public Optional<String> runId() {
        return Optional.ofNullable(runId);
    }

    /** The journal runs are kept in; empty when runs are not journaled (or a step executor is set). */
    public Optional<JournalStore> journal() {
        return Optional.ofNullable(journal);
    }

    /** The step executor the caller set; empty when the journal (or none) decides. */
    public Optional<StepExecutor.Factory> stepExecutor() {
        return Optional.ofNullable(stepExecutor);
    }

    /** Whether a run with these options can be resumed: it has a journal or a step executor. */
    public boolean canResume() {
        return journal != null || stepExecutor != null;
    }

    public Clock clock() {
        return clock;
    }

    public PriceTable prices() {
        return prices;
    }

    public Limits limits() {
        return limits;
    }

    public boolean streaming() {
        return streaming;
    }

    /** The executor factory the run uses: the one set, else journaling to the journal, else direct. */
    StepExecutor.Factory steps() {
        return steps;
    }

    @Override
    public String toString() {
        return "RunOptions{runId=" + runId + ", journal=" + (journal != null) + ", stepExecutor="
                + (stepExecutor != null) + ", limits=" + limits + ", streaming=" + streaming + "}";
    }

    /** Builds {@link RunOptions}; each setter checks its argument. Not thread-safe. */
    public static final class Builder {
        private String runId;
        private JournalStore journal;
        private StepExecutor.Factory stepExecutor;
        private Clock clock = Clock.systemUTC();
        private PriceTable prices = PriceTable.defaults();
        private Limits limits = Limits.defaults();
        private boolean streaming;

        private Builder() {}

        /**
         * The run's id, chosen by the caller (see {@link RunOptions#newRunId()}): letters, digits,
         * {@code -}, {@code _} and {@code .}, at most 128 characters, not starting with a dot.
         * Options with a run id serve one run.
         */
        public Builder runId(String runId) {
            Objects.requireNonNull(runId, "runId");
            if (runId.isEmpty() || runId.length() > 128 || runId.startsWith(".") || !runId.chars()
                    .allMatch(c -> c < 128 && (Character.isLetterOrDigit(c) || c == '-' || c == '_' || c == '.'))) {
                throw new IllegalArgumentException("run id '" + runId
                        + "' is not valid: use 1 to 128 letters, digits, '-', '_' and '.', not starting with '.'");
            }
            this.runId = runId;
            return this;
        }

        /** Journals every run, so that runs can be resumed, reported and handed off. */
        public Builder journal(JournalStore journal) {
            this.journal = Objects.requireNonNull(journal, "journal");
            return this;
        }

        /** Replaces how steps are run and journaled (a durable-execution engine plugs in here). */
        public Builder stepExecutor(StepExecutor.Factory stepExecutor) {
            this.stepExecutor = Objects.requireNonNull(stepExecutor, "stepExecutor");
            return this;
        }

        /** The clock for event times, the time limit and journal stamps; tests pass a fake. */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /** Prices for the cost budget and reports; defaults to {@link PriceTable#defaults()}. */
        public Builder prices(PriceTable prices) {
            this.prices = Objects.requireNonNull(prices, "prices");
            return this;
        }

        public Builder limits(Limits limits) {
            this.limits = Objects.requireNonNull(limits, "limits");
            return this;
        }

        /** Streams model responses, publishing {@link AgentEvent.ModelStreamed} events as they arrive. */
        public Builder streaming(boolean streaming) {
            this.streaming = streaming;
            return this;
        }

        /** @throws ConfigurationException when both a journal and a step executor are set */
        public RunOptions build() {
            return new RunOptions(this);
        }
    }
}
