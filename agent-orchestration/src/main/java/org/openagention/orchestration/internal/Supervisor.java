// SPDX-License-Identifier: Apache-2.0
package org.openagention.orchestration.internal;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Future;
import java.util.function.Supplier;
import org.openagention.core.journal.StepExecutor;
import org.openagention.orchestration.FailurePolicy;
import org.openagention.orchestration.OrchestrationResult;
import org.openagention.orchestration.RunStatus;
import org.openagention.orchestration.graph.Budget;
import org.openagention.orchestration.graph.FailureKind;
import org.openagention.orchestration.graph.Lane;
import org.openagention.orchestration.graph.Task;
import org.openagention.orchestration.graph.TaskGraph;
import org.openagention.orchestration.graph.TaskState;
import org.openagention.orchestration.lanes.TaskWorkspaces;
import org.openagention.orchestration.lanes.Worker;
import org.openagention.tools.Workspace;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The supervisor of one run: a single thread that owns the run's state, starts ready tasks on
 * worker threads up to the parallelism limit, and acts on each {@link Completion} as it comes
 * back. The helpers decide ({@link Decisions}, {@link ReviewFlow}, {@link Merging},
 * {@link Replanning}, {@link Recovery}, {@link RunEnd}) and return facts or a {@link Next}; only
 * the supervisor acts, and every change goes one way ({@link #record}): fact, journal, apply,
 * events derived from the fact. Workers never touch the state; their output is data.
 *
 * <p>A {@link Lane#LOCAL} task works in the shared directory itself, so it runs alone: it starts
 * only when no attempt and no review is under way (an approval merges into that directory), and
 * nothing else starts until it is done, failed, or back to pending (its own review keeps the
 * directory its own, since a revision works on it again).
 */
public final class Supervisor {
    private static final Logger LOG = LoggerFactory.getLogger(Supervisor.class);

    private final Settings s;
    private final RunState st;
    private final RunLog log;
    private final TaskWorkspaces lanes;
    private final BudgetGate budgets;
    private final Decisions decisions;
    private final ReviewFlow reviews;
    private final Merging merging;
    private final Replanning replanning;
    private final StepExecutor steps;
    private final BlockingQueue<Completion> completions;
    private final Map<String, Workspace> workspaces = new HashMap<>();
    private final List<Future<?>> work = new ArrayList<>();
    private int running;
    private int inFlight;
    private Track exclusive; // the LOCAL task that has the shared directory to itself, if any

    private Supervisor(Settings s, StepExecutor steps, RunState st, TaskWorkspaces lanes, FactCodec codec) {
        this.s = s;
        this.st = st;
        this.steps = steps;
        this.completions = steps.newQueue();
        this.lanes = lanes;
        this.log = new RunLog(steps, s.clock(), s.listeners(), codec);
        this.budgets = new BudgetGate(s.budget(), st, log);
        this.decisions = new Decisions(s, st);
        this.reviews = new ReviewFlow(s.reviews(), st);
        this.merging = new Merging(st, decisions);
        this.replanning = new Replanning(s, st);
    }

    /**
     * Runs {@code graph} from the start under the id {@code runId}, through {@code steps} (the
     * run's executor, whose history holds no fact: at most the first clock read of a run that died
     * right after it).
     */
    public static OrchestrationResult run(Settings s, StepExecutor steps, String runId, String goal, TaskGraph graph) {
        RunState st = new RunState(runId, s.reviews());
        Supervisor sup = new Supervisor(s, steps, st, s.workspaces().forRun(runId, Set.copyOf(graph.ids())),
                Replay.codec(null, st));
        sup.record(new RunFact.GraphStarted(goal, s.parallelism(), s.failurePolicy(), graph.tasks(),
                sup.log.now("graph/start/now")));
        return sup.loop(false);
    }

    /**
     * Finishes the run {@code runId} from the history of {@code steps} (the run's executor);
     * {@code originals} (may be null) restores custom checks.
     */
    public static OrchestrationResult resume(Settings s, StepExecutor steps, String runId, TaskGraph originals) {
        RunState st = Replay.rebuild(s, steps, runId, originals);
        if (st.finished == RunStatus.COMPLETED || st.finished == RunStatus.FAILED) {
            return st.result(st.finished, st.finishedDetail);
        }
        Supervisor sup = new Supervisor(s, steps, st, s.workspaces().forRun(runId, Set.copyOf(st.tracks.keySet())),
                Replay.codec(originals, st));
        sup.record(new RunFact.Resumed());
        return sup.loop(true);
    }

    /** The one way the run changes: journal the fact, apply it, publish the events derived from it. */
    private void record(RunFact fact) {
        log.record(fact);
        st.apply(fact);
        if (fact instanceof RunFact.StateChanged c && exclusive != null && exclusive.id().equals(c.task())
                && c.to() != TaskState.RUNNING && c.to() != TaskState.REVIEW) {
            exclusive = null; // a LOCAL task gives the shared directory back when it leaves running and review
        }
        log.publish(fact, st);
    }

    private OrchestrationResult loop(boolean resumed) {
        boolean clean = false;
        List<Completion> batch = new ArrayList<>();
        try {
            if (resumed) {
                recover();
            }
            while (true) {
                dispatch();
                if (inFlight == 0) {
                    clean = true;
                    return finish(RunEnd.decide(st, budgets));
                }
                try {
                    batch.add(completions.take());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return finish(new RunFact.Finished(RunStatus.CANCELLED, "the thread running the graph was"
                            + " interrupted; " + inFlight + " attempt(s) or review(s) were abandoned (resume the run to"
                            + " finish it)"));
                }
                completions.drainTo(batch); // act on everything that came back before starting more
                for (Completion done : batch) {
                    inFlight--;
                    Track t = st.track(done.taskId());
                    if (done instanceof Attempts.Done a) {
                        running--;
                        Decisions.Attempted attempted = decisions.attempted(t, a);
                        record(attempted.fact());
                        budgets.noteSpent(t, a.attempt()); // a spent graph budget is noted right away, so that no new task starts
                        act(t, attempted.next());
                    } else if (done instanceof ReviewFlow.Done r) {
                        act(t, reviews.onDone(r));
                    }
                }
                batch.clear();
            }
        } finally {
            if (!clean) {
                work.forEach(f -> f.cancel(true)); // abandoned: stop the attempts and reviews under way
            }
        }
    }

    private OrchestrationResult finish(RunFact.Finished end) {
        record(end);
        return st.result(end.status(), end.detail());
    }

    /** Picks each task up where the journal left it (see {@link Recovery}), in dependency order. */
    private void recover() {
        Recovery recovery = new Recovery(st, decisions);
        for (String id : st.graph.topologicalOrder()) {
            Track t = st.tracks.get(id);
            if (t == null) {
                continue; // replanned away while an earlier task was picked up
            }
            if (t.state == TaskState.REVIEW && t.task.lane() == Lane.LOCAL) {
                exclusive = t; // its revision would work in the shared directory
            }
            act(t, recovery.next(t, inFlight == 0 && exclusive == null));
        }
        st.rebuildReadiness();
    }

    private void dispatch() {
        while (!st.failFastStop && !budgets.shut() && running < s.parallelism() && !st.ready.isEmpty()
                && exclusive == null) {
            Track t = st.tracks.get(st.ready.peek());
            if (t == null || !st.isReady(t)) {
                st.ready.poll();
                continue;
            }
            if (t.task.lane() == Lane.LOCAL && inFlight > 0) {
                break; // it waits for every attempt and review under way to end, and nothing overtakes it
            }
            Budget allot = budgets.allotment(t);
            if (allot == null) {
                break;
            }
            st.ready.poll();
            Duration backoff = t.backoffDue && t.attempts > 0 ? t.task.retry().backoff(t.attempts, steps.random())
                    : Duration.ZERO;
            record(decisions.move(t, TaskState.RUNNING, t.attempts == 0 ? "" : "attempt " + (t.attempts + 1)));
            String unavailable = laneUnavailable(t.task);
            if (unavailable != null) {
                fail(t, FailureKind.LANE_UNAVAILABLE, unavailable);
                continue;
            }
            startAttempt(t, allot, backoff);
        }
    }

    /** Why the task's lane cannot be given here, or null when it can. */
    private String laneUnavailable(Task task) {
        if (task.lane() != Lane.SANDBOXED) {
            return null;
        }
        return s.sandbox().unavailableReason().map(why -> "task '" + task.id() + "' runs in the SANDBOXED lane and"
                + " no sandbox is available here: " + why + ". It was not started (it never runs unconfined);"
                + " make the sandbox available, or give the task another lane").orElse(null);
    }

    /** Acts on what a helper decided for {@code t}. */
    private void act(Track t, Next next) {
        if (next instanceof Next.Record r) {
            r.facts().forEach(this::record);
        } else if (next instanceof Next.Fail f) {
            fail(t, f.kind(), f.failure());
        } else if (next instanceof Next.HandleFailure) {
            afterFailure(t);
        } else if (next instanceof Next.Review) {
            record(decisions.move(t, TaskState.REVIEW, ""));
            submit(t);
        } else if (next instanceof Next.Complete c) {
            complete(t, c.reason());
        } else if (next instanceof Next.TakeBack b) {
            record(decisions.move(t, TaskState.RUNNING, b.reason()));
            act(t, b.then());
        } else if (next instanceof Next.Revise) {
            Budget allot = budgets.allotment(t);
            if (allot == null) {
                fail(t, FailureKind.BUDGET_SPENT, "the graph's budget is spent; the revision cannot start");
            } else {
                startAttempt(t, allot, Duration.ZERO);
            }
        } else if (next instanceof Next.Decided d) {
            record(d.fact());
            act(t, decisions.onReview(t));
        } else if (next instanceof Next.Ask) {
            execute(reviews.request(t));
        } else if (next instanceof Next.Submit) {
            submit(t);
        } else if (next instanceof Next.RetryBlocked) {
            Budget allot = budgets.allotment(t);
            if (allot != null) {
                record(decisions.move(t, TaskState.RUNNING, "resumed: trying the blocked task again"));
                startAttempt(t, allot, Duration.ZERO);
            }
        } else if (next instanceof Next.ResumeAttempt r) {
            if (!resumeAttempt(t)) {
                act(t, r.otherwise());
            }
        } else if (next instanceof Next.MergeAgain) {
            merging.again(t, Merging.attempt(lanes, t, workspace(t))).forEach(this::record);
        }
        // Next.Stay: nothing
    }

    /** The running task's attempt failed: record it, then retry or give up. */
    private void fail(Track t, FailureKind kind, String failure) {
        record(decisions.failed(t, kind, failure));
        afterFailure(t);
    }

    private void afterFailure(Track t) {
        RunFact f = decisions.afterFailure(t);
        record(f);
        if (f instanceof RunFact.GaveUp) {
            gaveUp(t);
        }
    }

    /** After giving up on a task: its workspace goes, then the failure policy (skip dependents, or replan). */
    private void gaveUp(Track t) {
        Workspace ws = workspaces.get(t.id());
        if (ws != null && t.failureKind != FailureKind.MERGE_FAILED) { // a failed merge's work stays as it is
            try {
                lanes.discard(t.task, ws);
            } catch (RuntimeException e) {
                LOG.warn("Discarding the workspace of task {} failed; continuing", t.id(), e);
            }
        }
        boolean replanned = false;
        if (s.failurePolicy() == FailurePolicy.REPLAN) {
            Optional<RunFact> plan = replanning.replan(t);
            plan.ifPresent(this::record);
            replanned = plan.filter(RunFact.Replanned.class::isInstance).isPresent();
        }
        if (s.failurePolicy() == FailurePolicy.SKIP_DEPENDENTS || (s.failurePolicy() == FailurePolicy.REPLAN
                && !replanned)) {
            decisions.skipDependents(t, "depends on failed task '" + t.id() + "'").forEach(this::record);
        }
    }

    /**
     * The task is accepted: merged, done, and its dependents unlocked. A merge that fails without
     * a conflict fails the task instead ({@link FailureKind#MERGE_FAILED}, never retried, its work
     * kept). The merge runs before the task is journaled done, so that such a task never is; a
     * crash between the two tries the task again, and the lanes merge idempotently.
     */
    private void complete(Track t, String reason) {
        Merging.Attempt m = Merging.attempt(lanes, t, workspace(t));
        if (m.result() == null) {
            if (t.state == TaskState.REVIEW) {
                record(decisions.move(t, TaskState.RUNNING, "approved, but its merge failed"));
            }
            fail(t, FailureKind.MERGE_FAILED, m.failure());
            return;
        }
        record(decisions.move(t, TaskState.DONE, reason));
        merging.recorded(t, m.result()).forEach(this::record);
    }

    private void submit(Track t) {
        record(reviews.submission(t));
        execute(reviews.request(t));
    }

    private void startAttempt(Track t, Budget allot, Duration backoff) {
        int n = t.attempts + 1;
        String previous = t.attempts > 0 && t.feedback.isEmpty() ? t.failure : "";
        Prompts.Context ctx = new Prompts.Context(n, previous, t.attempts > 0 ? t.checkpoint : "", t.feedback,
                st.outputsOf(t.task.dependencies()));
        String runId = workerRunId(t, n);
        record(new RunFact.AttemptStarted(t.id(), n, backoff, runId));
        if (t.task.lane() == Lane.LOCAL) {
            exclusive = t;
        }
        running++;
        Task task = t.task;
        try {
            Workspace ws = workspace(t);
            String prompt = Prompts.attempt(task, ws, ctx);
            Worker worker = s.workers().create(task, ws, n);
            execute(() -> Attempts.run(steps::nanoTime, d -> log.backoff(task.id(), n, d), task, n, ws, worker, runId, prompt, allot,
                    backoff));
        } catch (RuntimeException e) {
            inFlight++;
            completions.add(Attempts.notStarted(task, n, e, allot));
        }
    }

    /**
     * The agent run of attempt {@code n} of {@code t}: named from the run, the task and the attempt,
     * so it is known (and journaled) before the worker starts, and a resume finds its journal.
     */
    private String workerRunId(Track t, int n) {
        return RunKeys.of(st.runId) + "." + RunKeys.of(t.id()) + ".a" + n;
    }

    /**
     * Resumes the attempt the crash cut off from its worker's own journal, in the same workspace;
     * false when its worker cannot (no journal, or one without the run), or the budget is spent.
     */
    private boolean resumeAttempt(Track t) {
        int n = t.attempts;
        Budget allot = budgets.allotment(t, n);
        if (allot == null) {
            return false;
        }
        Task task = t.task;
        Workspace ws;
        Worker worker;
        try {
            ws = workspace(t);
            worker = s.workers().create(task, ws, n);
            if (!worker.canResume(t.workerRunId)) {
                return false;
            }
        } catch (RuntimeException e) {
            return false; // the fallback fails the attempt as interrupted and starts a new one
        }
        if (task.lane() == Lane.LOCAL) {
            exclusive = t;
        }
        running++;
        String runId = t.workerRunId;
        execute(() -> Attempts.resume(steps::nanoTime, task, n, ws, worker, runId, allot));
        return true;
    }

    /**
     * Runs {@code job} concurrently, through the run's step executor ({@link StepExecutor#fork}: a
     * virtual thread, or a workflow thread on a durable engine); what it returns comes back to the
     * supervisor loop.
     */
    private void execute(Supplier<Completion> job) {
        work.removeIf(Future::isDone);
        work.add(steps.fork(() -> {
            completions.add(job.get());
            return null;
        }));
        inFlight++; // only this thread takes completions, so the count is right before the first is taken
    }

    private Workspace workspace(Track t) {
        return workspaces.computeIfAbsent(t.id(), id -> lanes.open(t.task));
    }
}
