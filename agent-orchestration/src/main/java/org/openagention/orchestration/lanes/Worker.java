package org.openagention.orchestration.lanes;

import java.util.Objects;
import org.openagention.core.Agent;
import org.openagention.core.ConfigurationException;
import org.openagention.core.RunOptions;
import org.openagention.core.RunResult;
import org.openagention.orchestration.graph.Budget;
import org.openagention.orchestration.internal.Allotments;

/**
 * Runs one attempt at a task: takes the prompt the supervisor wrote and returns how the run
 * ended. Usually an {@link Agent} ({@link #of(Agent)}); anything that yields a
 * {@link RunResult} will do.
 *
 * <p>Contract: spend no more than {@code allotment} (the smaller of what is left of the task's
 * budget and of the graph's); {@link #of(Agent, RunOptions)} does so by running the agent with
 * {@link org.openagention.core.Limits} no larger than the allotment. Called on a worker thread;
 * an exception fails the attempt as {@link org.openagention.orchestration.graph.FailureKind#WORKER_ERROR}.
 */
@FunctionalInterface
public interface Worker {

    RunResult run(String prompt, Budget allotment);

    /** A worker that runs {@code agent} with default run options; see {@link #of(Agent, RunOptions)}. */
    static Worker of(Agent agent) {
        return of(agent, RunOptions.defaults());
    }

    /**
     * A worker that runs {@code agent} with {@code options} (its journal, clock, prices,
     * streaming), the token, cost and time limits narrowed to each attempt's allotment (a limit the
     * options already have that is tighter is kept). The agent is not rebuilt: the same agent
     * serves every attempt, and each attempt is a run of its own with a fresh run id.
     *
     * @throws ConfigurationException when {@code options} carry a run id: attempts cannot share one
     */
    static Worker of(Agent agent, RunOptions options) {
        Objects.requireNonNull(agent, "agent");
        Objects.requireNonNull(options, "options");
        if (options.runId().isPresent()) {
            throw new ConfigurationException("a worker's options cannot carry a run id ('" + options.runId().get()
                    + "'): each attempt is a run of its own, with a fresh id");
        }
        return (prompt, allotment) -> agent.run(prompt,
                options.toBuilder().limits(Allotments.narrow(options.limits(), allotment)).build());
    }
}
