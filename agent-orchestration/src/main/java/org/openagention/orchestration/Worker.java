package org.openagention.orchestration;

import java.util.Objects;
import org.openagention.core.Agent;
import org.openagention.core.RunResult;
import org.openagention.orchestration.internal.Allotments;

/**
 * Runs one attempt at a task: takes the prompt the supervisor wrote and returns how the run
 * ended. Usually an {@link Agent} ({@link #of(Agent)}); anything that yields a
 * {@link RunResult} will do.
 *
 * <p>Contract: spend no more than {@code allotment} (the smaller of what is left of the task's
 * budget and of the graph's); {@link #of(Agent)} does so by giving the agent
 * {@link org.openagention.core.Limits} no larger than the allotment. Called on a worker thread;
 * an exception fails the attempt as {@link FailureKind#WORKER_ERROR}.
 */
@FunctionalInterface
public interface Worker {

    RunResult run(String prompt, Budget allotment);

    /**
     * A worker that runs {@code agent}, its token, cost and time limits narrowed to the allotment
     * (a limit the agent already has that is tighter is kept).
     */
    static Worker of(Agent agent) {
        Objects.requireNonNull(agent, "agent");
        return (prompt, allotment) -> agent.toBuilder()
                .limits(Allotments.narrow(agent.limits(), allotment))
                .build()
                .run(prompt);
    }
}
