// SPDX-License-Identifier: Apache-2.0
package org.openagention.temporal;

import io.temporal.client.WorkflowClient;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.serviceclient.WorkflowServiceStubsOptions;
import io.temporal.worker.WorkerFactory;
import java.nio.file.Path;

/**
 * A worker JVM of the multi-process test: a host on its own queue and, with a sixth argument
 * {@code graph}, a graph worker on the shared queue. Arguments: server port, host name (its
 * queue), host directory, remote URL, markers directory[, graph]. Prints READY once polling,
 * then runs until killed.
 */
public final class GraphHostMain {
    private GraphHostMain() {}

    public static void main(String[] args) throws Exception {
        int port = Integer.parseInt(args[0]);
        String host = args[1];
        Path dir = Path.of(args[2]);
        String remote = args[3];
        Path markers = Path.of(args[4]);
        WorkflowServiceStubs service = WorkflowServiceStubs.newServiceStubs(
                WorkflowServiceStubsOptions.newBuilder().setTarget("localhost:" + port).build());
        WorkflowClient client = WorkflowClient.newInstance(service);
        WorkerFactory factory = WorkerFactory.newInstance(client);
        boolean graph = args.length > 5 && args[5].equals("graph");
        // A host serves its agents' tool calls; a graph worker also runs the workflows and model calls.
        AgentWorker agents = TemporalAgents.worker(factory.newWorker(graph ? MultiProcessGraphTest.QUEUE
                : host + "-unused")).register("coder", ws -> ShellGraph.agent(ws, markers, host));
        if (graph) {
            TemporalGraphs.worker(factory.getWorker(MultiProcessGraphTest.QUEUE));
        }
        TemporalGraphs.host(factory.newWorker(host), agents, dir, remote);
        factory.start();
        System.out.println("READY " + host);
        System.out.flush();
        Thread.currentThread().join();
    }
}
