// SPDX-License-Identifier: Apache-2.0
package org.openagention.core.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Callable;
import org.openagention.core.Sleeper;
import org.openagention.core.journal.JournalEntry;
import org.openagention.core.journal.StepCodec;
import org.openagention.core.journal.StepExecutor;

/** Runs every step and journals nothing ({@link StepExecutor#direct()}): a run without a journal. */
public final class DirectSteps implements StepExecutor {
    private final Clock clock;
    private final Sleeper sleeper;

    private DirectSteps(Clock clock, Sleeper sleeper) {
        this.clock = clock;
        this.sleeper = sleeper;
    }

    public static Factory factory(Clock clock, Sleeper sleeper) {
        DirectSteps steps = new DirectSteps(clock, sleeper); // stateless: one serves every run
        return runId -> steps;
    }

    @Override
    public <T> Outcome<T> execute(String stepId, StepCodec<T> codec, Callable<T> action) throws Exception {
        return new Outcome<>(action.call(), false);
    }

    @Override
    public <T> void record(StepCodec<T> codec, T fact) {
        // No journal.
    }

    @Override
    public Instant now(String stepId) {
        return clock.instant();
    }

    @Override
    public void sleep(String stepId, Duration duration) throws InterruptedException {
        sleeper.sleep(duration);
    }

    @Override
    public String randomId(String stepId) {
        return Codecs.newRandomId();
    }

    @Override
    public List<JournalEntry> history() {
        return List.of();
    }

    @Override
    public boolean journals() {
        return false;
    }
}
