// SPDX-License-Identifier: Apache-2.0
package org.openagention.temporal.internal;

import io.temporal.failure.ApplicationFailure;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import org.openagention.core.Agent;
import org.openagention.temporal.Approvals;

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

    /** One registered agent and how its calls are approved (null: no approvals in the workflow). */
    public record Registered(Agent agent, Approvals approvals) {}

    public void register(String name, Agent agent, Approvals approvals) {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(agent, "agent");
        if (name.isBlank()) {
            throw new IllegalArgumentException("an agent's name cannot be blank");
        }
        if (agents.putIfAbsent(name, new Registered(agent, approvals)) != null) {
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
