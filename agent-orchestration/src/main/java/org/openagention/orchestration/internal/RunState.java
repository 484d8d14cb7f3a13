// SPDX-License-Identifier: Apache-2.0
package org.openagention.orchestration.internal;

import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.openagention.orchestration.OrchestrationResult;
import org.openagention.orchestration.RunStatus;
import org.openagention.orchestration.Spend;
import org.openagention.orchestration.TaskReport;
import org.openagention.orchestration.graph.Task;
import org.openagention.orchestration.graph.TaskGraph;
import org.openagention.orchestration.graph.TaskState;
import org.openagention.orchestration.review.ReviewDecision;
import org.openagention.orchestration.review.ReviewItem;
import org.openagention.orchestration.review.ReviewQueue;
import org.openagention.orchestration.review.ReviewState;
/**
 * The state of one run. {@link #apply} is the only code that changes it, from the run's facts:
 * the live supervisor applies each fact after journaling it, and a resume applies the journaled
 * facts in order, so what a run did and what its journal says it did are one. The ready queue is
 * an index of it, kept by {@code apply} and consumed by the supervisor's dispatch. Touched by the
 * supervisor thread only.
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

    /** The run's task {@code id} as it is now, or null. */
    Task taskOrNull(String id) {
        Track t = tracks.get(id);
        return t == null ? null : t.task;
    }

    /** Changes the state as {@code fact} says. */
    void apply(RunFact fact) {
        if (fact instanceof RunFact.GraphStarted f) {
            goal = f.goal();
            graph = TaskGraph.of(f.tasks());
            startedAt = f.startedAt();
            f.tasks().forEach(t -> tracks.put(t.id(), new Track(t)));
            rebuildReadiness();
        } else if (fact instanceof RunFact.StateChanged f) {
            applyState(track(f.task()), f);
        } else if (fact instanceof RunFact.AttemptStarted f) {
            Track t = track(f.task());
            t.attempts = f.attempt();
            t.workerRunId = f.workerRunId();
            t.feedback = "";
        } else if (fact instanceof RunFact.AttemptFinished f) {
            Track t = track(f.task());
            t.spend = t.spend.plus(f.spend());
            graphSpent = graphSpent.plus(f.spend());
            t.output = f.output();
            t.checkOutput = f.checkOutput();
            t.checkpoint = f.checkpoint();
        } else if (fact instanceof RunFact.ReviewSubmitted f) {
            applyReviewSubmitted(track(f.task()), f);
        } else if (fact instanceof RunFact.ReviewDecided f) {
            applyReviewDecided(track(f.task()), f);
        } else if (fact instanceof RunFact.Merged f) {
            Track t = track(f.task());
            t.merge = f.merged() ? Track.Merge.MERGED : Track.Merge.NOT_MERGED;
            t.unresolved = f.unresolved();
        } else if (fact instanceof RunFact.TaskAdded f) {
            applyTaskAdded(f.task(), f.dependents(), f.conflictOf());
        } else if (fact instanceof RunFact.Replanned f) {
            applyReplanned(f.failedTask(), f.removed(), f.added());
        } else if (fact instanceof RunFact.Skipped f) {
            track(f.task()).skippedBecause = f.because();
        } else if (fact instanceof RunFact.GaveUp f) {
            track(f.task()).gaveUp = true;
            if (f.failFast()) {
                failFastStop = true;
                failFastDetail = f.detail();
            }
        } else if (fact instanceof RunFact.Finished f) {
            finished = f.status();
            finishedDetail = f.detail();
        }
        // Resumed and ReplanFailed are notes: nothing changes.
    }

    private void applyState(Track t, RunFact.StateChanged f) {
        TaskState from = t.state;
        t.state = from.moveTo(f.to());
        if (from == TaskState.REVIEW) {
            t.decision = null;
        }
        if (f instanceof RunFact.Failed x) {
            t.failureKind = x.kind();
            t.failure = x.failure();
        } else if (f instanceof RunFact.Requeued x) {
            t.backoffDue = x.backoff();
            if (isReady(t)) {
                ready.addFirst(t.id()); // a retry goes before the tasks that waited less
            }
        } else if (f.to() == TaskState.DONE) {
            for (String d : graph.dependents(t.id())) { // the dependents waited for it
                Track dt = tracks.get(d);
                dt.unmet--;
                if (isReady(dt)) {
                    ready.add(d);
                }
            }
        }
    }

    private void applyReviewSubmitted(Track t, RunFact.ReviewSubmitted f) {
        // The queue may outlive a run (resume in the same process): an item it already holds is not added twice.
        ReviewItem known = reviews.get(f.item()).orElse(null);
        if (known == null) {
            reviews.enqueue(f.item(), t.id(), f.content());
        } else if (f.resubmit() && known.revision() < f.revision()) {
            reviews.resubmit(f.item(), f.content());
        }
        t.reviewItem = f.item();
        t.decision = null;
    }

    private void applyReviewDecided(Track t, RunFact.ReviewDecided f) {
        if (reviews.get(f.item()).map(i -> i.state() == ReviewState.PENDING).orElse(false)) {
            reviews.apply(f.item(), f.decision());
        }
        t.decision = f.decision();
        if (f.decision() instanceof ReviewDecision.Revise r) {
            t.feedback = r.feedback();
        }
    }

    /** Adds a task made from another (a conflict's resolution) and makes {@code dependents} wait for it too. */
    private void applyTaskAdded(Task task, List<String> dependents, String conflictOf) {
        track(conflictOf).merge = Track.Merge.NOT_MERGED; // the resolution takes its merge over
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
        if (isReady(added)) {
            ready.addFirst(added.id()); // it stands between its dependents and the rest of the run
        }
    }

    private void applyReplanned(String failedTask, List<String> removed, List<Task> added) {
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
        return t.state == TaskState.PENDING && !t.skipped() && t.unmet == 0;
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
            String failure = t.skipped() ? "skipped: " + t.skippedBecause
                    : t.state == TaskState.BLOCKED ? "blocked: " + t.checkOutput
                    : t.state == TaskState.DONE ? "" : t.failure;
            reports.add(new TaskReport(t.id(), t.state, t.attempts, t.output, failure, t.spend, t.skipped(),
                    t.merge == Track.Merge.MERGED));
        }
        return new OrchestrationResult(runId, status, detail, graph, reports);
    }
}
