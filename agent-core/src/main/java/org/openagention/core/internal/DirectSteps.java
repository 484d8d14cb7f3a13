package org.openagention.core.internal;

import java.util.concurrent.Callable;
import org.openagention.core.journal.StepCodec;
import org.openagention.core.journal.StepExecutor;

/** Runs every step and journals nothing: the executor of an agent configured without a journal. */
public final class DirectSteps implements StepExecutor {
    public static final DirectSteps INSTANCE = new DirectSteps();
    public static final Factory FACTORY = runId -> INSTANCE;

    @Override
    public <T> Outcome<T> execute(String stepId, StepCodec<T> codec, Callable<T> action) throws Exception {
        return new Outcome<>(action.call(), false);
    }

    @Override
    public void record(String type, String payloadJson) {
        // No journal.
    }

    @Override
    public boolean journals() {
        return false;
    }
}
