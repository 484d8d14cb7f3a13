// SPDX-License-Identifier: Apache-2.0
package org.openagention.temporal.internal;

import io.temporal.activity.ActivityOptions;
import io.temporal.api.enums.v1.TimeoutType;
import io.temporal.common.RetryOptions;
import io.temporal.failure.ActivityFailure;
import io.temporal.failure.ApplicationFailure;
import io.temporal.failure.TimeoutFailure;
import io.temporal.workflow.Workflow;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.openagention.orchestration.graph.Task;
import org.openagention.orchestration.lanes.TaskWorkspaces;
import org.openagention.orchestration.review.Verdict;
import org.openagention.tools.MergeResult;
import org.openagention.tools.Workspace;
import org.openagention.tools.WorkspaceException;

/**
 * A graph workflow's task lanes across hosts (workflow code): each task's workspace is a clone on
 * one host, reached through that host's task queue ({@link HostActivities}); merges run on the
 * integrating host. A host that does not pick up a call within the pickup timeout is taken for
 * lost: its tasks are opened again on another host, from their pushed branches.
 *
 * <p>The {@link Workspace} the orchestrator holds is a stand-in ({@link #placeholder()}); the
 * task's real directory never leaves its host. Workflow threads run one at a time: no locks.
 */
final class RemoteLanes implements TaskWorkspaces {
    private final GraphInput in;
    private final String runKey;
    private final Map<String, String> hostOf = new HashMap<>();
    private final Set<String> lost = new LinkedHashSet<>();
    private int next;

    RemoteLanes(GraphInput in) {
        this.in = in;
        this.runKey = in.runId().replaceAll("[^A-Za-z0-9._-]", "_");
    }

    /**
     * The stand-in workspace where a task's loop and its orchestrator run: an empty directory the
     * tools never touch (they run on the task's host, in its clone).
     */
    static Workspace placeholder() {
        Path dir = Path.of(System.getProperty("java.io.tmpdir"), "openagention-remote-task");
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new WorkspaceException("cannot create the stand-in workspace " + dir + ": " + e.getMessage(), e);
        }
        return Workspace.local(dir);
    }

    /** The task's workspace key, {@code <run>/<task>}: how hosts and the workflow name it. */
    String key(Task task) {
        return key(task.id());
    }

    private String key(String taskId) {
        return runKey + "/" + taskId;
    }

    @Override
    public Workspace open(Task task) {
        place(task);
        return placeholder();
    }

    /**
     * The host holding the task's clone, opening it on a live host first when it has none or its
     * host was lost (the clone then starts from the task's pushed branch).
     *
     * @throws IllegalStateException when no host is left
     */
    String place(Task task) {
        while (true) {
            String host = hostOf.get(task.id());
            if (host == null || lost.contains(host)) {
                host = nextLiveHost(task);
            }
            try {
                hosts(host, Duration.ofMinutes(10)).open(key(task), in.target(), task.conflictOf().map(this::key)
                        .orElse(null), in.remote());
                hostOf.put(task.id(), host);
                return host;
            } catch (ActivityFailure f) {
                if (!notPickedUp(f)) {
                    throw f;
                }
                lost.add(host);
                hostOf.remove(task.id());
            }
        }
    }

    private String nextLiveHost(Task task) {
        List<String> hosts = in.hosts();
        for (int i = 0; i < hosts.size(); i++) {
            String h = hosts.get(next++ % hosts.size());
            if (!lost.contains(h)) {
                return h;
            }
        }
        throw new IllegalStateException("no host is left to hold task '" + task.id() + "': " + lost
                + " stopped picking up work");
    }

    /** The host stopped serving an attempt (its tool calls were not picked up). */
    void lost(String host) {
        lost.add(host);
    }

    /** Commits and pushes what the task's attempt left in its clone (its branch exists from then on). */
    void push(Task task, String host, String message) {
        hosts(host, Duration.ofMinutes(10)).push(key(task), message);
    }

    /** Runs the task's acceptance check ({@code taskJson}: a one-task graph) in its clone. */
    Verdict check(Task task, String taskJson, int attempt, String output) {
        String host = place(task);
        HostActivities.VerdictData v = hosts(host, Duration.ofHours(1)).check(key(task), taskJson, attempt, output);
        switch (v.kind()) {
            case "passed":
                return Verdict.passed(v.output());
            case "blocked":
                return Verdict.blocked(v.output());
            default:
                return Verdict.failed(v.output());
        }
    }

    @Override
    public MergeResult merge(Task task, Workspace workspace) {
        HostClones.MergeData d = hosts(in.integrator(), Duration.ofMinutes(10)).merge(runKey, key(task), in.target(),
                task.conflictOf().isPresent(), in.remote());
        return d.merged() ? MergeResult.merged(d.files(), d.commit()) : MergeResult.conflict(d.files(), d.detail());
    }

    @Override
    public void discard(Task task, Workspace workspace) {
        String host = hostOf.remove(task.id());
        if (host == null || lost.contains(host)) {
            return;
        }
        try {
            hosts(host, Duration.ofMinutes(1)).discard(key(task));
        } catch (ActivityFailure f) {
            // the branch stays on the remote; a clone left behind on a host is only disk space
        }
    }

    private HostActivities hosts(String queue, Duration startToClose) {
        // Not retried on the host: a host that stops answering (no pickup, or a lapsed heartbeat) is
        // lost, and the work goes to another host; a failing git command fails the attempt.
        return Workflow.newActivityStub(HostActivities.class, ActivityOptions.newBuilder().setTaskQueue(queue)
                .setScheduleToStartTimeout(Duration.ofMillis(in.pickupMillis()))
                .setStartToCloseTimeout(startToClose)
                .setHeartbeatTimeout(Duration.ofMillis(in.attempt().steps().heartbeatMillis()))
                .setRetryOptions(RetryOptions.newBuilder().setMaximumAttempts(1).build())
                .build());
    }

    private static boolean notPickedUp(ActivityFailure f) {
        return f.getCause() instanceof TimeoutFailure t && (t.getTimeoutType() == TimeoutType.TIMEOUT_TYPE_SCHEDULE_TO_START
                || t.getTimeoutType() == TimeoutType.TIMEOUT_TYPE_HEARTBEAT);
    }

    static boolean hostLost(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof ApplicationFailure a && AgentWorkflowImpl.HOST_LOST.equals(a.getType())) {
                return true;
            }
        }
        return false;
    }
}
