// SPDX-License-Identifier: Apache-2.0
package org.openagention.core.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.openagention.core.Sleeper;
import org.openagention.core.journal.JournalEntry;
import org.openagention.core.journal.JournalException;
import org.openagention.core.journal.JournalStore;
import org.openagention.core.journal.StepCodec;
import org.openagention.core.journal.StepExecutor;

/**
 * The journaling {@link StepExecutor} ({@link StepExecutor#journaling}): replays a step's result
 * from a {@link JournalStore} when the run's journal holds it, else runs the step and journals
 * its result. Time, timers and random ids are steps like any other.
 */
public final class JournaledSteps implements StepExecutor {
    private final String runId;
    private final JournalStore store;
    private final Clock clock;
    private final Sleeper sleeper;
    private final List<JournalEntry> history;
    private final Map<String, JournalEntry> completed = new HashMap<>();

    public JournaledSteps(String runId, JournalStore store, Clock clock, Sleeper sleeper) {
        this.runId = runId;
        this.store = store;
        this.clock = clock;
        this.sleeper = sleeper;
        this.history = List.copyOf(store.read(runId));
        for (JournalEntry e : history) {
            if (!e.stepId().isEmpty()) {
                completed.put(e.stepId(), e);
            }
        }
    }

    @Override
    public <T> Outcome<T> execute(String stepId, StepCodec<T> codec, Callable<T> action) throws Exception {
        JournalEntry done;
        synchronized (completed) {
            done = completed.get(stepId);
        }
        if (done != null) {
            T replayed = replay(done, codec);
            if (replayed != null) {
                return new Outcome<>(replayed, true);
            }
        }
        T value = action.call();
        JournalEntry entry = store.append(runId, codec.typeOf(value), stepId, clock.instant(), codec.encode(value));
        synchronized (completed) {
            completed.put(stepId, entry);
        }
        return new Outcome<>(value, false);
    }

    /** The journaled value when the entry is this codec's; null when it is some other step's. */
    private static <T> T replay(JournalEntry done, StepCodec<T> codec) {
        if (done.type().equals(codec.type())) {
            return codec.decode(done.payloadJson());
        }
        try {
            T value = codec.decode(done.payloadJson());
            return value != null && codec.typeOf(value).equals(done.type()) ? value : null;
        } catch (RuntimeException notThisCodecs) {
            return null;
        }
    }

    @Override
    public <T> void record(StepCodec<T> codec, T fact) {
        store.append(runId, codec.typeOf(fact), "", clock.instant(), codec.encode(fact));
    }

    @Override
    public Instant now(String stepId) {
        return unchecked(stepId, Codecs.NOW, clock::instant);
    }

    @Override
    public void sleep(String stepId, Duration duration) throws InterruptedException {
        try {
            execute(stepId, Codecs.SLEPT, () -> {
                sleeper.sleep(duration);
                return duration;
            });
        } catch (InterruptedException | RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new JournalException("sleep step " + stepId + " failed: " + e.getMessage(), e);
        }
    }

    @Override
    public String randomId(String stepId) {
        return unchecked(stepId, Codecs.RANDOM_ID, Codecs::newRandomId);
    }

    @Override
    public List<JournalEntry> history() {
        return history;
    }

    private <T> T unchecked(String stepId, StepCodec<T> codec, Callable<T> action) {
        try {
            return execute(stepId, codec, action).value();
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new JournalException("step " + stepId + " failed: " + e.getMessage(), e);
        }
    }
}
