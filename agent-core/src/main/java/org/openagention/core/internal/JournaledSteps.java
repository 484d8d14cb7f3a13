package org.openagention.core.internal;

import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import org.openagention.core.journal.JournalEntry;
import org.openagention.core.journal.JournalStore;
import org.openagention.core.journal.StepCodec;
import org.openagention.core.journal.StepExecutor;

/** The default {@link StepExecutor}: replays from a {@link JournalStore}, else runs and journals. */
public final class JournaledSteps implements StepExecutor {
    private final String runId;
    private final JournalStore store;
    private final Clock clock;
    private final Map<String, JournalEntry> completed = new HashMap<>();

    public JournaledSteps(String runId, JournalStore store, Clock clock) {
        this.runId = runId;
        this.store = store;
        this.clock = clock;
        for (JournalEntry e : store.read(runId)) {
            if (!e.stepId().isEmpty()) {
                completed.put(e.stepId(), e);
            }
        }
    }

    public static Factory factory(JournalStore store, Clock clock) {
        return runId -> new JournaledSteps(runId, store, clock);
    }

    @Override
    public <T> Outcome<T> execute(String stepId, StepCodec<T> codec, Callable<T> action) throws Exception {
        JournalEntry done;
        synchronized (completed) {
            done = completed.get(stepId);
        }
        if (done != null && done.type().equals(codec.type())) {
            return new Outcome<>(codec.decode(done.payloadJson()), true);
        }
        T value = action.call();
        JournalEntry entry = store.append(runId, codec.type(), stepId, clock.instant(), codec.encode(value));
        synchronized (completed) {
            completed.put(stepId, entry);
        }
        return new Outcome<>(value, false);
    }

    @Override
    public void record(String type, String payloadJson) {
        store.append(runId, type, "", clock.instant(), payloadJson);
    }
}
