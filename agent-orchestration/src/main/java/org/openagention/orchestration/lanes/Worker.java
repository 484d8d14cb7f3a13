// SPDX-License-Identifier: Apache-2.0
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

    /**
     * Runs the attempt as the agent run {@code runId}: the supervisor names each attempt's run
     * before it starts and journals the name, so that a resumed orchestration can
     * {@linkplain #resume resume} it. The default ignores the name and calls
     * {@link #run(String, Budget)}.
     */
    default RunResult run(String runId, String prompt, Budget allotment) {
        return run(prompt, allotment);
    }

    /**
     * Whether this worker can {@linkplain #resume resume} run {@code runId} from its journal: true
     * for {@link #of(Agent, RunOptions)} with a journal that holds the run; false by default, and
     * then a resumed orchestration fails the cut-off attempt as interrupted and starts a new one.
     */
    default boolean canResume(String runId) {
        return false;
    }

    /**
     * Finishes run {@code runId} from its journal, in the same workspace: its finished model and
     * tool calls are replayed, not run again, and a mutating tool call cut off mid-way is reported
     * to the model as of unknown outcome (see {@link org.openagention.core.tool.Tool}). Called only
     * when {@link #canResume} said so.
     *
     * @throws UnsupportedOperationException by default
     */
    default RunResult resume(String runId, Budget allotment) {
        throw new UnsupportedOperationException("this worker cannot resume run '" + runId + "'");
    }

    /** A worker that runs {@code agent} with default run options; see {@link #of(Agent, RunOptions)}. */
    static Worker of(Agent agent) {
        return of(agent, RunOptions.defaults());
    }

    /**
     * A worker that runs {@code agent} with {@code options} (its journal, clock, prices,
     * streaming), the token, cost and time limits narrowed to each attempt's allotment (a limit the
     * options already have that is tighter is kept). The agent is not rebuilt: the same agent
     * serves every attempt, and each attempt is a run of its own, with the id the supervisor names
     * it by. With a journal in {@code options}, a run cut off by a crash is resumed from it
     * ({@link #canResume}, {@link #resume}).
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
        return new Worker() {
            private RunOptions within(Budget allotment) {
                return options.toBuilder().limits(Allotments.narrow(options.limits(), allotment)).build();
            }

            @Override
            public RunResult run(String prompt, Budget allotment) {
                return agent.run(prompt, within(allotment));
            }

            @Override
            public RunResult run(String runId, String prompt, Budget allotment) {
                return agent.run(prompt, within(allotment).toBuilder().runId(runId).build());
            }

            @Override
            public boolean canResume(String runId) {
                return options.journal().map(j -> !j.read(runId).isEmpty()).orElse(false);
            }

            @Override
            public RunResult resume(String runId, Budget allotment) {
                return agent.resume(runId, within(allotment));
            }
        };
    }
}
