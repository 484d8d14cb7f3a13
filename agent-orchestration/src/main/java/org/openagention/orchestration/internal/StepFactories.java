// SPDX-License-Identifier: Apache-2.0
package org.openagention.orchestration.internal;

import java.time.Clock;
import org.openagention.core.ConfigurationException;
import org.openagention.core.Sleeper;
import org.openagention.core.journal.JournalStore;
import org.openagention.core.journal.StepExecutor;

/**
 * How the orchestrator, batch runner and automation runner choose their step executors: from a
 * {@code journal(...)} or a {@code stepExecutor(...)} their builders were given, never both.
 */
public final class StepFactories {
    private StepFactories() {}

    /**
     * Refuses a builder given both a journal and a step executor, naming the component
     * ({@code "an orchestrator"}, {@code "a batch runner"}, ...).
     *
     * @throws ConfigurationException when both are given
     */
    public static void refuseBoth(String component, JournalStore journal, StepExecutor.Factory steps) {
        if (journal != null && steps != null) {
            throw new ConfigurationException("give " + component + " a journal(...) or a stepExecutor(...), not both:"
                    + " a step executor that journals is StepExecutor.journaling(store, clock, sleeper)");
        }
    }

    /**
     * The given step executor, else one journaling to {@code journal}, else one journaling to
     * {@code fallback}; with no fallback (null), one that journals nothing.
     */
    public static StepExecutor.Factory choose(JournalStore journal, StepExecutor.Factory steps, JournalStore fallback,
            Clock clock, Sleeper sleeper) {
        if (steps != null) {
            return steps;
        }
        JournalStore store = journal != null ? journal : fallback;
        return store != null ? StepExecutor.journaling(store, clock, sleeper) : StepExecutor.direct(clock, sleeper);
    }
}
