// SPDX-License-Identifier: Apache-2.0
package org.openagention.temporal;

import io.temporal.client.WorkflowClient;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.serviceclient.WorkflowServiceStubsOptions;
import io.temporal.worker.WorkerFactory;
import io.temporal.worker.WorkerFactoryOptions;
import java.nio.file.Path;

/**
 * A worker JVM of the multi-process test: a graph worker on the shared queue and a host on its
 * own. Arguments: server port, host name (its queue), host directory, remote URL, markers
 * directory. Prints READY once polling, then runs until killed.
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
        // No sticky workflow cache: the test server leaves a dead worker's sticky tasks on its sticky
        // queue (a real cluster moves them after the sticky timeout), so every workflow task goes
        // to the shared queue and is replayed from history by whichever worker takes it.
        WorkerFactory factory = WorkerFactory.newInstance(client,
                WorkerFactoryOptions.newBuilder().setWorkflowCacheSize(0).build());
        AgentWorker agents = TemporalAgents.worker(factory.newWorker(MultiProcessGraphTest.QUEUE))
                .register("coder", ws -> ShellGraph.agent(ws, markers, host));
        TemporalGraphs.worker(factory.getWorker(MultiProcessGraphTest.QUEUE));
        TemporalGraphs.host(factory.newWorker(host), agents, dir, remote);
        factory.start();
        System.out.println("READY " + host);
        System.out.flush();
        Thread.currentThread().join();
    }
}
