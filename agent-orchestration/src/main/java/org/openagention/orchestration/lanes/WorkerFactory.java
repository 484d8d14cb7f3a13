// SPDX-License-Identifier: Apache-2.0
package org.openagention.orchestration.lanes;

import java.util.Objects;
import java.util.function.BiFunction;
import org.openagention.core.Agent;
import org.openagention.core.ConfigurationException;
import org.openagention.core.RunOptions;
import org.openagention.orchestration.graph.Task;
import org.openagention.tools.Workspace;

/**
 * Makes the {@link Worker} for one attempt at a task, given the task and its workspace: this is
 * where a worker agent gets its tools bound to the task's workspace.
 *
 * <p>The task's {@link Task#lane()} says how its tools must be confined: a
 * {@link org.openagention.orchestration.graph.Lane#SANDBOXED} task gets a shell that runs under the sandbox (the orchestrator has
 * already checked, through its {@link SandboxAvailability}, that one is available, and never calls
 * the factory for a sandboxed task otherwise).
 *
 * <p>A handoff is a factory that returns another worker for a later attempt: that worker's prompt
 * starts with a checkpoint summary of what the previous attempt did (its tool calls and answer),
 * and it works in the same workspace.
 *
 * <pre>{@code
 * WorkerFactory workers = WorkerFactory.agents((task, ws) -> Agent.builder()
 *         .model(model).instructions("You are a careful Java engineer.")
 *         .tools(CodingTools.all(ws, ShellOptions.defaults().sandboxed(task.lane() == Lane.SANDBOXED)))
 *         .build());
 * }</pre>
 *
 * Called on the supervisor's thread; must be quick and thread-safe.
 */
@FunctionalInterface
public interface WorkerFactory {

    /**
     * @param attempt the attempt's number, from 1
     */
    Worker create(Task task, Workspace workspace, int attempt);

    /** A factory of agents, each run through {@link Worker#of(Agent)}. */
    static WorkerFactory agents(BiFunction<Task, Workspace, Agent> agents) {
        return agents(agents, RunOptions.defaults());
    }

    /**
     * A factory of agents, each run through {@link Worker#of(Agent, RunOptions)} with
     * {@code options} (a journal for the workers' runs, say).
     */
    static WorkerFactory agents(BiFunction<Task, Workspace, Agent> agents, RunOptions options) {
        Objects.requireNonNull(agents, "agents");
        Objects.requireNonNull(options, "options");
        if (options.runId().isPresent()) {
            throw new ConfigurationException("the workers' options cannot carry a run id ('" + options.runId().get()
                    + "'): each attempt is a run of its own, with a fresh id");
        }
        return (task, workspace, attempt) -> Worker.of(agents.apply(task, workspace), options);
    }
}
