// SPDX-License-Identifier: Apache-2.0
package org.openagention.temporal;

import io.temporal.worker.Worker;
import java.util.Objects;
import java.util.function.Function;
import org.openagention.core.Agent;
import org.openagention.temporal.internal.AgentRegistry;
import org.openagention.temporal.internal.AgentWorkflow;
import org.openagention.temporal.internal.AgentWorkflowImpl;
import org.openagention.temporal.internal.StepActivitiesImpl;
import org.openagention.tools.Workspace;

/**
 * The agents a Temporal worker serves, by name. The worker runs both halves of every agent run on
 * its task queue: the loop as workflow code, and the model and tool calls as activities, which
 * look the agent up by the name the run was submitted with. Made by {@link TemporalAgents#worker}.
 *
 * <p>Every worker of one task queue must register the same names with the same agent definitions
 * (tools, instructions, approvals): a run may continue on any of them, and its workflow code must
 * take the same decisions there. Register before the worker factory starts.
 *
 * <p>Listeners of a registered agent hear the workflow side's events (run started, turns, tool
 * calls, run finished), including while a worker replays a run after a restart, and the activity
 * side's (model requested and streamed, what tools publish).
 *
 * <p>Thread-safe.
 */
public final class AgentWorker {
    private final AgentRegistry agents = new AgentRegistry();

    AgentWorker(Worker worker) {
        Objects.requireNonNull(worker, "worker");
        worker.registerWorkflowImplementationFactory(AgentWorkflow.class, () -> new AgentWorkflowImpl(agents));
        worker.registerActivitiesImplementations(new StepActivitiesImpl(agents, null));
    }

    /**
     * Serves {@code agent} under {@code name}; its tool interceptors run in the tool activities.
     *
     * @throws IllegalArgumentException when the name is blank or taken
     */
    public AgentWorker register(String name, Agent agent) {
        agents.register(name, agent, null);
        return this;
    }

    /**
     * Serves a graph task's agent under {@code name} ({@link TemporalGraphs}): {@code perWorkspace}
     * builds it for a task's workspace. Where the loop runs it gets a stand-in workspace its tools
     * never touch; on the host holding the task's clone, the clone. Give every worker and host the
     * same factory.
     */
    public AgentWorker register(String name, Function<Workspace, Agent> perWorkspace) {
        agents.register(name, perWorkspace, null);
        return this;
    }

    /** The agents, for the hosts of task graphs that serve the same ones. */
    AgentRegistry registry() {
        return agents;
    }

    /**
     * Serves {@code agent} under {@code name}, its tool calls approved in the workflow by
     * {@code approvals} (do not also add the policy as a tool interceptor).
     */
    public AgentWorker register(String name, Agent agent, Approvals approvals) {
        agents.register(name, agent, Objects.requireNonNull(approvals, "approvals"));
        return this;
    }
}
