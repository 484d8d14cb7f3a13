// SPDX-License-Identifier: Apache-2.0
package org.openagention.cli;

import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.temporal.api.filter.v1.WorkflowTypeFilter;
import io.temporal.api.workflow.v1.WorkflowExecutionInfo;
import io.temporal.api.workflowservice.v1.DescribeWorkflowExecutionRequest;
import io.temporal.api.workflowservice.v1.ListOpenWorkflowExecutionsRequest;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowClientOptions;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.serviceclient.WorkflowServiceStubsOptions;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.openagention.core.journal.JournalEntry;
import org.openagention.temporal.AgentRuns;
import org.openagention.temporal.PendingApproval;
import org.openagention.temporal.TemporalAgents;
import org.openagention.temporal.TemporalRun;

/**
 * The calls Temporal agent runs wait on, for {@code serve --temporal}: the open
 * {@code openagention.AgentRun} workflows of a namespace and task queue (plus any run named with
 * {@code --temporal-run}), asked for their pending approvals and journals; a decision is the run's approval
 * signal, decided by {@code console}. The only class of {@code serve} that names Temporal's types,
 * loaded only when {@code --temporal} is given. What it lists is kept for a second, so the
 * console's event streams do not query every run three times a second.
 */
final class TemporalConsoleSource implements ApprovalSource {
    static final String DECIDED_BY = "console";
    private static final String WORKFLOW_TYPE = "openagention.AgentRun";
    private static final long KEEP_MILLIS = 1_000;
    private static final long RPC_SECONDS = 10;

    /** A waiting call: the console's id, the run and the call id the signal names. */
    private record Waiting(ApprovalFiles.Pending pending, String runId, String callId) {}

    private final WorkflowServiceStubs service;
    private final WorkflowClient client;
    private final AgentRuns runs;
    private final String namespace;
    private final String taskQueue;
    private final Set<String> named;
    private final Map<String, Waiting> byId = new ConcurrentHashMap<>();
    /** Task queues of runs (by Temporal's run id), which never change. */
    private final Map<String, String> queues = new ConcurrentHashMap<>();
    private List<Waiting> last = List.of();
    private Map<String, List<JournalEntry>> lastRuns = Map.of();
    private long lastAt;

    private TemporalConsoleSource(WorkflowServiceStubs service, String namespace, String taskQueue, List<String> named) {
        this.service = service;
        this.client = WorkflowClient.newInstance(service, WorkflowClientOptions.newBuilder().setNamespace(namespace).build());
        this.runs = TemporalAgents.client(client, taskQueue);
        this.namespace = namespace;
        this.taskQueue = taskQueue;
        this.named = new LinkedHashSet<>(named);
    }

    /**
     * Connects to the Temporal frontend {@code target} ({@code HOST:PORT}).
     *
     * @throws CliException when {@code target} is not {@code HOST:PORT}, or nothing answers there
     */
    static ApprovalSource connect(String target, String namespace, String taskQueue, List<String> runIds) {
        if (!target.matches("[^\\s:]+:\\d+")) {
            throw new CliException("--temporal wants HOST:PORT, such as localhost:7233, not '" + target + "'", 2);
        }
        WorkflowServiceStubs service = WorkflowServiceStubs.newServiceStubs(
                WorkflowServiceStubsOptions.newBuilder().setTarget(target).build());
        TemporalConsoleSource source = new TemporalConsoleSource(service, namespace, taskQueue, runIds);
        try {
            source.listOpen();
        } catch (StatusRuntimeException e) {
            Status.Code code = e.getStatus().getCode();
            if (code == Status.Code.UNAVAILABLE || code == Status.Code.DEADLINE_EXCEEDED || code == Status.Code.NOT_FOUND) {
                source.close();
                throw new CliException("cannot reach Temporal at " + target + " (namespace " + namespace + "): "
                        + JournalRead.oneLine(e.getMessage()), 2);
            }
            // it answers but does not list open workflows: the runs named with --temporal-run are still shown
        }
        return source;
    }

    @Override
    public synchronized List<ApprovalFiles.Pending> pending() {
        refresh();
        return last.stream().map(Waiting::pending).toList();
    }

    @Override
    public synchronized Map<String, List<JournalEntry>> openRuns() {
        refresh();
        return lastRuns;
    }

    private void refresh() {
        if (System.currentTimeMillis() - lastAt >= KEEP_MILLIS) {
            look();
            lastAt = System.currentTimeMillis();
            last.forEach(w -> byId.put(w.pending().id(), w));
        }
    }

    @Override
    public boolean decide(String id, boolean approved, String reason) {
        Waiting w = byId.get(id);
        if (w == null) {
            return false;
        }
        TemporalRun run = runs.attach(w.runId());
        boolean waiting;
        try {
            waiting = run.pendingApprovals().stream().anyMatch(p -> p.callId().equals(w.callId()));
        } catch (RuntimeException e) {
            waiting = false; // the run ended or is gone
        }
        if (!waiting) {
            byId.remove(id);
            return false;
        }
        if (approved) {
            run.approve(w.callId(), DECIDED_BY, reason);
        } else {
            run.deny(w.callId(), DECIDED_BY, reason);
        }
        byId.remove(id);
        synchronized (this) {
            lastAt = 0; // the next look asks again
        }
        return true;
    }

    /**
     * Asks every open agent run of our task queue and every named run for its waiting calls and its
     * journal; a run that cannot answer (ended, unknown, not an agent run) is left out.
     */
    private void look() {
        Set<String> ids = new LinkedHashSet<>(named);
        try {
            ids.addAll(listOpen());
        } catch (RuntimeException e) {
            // the cluster does not list (or not now): the named runs are still asked
        }
        List<Waiting> out = new ArrayList<>();
        Map<String, List<JournalEntry>> journals = new LinkedHashMap<>();
        for (String runId : ids) {
            List<PendingApproval> pending;
            try {
                TemporalRun run = runs.attach(runId);
                pending = run.pendingApprovals();
                journals.put(runId, run.journal());
            } catch (RuntimeException e) {
                continue;
            }
            for (PendingApproval p : pending) {
                String id = id(runId, p.callId());
                out.add(new Waiting(new ApprovalFiles.Pending(id, runId, p.turn(), p.tool(), p.argumentsJson(), p.rule(),
                        Instant.ofEpochMilli(p.askedAtMillis()).toString()), runId, p.callId()));
            }
        }
        last = out;
        lastRuns = java.util.Collections.unmodifiableMap(journals);
    }

    private List<String> listOpen() {
        List<String> ids = new ArrayList<>();
        Set<String> open = new java.util.HashSet<>();
        com.google.protobuf.ByteString page = com.google.protobuf.ByteString.EMPTY;
        do {
            var response = service.blockingStub().withDeadlineAfter(RPC_SECONDS, TimeUnit.SECONDS).listOpenWorkflowExecutions(ListOpenWorkflowExecutionsRequest.newBuilder()
                    .setNamespace(namespace).setMaximumPageSize(200).setNextPageToken(page)
                    .setTypeFilter(WorkflowTypeFilter.newBuilder().setName(WORKFLOW_TYPE)).build());
            for (WorkflowExecutionInfo info : response.getExecutionsList()) {
                open.add(info.getExecution().getRunId());
                // Temporal's test server ignores the filter and leaves the task queue out: checked here again.
                if (info.getType().getName().equals(WORKFLOW_TYPE) && taskQueue(info).equals(taskQueue)) {
                    ids.add(info.getExecution().getWorkflowId());
                }
            }
            page = response.getNextPageToken();
        } while (!page.isEmpty() && ids.size() < 1_000);
        queues.keySet().retainAll(open);
        return ids;
    }

    /** The run's task queue, asked of the cluster (once a run) where the list leaves it out. */
    private String taskQueue(WorkflowExecutionInfo info) {
        if (!info.getTaskQueue().isEmpty()) {
            return info.getTaskQueue();
        }
        try {
            return queues.computeIfAbsent(info.getExecution().getRunId(), run -> service.blockingStub()
                    .withDeadlineAfter(RPC_SECONDS, TimeUnit.SECONDS)
                    .describeWorkflowExecution(DescribeWorkflowExecutionRequest.newBuilder().setNamespace(namespace)
                            .setExecution(info.getExecution()).build())
                    .getExecutionConfig().getTaskQueue().getName());
        } catch (RuntimeException e) {
            return ""; // ended meanwhile: left out
        }
    }

    /** A console id for a call of a run: ids of both may hold any character, the console's may not. */
    private static String id(String runId, String callId) {
        try {
            byte[] h = MessageDigest.getInstance("SHA-256").digest((runId + "\u0000" + callId).getBytes(StandardCharsets.UTF_8));
            return "t-" + HexFormat.of().formatHex(h, 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        service.shutdownNow();
    }
}
