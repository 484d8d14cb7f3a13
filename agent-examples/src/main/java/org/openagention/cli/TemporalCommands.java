// SPDX-License-Identifier: Apache-2.0
package org.openagention.cli;

import io.temporal.api.history.v1.HistoryEvent;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowClientOptions;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.serviceclient.WorkflowServiceStubsOptions;
import io.temporal.worker.WorkerFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.openagention.core.Agent;
import org.openagention.core.journal.JournalEntry;
import org.openagention.core.journal.JournalStore;
import org.openagention.temporal.AgentWorker;
import org.openagention.temporal.PendingApproval;
import org.openagention.temporal.TemporalAgents;
import org.openagention.temporal.TemporalGraphRun;
import org.openagention.temporal.TemporalGraphs;
import org.openagention.temporal.TemporalRun;
import org.openagention.tools.CodingTools;

/**
 * The Temporal side of the CLI's {@code worker}, {@code approve}, {@code report --temporal} and
 * {@code run --plan --temporal} ({@link TemporalPlanRun}) commands: the only class of the
 * CLI that names Temporal's types, loaded when one of those commands runs (never at start-up).
 */
final class TemporalCommands {
    private TemporalCommands() {}

    private static String checkTarget(String target) {
        if (!target.matches("[^\\s:]+:\\d+")) {
            throw new CliException("--temporal wants HOST:PORT, such as localhost:7233, not '" + target + "'", 2);
        }
        return target;
    }

    private static WorkflowClient client(String target, String namespace) {
        checkTarget(target);
        WorkflowServiceStubs service = WorkflowServiceStubs.newServiceStubs(
                WorkflowServiceStubsOptions.newBuilder().setTarget(target).build());
        return WorkflowClient.newInstance(service, WorkflowClientOptions.newBuilder().setNamespace(namespace).build());
    }

    /**
     * A client of {@code target} whose frontend answered within 10 s: a command that submits work
     * says at once that the server cannot be reached, rather than after its first call's retries.
     */
    private static WorkflowClient connectedClient(String target, String namespace) {
        checkTarget(target);
        WorkflowServiceStubs service;
        try {
            service = WorkflowServiceStubs.newConnectedServiceStubs(
                    WorkflowServiceStubsOptions.newBuilder().setTarget(target).build(), Duration.ofSeconds(10));
        } catch (RuntimeException e) {
            throw new CliException("cannot reach Temporal at " + target + ": " + JournalRead.oneLine(e.getMessage()), 2);
        }
        return WorkflowClient.newInstance(service, WorkflowClientOptions.newBuilder().setNamespace(namespace).build());
    }

    /** {@code run --plan --temporal}: plans here, submits the graph to the task queue's workers, follows it. */
    static int run(RunCommand c) {
        TemporalPlanRun.check(c);
        WorkflowClient client = connectedClient(c.temporal, c.namespace);
        try {
            return TemporalPlanRun.run(c, client);
        } finally {
            client.getWorkflowServiceStubs().shutdownNow();
        }
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
            if (c.remote != null) {
                TemporalGraphs.host(factory.newWorker(c.host), agents, c.dir, c.remote);
            } else {
                TemporalGraphs.host(factory.newWorker(c.host), agents, c.dir);
            }
        }
        factory.start();
        c.parent.context().out().println("worker on task queue " + c.taskQueue + (c.host == null ? ""
                : ", host " + c.host + " (clones of " + (c.remote != null ? c.remote : "each graph's remote") + " under "
                + c.dir.toAbsolutePath() + ")") + ", model " + model.description()
                + ", at " + c.temporal + " namespace " + c.namespace);
        try {
            Thread.currentThread().join();
        } finally {
            factory.shutdownNow();
            client.getWorkflowServiceStubs().shutdownNow();
        }
        return 0;
    }

    static int report(ReportCommand c) {
        JournalStore store = collect(client(c.temporal, c.namespace), c.runId, c.temporal, c.namespace);
        Path written = ReportCommand.write(store, Path.of("."), c.runId, c.out);
        c.parent.context().out().println(written);
        return 0;
    }

    /** The journal of Temporal run {@code runId}: a graph's with every attempt's agent run, or an agent run's. */
    static JournalStore collect(WorkflowClient client, String runId, String target, String namespace) {
        List<HistoryEvent> events;
        try {
            events = client.fetchHistory(runId).getEvents();
        } catch (RuntimeException e) {
            throw new CliException("no run '" + runId + "' on " + target + " (namespace " + namespace + "): "
                    + JournalRead.oneLine(e.getMessage()), 2);
        }
        String type = events.isEmpty() ? "" : events.get(0).getWorkflowExecutionStartedEventAttributes()
                .getWorkflowType().getName();
        JournalStore store = JournalStore.inMemory();
        if (type.equals("openagention.TaskGraph")) {
            TemporalGraphRun run = TemporalGraphs.client(client, "unused").attach(runId);
            copy(store, run.journal());
            for (HistoryEvent e : events) {
                if (e.hasStartChildWorkflowExecutionInitiatedEventAttributes()) {
                    copy(store, run.attempt(e.getStartChildWorkflowExecutionInitiatedEventAttributes().getWorkflowId())
                            .journal());
                }
            }
        } else if (type.equals("openagention.AgentRun")) {
            copy(store, TemporalAgents.client(client, "unused").attach(runId).journal());
        } else {
            throw new CliException("run '" + runId + "' is a '" + type + "' workflow, not an OpenAgention run", 2);
        }
        return store;
    }

    private static void copy(JournalStore store, List<JournalEntry> entries) {
        for (JournalEntry e : entries) {
            store.append(e.runId(), e.type(), e.stepId(), e.at(), e.payloadJson());
        }
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
