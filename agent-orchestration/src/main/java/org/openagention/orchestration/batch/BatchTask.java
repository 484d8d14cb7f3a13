// SPDX-License-Identifier: Apache-2.0
package org.openagention.orchestration.batch;

import java.util.Objects;
import java.util.function.Function;
import org.openagention.core.Agent;
import org.openagention.core.RunOptions;
import org.openagention.core.RunResult;

/**
 * The work done for one item of a batch: usually one agent run. An exception thrown here, or a
 * run that ends without the model's answer, fails that item only.
 *
 * <p>Called from several threads at once (up to the batch's concurrency): implementations must be
 * thread-safe. An {@link Agent} is.
 */
@FunctionalInterface
public interface BatchTask {

    /** Runs the task for {@code item}. */
    RunResult run(String item) throws Exception;

    /** A task that runs {@code agent} on the prompt {@code prompt} makes from each item. */
    static BatchTask of(Agent agent, Function<String, String> prompt) {
        return of(agent, prompt, RunOptions.defaults());
    }

    /**
     * A task that runs {@code agent} with {@code options} (limits, a journal) on the prompt
     * {@code prompt} makes from each item; each item's run gets a fresh run id.
     */
    static BatchTask of(Agent agent, Function<String, String> prompt, RunOptions options) {
        Objects.requireNonNull(agent, "agent");
        Objects.requireNonNull(prompt, "prompt");
        Objects.requireNonNull(options, "options");
        if (options.runId().isPresent()) {
            throw new IllegalArgumentException("a batch task's options cannot carry a run id: each item is a run of its own");
        }
        return item -> agent.run(prompt.apply(item), options);
    }
}
