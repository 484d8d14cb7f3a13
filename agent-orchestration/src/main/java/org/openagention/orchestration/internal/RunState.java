package org.openagention.orchestration.internal;

import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.openagention.orchestration.FailureKind;
import org.openagention.orchestration.OrchestrationResult;
import org.openagention.orchestration.ReviewDecision;
import org.openagention.orchestration.ReviewItem;
import org.openagention.orchestration.ReviewQueue;
import org.openagention.orchestration.ReviewState;
import org.openagention.orchestration.RunStatus;
import org.openagention.orchestration.Spend;
import org.openagention.orchestration.Task;
import org.openagention.orchestration.TaskGraph;
import org.openagention.orchestration.TaskReport;
import org.openagention.orchestration.TaskState;

/**
 * The state of one run, changed only through the {@code apply} methods, which the live supervisor
 * and the journal replay both call: what a run did and what its journal says it did are one.
 * Touched by the supervisor thread only.
 */
final class RunState {
    final String runId;
    final ReviewQueue reviews;
    String goal = "";
    TaskGraph graph;
    final Map<String, Track> tracks = new HashMap<>();
    final ArrayDeque<String> ready = new ArrayDeque<>();
    Spend graphSpent = Spend.ZERO;
    Instant startedAt;
    boolean failFastStop;
    String failFastDetail = "";
    int replans;
    RunStatus finished;
    String finishedDetail = "";

    RunState(String runId, ReviewQueue reviews) {
        this.runId = runId;
        this.reviews = reviews;
    }

    Track track(String id) {
        Track t = tracks.get(id);
        if (t == null) {
            throw new IllegalStateException("run " + runId + " has no task '" + id + "'");
        }
        return t;
    }

    void applyStarted(String goal, TaskGraph graph, Instant at) {
        this.goal = goal;
        this.graph = graph;
        this.startedAt = at;
        graph.tasks().forEach(t -> tracks.put(t.id(), new Track(t)));
    }

    void applyState(Track t, TaskState to, FailureKind kind, String failure, boolean backoff) {
        TaskState from = t.state;
        t.state = from.moveTo(to);
        if (from == TaskState.REVIEW) {
            t.pendingDecision = null;
        }
        if (to == TaskState.FAILED) {
            t.failureKind = kind;
            t.failure = failure;
        } else if (to == TaskState.PENDING) {
            t.retryBackoff = backoff;
        }
    }

    void applyAttemptStarted(Track t, int attempt) {
        t.attempts = attempt;
        t.attemptOpen = true;
        t.feedback = "";
    }

    void applyAttemptFinished(Track t, Spend spend, String output, String checkOutput, String checkpoint) {
        t.attemptOpen = false;
        t.spend = t.spend.plus(spend);
        graphSpent = graphSpent.plus(spend);
        t.output = output;
        t.checkOutput = checkOutput;
        t.checkpoint = checkpoint;
    }

    void applyReviewSubmitted(Track t, String item, String content, boolean resubmit, int revision) {
        // The queue may outlive a run (resume in the same process): an item it already holds is not added twice.
        ReviewItem known = reviews.get(item).orElse(null);
        if (known == null) {
            reviews.enqueue(item, t.id(), content);
        } else if (resubmit && known.revision() < revision) {
            reviews.resubmit(item, content);
        }
        t.reviewItem = item;
        t.pendingDecision = null;
    }

    void applyReviewDecided(Track t, String item, ReviewDecision decision) {
        if (reviews.get(item).map(i -> i.state() == ReviewState.PENDING).orElse(false)) {
            reviews.apply(item, decision);
        }
        t.pendingDecision = decision instanceof ReviewDecision.Approve ? "approve"
                : decision instanceof ReviewDecision.Reject ? "reject" : "revise";
        if (decision instanceof ReviewDecision.Revise r) {
            t.feedback = r.feedback();
        }
    }

    void applyMerged(Track t, boolean merged, String unresolved) {
        t.merged = merged;
        t.unresolved = unresolved;
        t.mergeRecorded = true;
    }

    /** Adds a task made from another (a conflict's resolution) and makes {@code dependents} wait for it too. */
    void applyTaskAdded(Task task, List<String> dependents, String conflictOf) {
        track(conflictOf).mergeRecorded = true;
        TaskGraph.Builder b = graph.toBuilder().add(task);
        Track added = new Track(task);
        tracks.put(task.id(), added);
        for (String d : dependents) {
            Track dt = track(d);
            dt.task = dt.task.toBuilder().dependsOn(task.id()).build();
            dt.unmet++;
            b.replace(dt.task);
        }
        for (String dep : task.dependencies()) {
            if (track(dep).state != TaskState.DONE) {
                added.unmet++;
            }
        }
        graph = b.build();
    }

    void applyReplanned(String failedTask, List<String> removed, List<Task> added) {
        TaskGraph.Builder b = graph.toBuilder();
        removed.forEach(id -> {
            b.remove(id);
            tracks.remove(id);
        });
        added.forEach(t -> {
            b.add(t);
            tracks.put(t.id(), new Track(t));
        });
        graph = b.build();
        track(failedTask).superseded = true;
        replans++;
        rebuildReadiness();
    }

    void applySkipped(Track t, String because) {
        t.skipped = true;
        t.skippedBecause = because;
    }

    void applyGaveUp(Track t, boolean failFast, String detail) {
        t.gaveUp = true;
        if (failFast) {
            failFastStop = true;
            failFastDetail = detail;
        }
    }

    void applyFinished(RunStatus status, String detail) {
        finished = status;
        finishedDetail = detail;
    }

    /** Recounts each task's unmet dependencies and refills the ready queue, in graph order. */
    void rebuildReadiness() {
        ready.clear();
        for (Task task : graph.tasks()) {
            Track t = tracks.get(task.id());
            t.unmet = 0;
            for (String d : task.dependencies()) {
                if (tracks.get(d).state != TaskState.DONE) {
                    t.unmet++;
                }
            }
            if (isReady(t)) {
                ready.add(t.id());
            }
        }
    }

    boolean isReady(Track t) {
        return t.state == TaskState.PENDING && !t.skipped && t.unmet == 0;
    }

    /** The done tasks' final answers, for a dependent's prompt. */
    Map<String, String> outputsOf(List<String> ids) {
        Map<String, String> out = new LinkedHashMap<>();
        for (String id : ids) {
            Track t = tracks.get(id);
            if (t != null && !t.output.isBlank()) {
                out.put(id, t.output);
            }
        }
        return out;
    }

    OrchestrationResult result(RunStatus status, String detail) {
        List<TaskReport> reports = new ArrayList<>();
        for (Task task : graph.tasks()) {
            Track t = tracks.get(task.id());
            String failure = t.skipped ? "skipped: " + t.skippedBecause
                    : t.state == TaskState.BLOCKED ? "blocked: " + t.checkOutput
                    : t.state == TaskState.DONE ? "" : t.failure;
            reports.add(new TaskReport(t.id(), t.state, t.attempts, t.output, failure, t.spend, t.skipped, t.merged));
        }
        return new OrchestrationResult(runId, status, detail, graph, reports);
    }
}
