package org.openagention.orchestration.internal;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.function.Supplier;
import org.openagention.core.RunResult;
import org.openagention.orchestration.Budget;
import org.openagention.orchestration.FailureKind;
import org.openagention.orchestration.Lane;
import org.openagention.orchestration.OrchestrationEvent;
import org.openagention.orchestration.OrchestrationResult;
import org.openagention.orchestration.RunStatus;
import org.openagention.orchestration.Spend;
import org.openagention.orchestration.Task;
import org.openagention.orchestration.TaskGraph;
import org.openagention.orchestration.TaskState;
import org.openagention.orchestration.TaskWorkspaces;
import org.openagention.orchestration.Verdict;
import org.openagention.orchestration.Worker;
import org.openagention.tools.Workspace;

/**
 * The supervisor of one run: a single thread that owns the run's state, starts ready tasks on
 * worker threads up to the parallelism limit, and acts on each result as it comes back (accept,
 * review, retry, give up, merge). Every decision is journaled before it is acted on. Workers never
 * touch the state: they return results through a queue, and their output is data.
 *
 * <p>A {@link Lane#LOCAL} task works in the shared directory itself, so it runs alone: it starts
 * only when no attempt and no review is under way (an approval merges into that directory), and
 * nothing else starts until it is done, failed, or back to pending (its own review keeps the
 * directory its own, since a revision works on it again).
 */
public final class Supervisor {
    private final Settings s;
    final RunState st;
    final RunLog log;
    final TaskWorkspaces lanes;
    final BudgetGate budgets;
    private final BlockingQueue<Object> completions = new LinkedBlockingQueue<>();
    private final Decisions decisions;
    private final ReviewFlow reviews;
    private ExecutorService pool;
    private int running;
    private int inFlight;
    private Track exclusive; // the LOCAL task that has the shared directory to itself, if any

    private Supervisor(Settings s, RunState st, TaskWorkspaces lanes) {
        this.s = s;
        this.st = st;
        this.lanes = lanes;
        this.log = new RunLog(s.journal(), st.runId, s.clock(), s.listeners());
        this.budgets = new BudgetGate(s.budget(), st, log);
        this.reviews = new ReviewFlow(s.reviews(), st, log, this);
        this.decisions = new Decisions(s, st, log, this);
    }

    /** Runs {@code graph} from the start under the id {@code runId}. */
    public static OrchestrationResult run(Settings s, String runId, String goal, TaskGraph graph) {
        TaskWorkspaces lanes = s.workspaces().forRun(runId, Set.copyOf(graph.ids()));
        Supervisor sup = new Supervisor(s, new RunState(runId, s.reviews()), lanes);
        StringBuilder tasks = new StringBuilder("[");
        for (Task t : graph.tasks()) {
            tasks.append(tasks.length() > 1 ? "," : "").append(TaskCodec.write(t));
        }
        Payload p = sup.log.payload(null).put("goal", goal).put("parallelism", (long) s.parallelism())
                .put("failurePolicy", s.failurePolicy().name()).putJson("tasks", tasks.append(']').toString());
        sup.log.write("graph.started", p);
        sup.st.applyStarted(goal, graph, sup.log.now());
        sup.st.rebuildReadiness();
        sup.log.publish(() -> new OrchestrationEvent.RunStarted(runId, sup.log.now(), graph.size(), false));
        return sup.loop(null);
    }

    /** Finishes the run {@code runId} from its journal; {@code originals} (may be null) restores custom checks. */
    public static OrchestrationResult resume(Settings s, String runId, TaskGraph originals) {
        RunState st = Replay.rebuild(s, runId, originals);
        if (st.finished == RunStatus.COMPLETED || st.finished == RunStatus.FAILED) {
            return st.result(st.finished, st.finishedDetail);
        }
        Supervisor sup = new Supervisor(s, st, s.workspaces().forRun(runId, Set.copyOf(st.tracks.keySet())));
        sup.log.write("graph.resumed", sup.log.payload(null));
        sup.log.publish(() -> new OrchestrationEvent.RunStarted(runId, sup.log.now(), st.graph.size(), true));
        return sup.loop(() -> new Recovery(st, sup.decisions, sup).recover());
    }

    private OrchestrationResult loop(Runnable beforeDispatch) {
        pool = WorkerThreads.newExecutor(s.parallelism());
        boolean clean = false;
        List<Object> batch = new ArrayList<>();
        try {
            if (beforeDispatch != null) {
                beforeDispatch.run();
            }
            while (true) {
                dispatch();
                if (inFlight == 0) {
                    clean = true;
                    return RunEnd.finish(st, budgets, log);
                }
                try {
                    batch.add(completions.take());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return RunEnd.finishAs(st, log, RunStatus.CANCELLED, "the thread running the graph was interrupted; "
                            + inFlight + " attempt(s) or review(s) were abandoned (resume the run to finish it)");
                }
                completions.drainTo(batch); // act on everything that came back before starting more
                for (Object done : batch) {
                    inFlight--;
                    if (done instanceof Attempts.Done a) {
                        running--;
                        onAttempt(a);
                    } else {
                        reviews.onDone((ReviewFlow.Done) done, decisions);
                    }
                }
                batch.clear();
            }
        } finally {
            if (clean) {
                pool.shutdown();
            } else {
                pool.shutdownNow();
            }
        }
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
            Duration backoff = t.retryBackoff && t.attempts > 0 ? t.task.retry().backoff(t.attempts) : Duration.ZERO;
            decisions.move(t, TaskState.RUNNING, t.attempts == 0 ? "" : "attempt " + (t.attempts + 1));
            String unavailable = laneUnavailable(t.task);
            if (unavailable != null) {
                decisions.fail(t, FailureKind.LANE_UNAVAILABLE, unavailable);
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

    /** Whether a LOCAL task may start now (no attempt or review under way, and no LOCAL task holding the directory). */
    boolean mayStartLocal() {
        return inFlight == 0 && exclusive == null;
    }

    /** Notes the task's new state: a LOCAL task gives the shared directory back when it leaves running and review. */
    void stateChanged(Track t, TaskState to) {
        if (exclusive == t && to != TaskState.RUNNING && to != TaskState.REVIEW) {
            exclusive = null;
        }
    }

    /** Holds the shared directory for a LOCAL task in review after a crash (its revision would work there). */
    void holdForReview(Track t) {
        if (t.task.lane() == Lane.LOCAL) {
            exclusive = t;
        }
    }

    void startAttempt(Track t, Budget allot, Duration backoff) {
        int n = t.attempts + 1;
        String previous = t.attempts > 0 && t.feedback.isEmpty() ? t.failure : "";
        Prompts.Context ctx = new Prompts.Context(n, previous, t.attempts > 0 ? t.checkpoint : "", t.feedback,
                st.outputsOf(t.task.dependencies()));
        log.write("task.attempt.started", log.payload(t.id()).put("attempt", (long) n).put("backoffMs", backoff.toMillis()));
        st.applyAttemptStarted(t, n);
        log.publish(() -> new OrchestrationEvent.AttemptStarted(st.runId, log.now(), t.id(), n));
        if (t.task.lane() == Lane.LOCAL) {
            exclusive = t;
        }
        running++;
        Task task = t.task;
        try {
            Workspace ws = workspace(t);
            String prompt = Prompts.attempt(task, ws, ctx);
            Worker worker = s.workers().create(task, ws, n);
            execute(() -> Attempts.run(s.sleeper(), task, n, ws, worker, prompt, allot, backoff));
        } catch (RuntimeException e) {
            inFlight++;
            completions.add(Attempts.notStarted(task, n, e, allot));
        }
    }

    /** Runs {@code work} on a worker thread; what it returns comes back to the supervisor loop. */
    void execute(Supplier<Object> work) {
        pool.execute(() -> completions.add(work.get()));
        inFlight++; // only this thread takes completions, so the count is right before the first is taken
    }

    Workspace workspace(Track t) {
        if (t.workspace == null) {
            t.workspace = lanes.open(t.task);
        }
        return t.workspace;
    }

    ReviewFlow reviews() {
        return reviews;
    }

    private void onAttempt(Attempts.Done d) {
        Track t = st.track(d.taskId());
        RunResult r = d.result();
        Verdict v = d.verdict();
        FailureKind kind = null;
        String failure = "";
        if (d.error() != null) {
            kind = FailureKind.WORKER_ERROR;
            failure = "the attempt failed with " + Texts.describe(d.error());
        } else if (!r.isSuccess()) {
            kind = BudgetGate.spentAllotment(r.stopReason(), d.allotment()) ? FailureKind.BUDGET_SPENT
                    : FailureKind.WORKER_STOPPED;
            failure = "the worker stopped without finishing: " + r.stopReason().name().toLowerCase()
                    + (r.detail().isEmpty() ? "" : " (" + r.detail() + ")");
        } else if (v instanceof Verdict.Failed) {
            kind = FailureKind.CHECK_FAILED;
            failure = v.output();
        }
        record(t, d, kind, failure);
        budgets.noteSpent(); // a spent graph budget is noted right away, so that no new task starts
        if (kind != null) {
            decisions.fail(t, kind, failure);
        } else if (v instanceof Verdict.Blocked) {
            decisions.move(t, TaskState.BLOCKED, v.output());
        } else if (t.task.reviewer().isPresent()) {
            decisions.move(t, TaskState.REVIEW, "");
            reviews.submit(t);
        } else {
            decisions.complete(t, "");
        }
    }

    /** Journals, applies and publishes how the attempt ended ({@code kind} null when it passed or is blocked). */
    private void record(Track t, Attempts.Done d, FailureKind kind, String failure) {
        RunResult r = d.result();
        Verdict v = d.verdict();
        String outcome = kind != null ? kind.name() : v instanceof Verdict.Blocked ? "blocked" : "passed";
        Spend spend = r == null ? new Spend(0, 0, d.elapsed())
                : new Spend(r.usage().totalTokens(), r.costUsd(), d.elapsed());
        String output = r == null ? "" : r.finalText();
        String checkOutput = v == null ? "" : v.output();
        // A checkpoint serves a later attempt; an attempt accepted without review has none.
        boolean last = kind == null && v instanceof Verdict.Passed && t.task.reviewer().isEmpty();
        String checkpoint = r == null || last ? "" : Checkpoints.summarize(r);
        Payload p = log.payload(t.id()).put("attempt", (long) d.attempt()).put("outcome", outcome)
                .put("turns", (long) (r == null ? 0 : r.turns())).put("tokens", spend.tokens()).put("costUsd", spend.costUsd())
                .put("elapsedMs", spend.elapsed().toMillis()).put("output", output).put("checkOutput", checkOutput)
                .put("failure", failure).put("checkpoint", checkpoint);
        if (r != null) {
            p.put("stopReason", r.stopReason().name()).put("workerRunId", r.runId());
        }
        log.write("task.attempt.finished", p);
        st.applyAttemptFinished(t, spend, output, checkOutput, checkpoint);
        log.publish(() -> new OrchestrationEvent.AttemptFinished(st.runId, log.now(), t.id(), d.attempt(),
                r == null ? 0 : r.turns(), spend.tokens(), spend.costUsd(), spend.elapsed(), outcome));
    }
}
