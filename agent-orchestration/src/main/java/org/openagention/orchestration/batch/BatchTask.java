package org.openagention.orchestration.batch;

import java.util.Objects;
import java.util.function.Function;
import org.openagention.core.Agent;
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
        Objects.requireNonNull(agent, "agent");
        Objects.requireNonNull(prompt, "prompt");
        return item -> agent.run(prompt.apply(item));
    }
}
