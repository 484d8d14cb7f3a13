// SPDX-License-Identifier: Apache-2.0
package org.openagention.cli;

import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowClientOptions;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.serviceclient.WorkflowServiceStubsOptions;
import io.temporal.worker.WorkerFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import org.openagention.core.Agent;
import org.openagention.temporal.AgentWorker;
import org.openagention.temporal.PendingApproval;
import org.openagention.temporal.TemporalAgents;
import org.openagention.temporal.TemporalGraphs;
import org.openagention.temporal.TemporalRun;
import org.openagention.tools.CodingTools;

/**
 * The Temporal side of the CLI's {@code worker} and {@code approve} commands: the only class of the
 * CLI that names Temporal's types, loaded when one of those commands runs (never at start-up).
 */
final class TemporalCommands {
    private TemporalCommands() {}

    private static WorkflowClient client(String target, String namespace) {
        if (!target.matches("[^\\s:]+:\\d+")) {
            throw new CliException("--temporal wants HOST:PORT, such as localhost:7233, not '" + target + "'", 2);
        }
        WorkflowServiceStubs service = WorkflowServiceStubs.newServiceStubs(
                WorkflowServiceStubsOptions.newBuilder().setTarget(target).build());
        return WorkflowClient.newInstance(service, WorkflowClientOptions.newBuilder().setNamespace(namespace).build());
    }

    static int worker(WorkerCommand c) throws InterruptedException {
        ModelChoice model = ModelChoice.resolve(c.parent.context().env(), c.model);
        WorkflowClient client = client(c.temporal, c.namespace);
        WorkerFactory factory = WorkerFactory.newInstance(client);
        AgentWorker agents = TemporalAgents.worker(factory.newWorker(c.taskQueue)).register("coder",
                ws -> Agent.builder().name("coder").model(model.model()).instructions(Assembly.WORKER_INSTRUCTIONS)
                        .tools(CodingTools.all(ws)).build());
        TemporalGraphs.worker(factory.getWorker(c.taskQueue));
        if (c.host != null) {
            try {
                Files.createDirectories(c.dir);
            } catch (java.io.IOException e) {
                throw new CliException("cannot create --dir " + c.dir + ": " + e.getMessage(), 2);
            }
            TemporalGraphs.host(factory.newWorker(c.host), agents, c.dir, c.remote);
        }
        factory.start();
        c.parent.context().out().println("worker on task queue " + c.taskQueue + (c.host == null ? ""
                : ", host " + c.host + " (clones under " + c.dir.toAbsolutePath() + ")") + ", model " + model.description()
                + ", at " + c.temporal + " namespace " + c.namespace);
        Thread.currentThread().join();
        return 0;
    }

    static int approve(ApproveCommand c) {
        TemporalRun run = TemporalAgents.client(client(c.temporal, c.namespace), "unused").attach(c.runId);
        boolean waiting = run.pendingApprovals().stream().map(PendingApproval::callId).anyMatch(c.callId::equals);
        String by = c.by != null ? c.by : c.parent.context().env().getOrDefault("USER", "cli");
        if (c.decision.allow) {
            run.approve(c.callId, by, c.reason);
        } else {
            run.deny(c.callId, by, c.reason);
        }
        c.parent.context().out().println((c.decision.allow ? "allowed " : "denied ") + c.callId + " of " + c.runId
                + (waiting ? "" : " (it is not waiting yet: the decision is kept for when it asks)"));
        return 0;
    }
}
