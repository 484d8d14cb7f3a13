// SPDX-License-Identifier: Apache-2.0
package org.openagention.temporal;

import io.temporal.client.WorkflowClient;
import io.temporal.worker.Worker;
import java.nio.file.Path;
import java.util.Objects;
import org.openagention.temporal.internal.HostActivitiesImpl;
import org.openagention.temporal.internal.HostClones;
import org.openagention.temporal.internal.StepActivitiesImpl;

/**
 * Task graphs as durable Temporal workflows, their tasks' workspaces on hosts across machines.
 *
 * <p>Three roles, any of them in one process: a <b>graph worker</b> runs the orchestrator as
 * workflow code and each attempt's agent loop as a child workflow ({@link #worker}, plus the agent
 * on the same worker through {@link AgentWorker#register(String, java.util.function.Function)});
 * a <b>host</b> holds clones of a shared git remote, one per task it holds, and runs those tasks'
 * tool calls, acceptance checks and (on the integrating host) merges on its own task queue
 * ({@link #host}); a <b>client</b> submits graphs ({@link #client}). Each call that may write
 * pushes the task's branch ({@code openagention/<run>.<task>}); a host that stops picking up
 * calls is taken for lost and its tasks go on elsewhere from their pushed branches. Merges push
 * the target branch.
 *
 * <pre>{@code
 * // every graph worker
 * Worker w = factory.newWorker("graphs");
 * TemporalAgents.worker(w).register("coder", ws -> Agent.builder().model(model).tools(CodingTools.all(ws)).build());
 * TemporalGraphs.worker(w);
 * // every host (its own queue, the same agent factory)
 * AgentWorker agents = TemporalAgents.worker(factory.newWorker("graphs"));   // or the one above
 * TemporalGraphs.host(factory.newWorker("host-a"), agents, Path.of("/var/openagention"), "git@example.com:team/repo.git");
 * // a client
 * TemporalGraphRun run = TemporalGraphs.client(client, "graphs").start("Add login", graph,
 *         GraphOptions.builder("coder").hosts("host-a", "host-b").build());
 * }</pre>
 */
public final class TemporalGraphs {
    private TemporalGraphs() {}

    /** Registers the graph workflow on {@code worker}. */
    public static GraphWorker worker(Worker worker) {
        return new GraphWorker(worker);
    }

    /**
     * Makes {@code hostWorker}'s task queue a host: its tasks' clones live under {@code dir},
     * cloned from {@code remote} (any URL git can push to); the tools are {@code agents}' (the same
     * registrations as the graph workers'). A graph submitted with another remote
     * ({@link GraphOptions.Builder#remote}) fails its tasks' workspaces on this host, both named.
     */
    public static void host(Worker hostWorker, AgentWorker agents, Path dir, String remote) {
        registerHost(hostWorker, agents, dir, Objects.requireNonNull(remote, "remote"));
    }

    /**
     * Makes {@code hostWorker}'s task queue a host of graphs that name their remote
     * ({@link GraphOptions.Builder#remote}): each task's clone is of its graph's remote.
     */
    public static void host(Worker hostWorker, AgentWorker agents, Path dir) {
        registerHost(hostWorker, agents, dir, null);
    }

    private static void registerHost(Worker hostWorker, AgentWorker agents, Path dir, String remote) {
        Objects.requireNonNull(hostWorker, "hostWorker");
        Objects.requireNonNull(agents, "agents");
        HostClones clones = new HostClones(Objects.requireNonNull(dir, "dir"), remote);
        hostWorker.registerActivitiesImplementations(new HostActivitiesImpl(clones),
                new StepActivitiesImpl(agents.registry(), clones));
    }

    /** Submits and finds graph runs on {@code taskQueue}. */
    public static GraphRuns client(WorkflowClient client, String taskQueue) {
        return new GraphRuns(client, taskQueue);
    }
}
