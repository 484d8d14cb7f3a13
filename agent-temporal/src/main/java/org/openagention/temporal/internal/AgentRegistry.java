// SPDX-License-Identifier: Apache-2.0
package org.openagention.temporal.internal;

import io.temporal.failure.ApplicationFailure;
import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import org.openagention.core.Agent;
import org.openagention.temporal.Approvals;
import org.openagention.tools.Workspace;

/**
 * The agents one worker serves, by name: the workflow builds its loop from the named agent's
 * definition, and the step activities run its model and tools. Every worker of a task queue must
 * register the same names with the same definitions (tools, instructions, approvals), or runs will
 * not replay.
 */
public final class AgentRegistry {
    /** The error type of a run naming an agent this worker does not have. */
    public static final String UNKNOWN_AGENT = "UnknownAgent";

    private final Map<String, Registered> agents = new ConcurrentHashMap<>();

    /**
     * One registered agent and how its calls are approved (null: no approvals in the workflow):
     * a fixed agent, or a graph task's agent built for a workspace ({@code perWorkspace} not null).
     */
    public record Registered(Agent agent, Function<Workspace, Agent> perWorkspace, Approvals approvals) {
        /** The agent whose tools work in {@code clone}, this host's clone of a task's workspace. */
        public Agent agentIn(Path clone) {
            if (perWorkspace == null) {
                return agent;
            }
            return Objects.requireNonNull(perWorkspace.apply(Workspace.local(clone)), "the agent factory returned null");
        }
    }

    public void register(String name, Agent agent, Approvals approvals) {
        Objects.requireNonNull(agent, "agent");
        put(name, new Registered(agent, null, approvals));
    }

    /**
     * Registers a graph task's agent: built for {@link RemoteLanes#placeholder()} where the loop
     * runs (its tools never run there) and for the task's clone where its tools run.
     */
    public void register(String name, Function<Workspace, Agent> perWorkspace, Approvals approvals) {
        Objects.requireNonNull(perWorkspace, "perWorkspace");
        Agent definition = Objects.requireNonNull(perWorkspace.apply(RemoteLanes.placeholder()),
                "the agent factory returned null");
        put(name, new Registered(definition, perWorkspace, approvals));
    }

    private void put(String name, Registered registered) {
        Objects.requireNonNull(name, "name");
        if (name.isBlank()) {
            throw new IllegalArgumentException("an agent's name cannot be blank");
        }
        if (agents.putIfAbsent(name, registered) != null) {
            throw new IllegalArgumentException("an agent named '" + name + "' is already registered on this worker");
        }
    }

    /** @throws ApplicationFailure (not retryable) when no agent has that name */
    public Registered get(String name) {
        Registered r = agents.get(name);
        if (r == null) {
            throw ApplicationFailure.newNonRetryableFailure("this worker has no agent named '" + name
                    + "'; registered: " + String.join(", ", new java.util.TreeSet<>(agents.keySet())), UNKNOWN_AGENT);
        }
        return r;
    }
}
