package org.openagention.orchestration.internal;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import org.openagention.core.RunResult;
import org.openagention.core.StopReason;
import org.openagention.orchestration.Budget;
import org.openagention.orchestration.CheckContext;
import org.openagention.orchestration.FailureKind;
import org.openagention.orchestration.OrchestrationEvent;
import org.openagention.orchestration.OrchestrationResult;
import org.openagention.orchestration.ReviewDecision;
import org.openagention.orchestration.ReviewItem;
import org.openagention.orchestration.ReviewState;
import org.openagention.orchestration.Reviewer;
import org.openagention.orchestration.RunStatus;
import org.openagention.orchestration.Spend;
import org.openagention.orchestration.Task;
import org.openagention.orchestration.TaskGraph;
import org.openagention.orchestration.TaskState;
import org.openagention.orchestration.Verdict;
import org.openagention.orchestration.Worker;
import org.openagention.tools.Workspace;

/**
 * The supervisor of one run: a single thread that owns the run's state, starts ready tasks on
 * worker threads up to the parallelism limit, and acts on each result as it comes back (accept,
 * review, retry, give up, merge). Every decision is journaled before it is acted on. Workers never
 * touch the state: they return results through a queue, and their output is data.
 */
public final class Supervisor {
    private final Settings s;
    final RunState st;
    final RunLog log;
    private final BlockingQueue<Object> completions = new LinkedBlockingQueue<>();
    private final Decisions decisions;
    private ExecutorService pool;
    private int running;
    private int inFlight;
    private boolean budgetStop;
    private String budgetDetail = "";

    private record AttemptDone(String taskId, int attempt, RunResult result, Verdict verdict, Throwable error,
            Duration elapsed, Budget allotment) {}

    private record ReviewDone(String taskId, String item, ReviewDecision decision, Throwable error) {}

    Supervisor(Settings s, RunState st) {
        this.s = s;
        this.st = st;
        this.log = new RunLog(s.journal(), st.runId, s.clock(), s.listeners());
        this.decisions = new Decisions(s, st, log, this);
    }

    /** Runs {@code graph} from the start under the id {@code runId}. */
    public static OrchestrationResult run(Settings s, String runId, String goal, TaskGraph graph) {
        Supervisor sup = new Supervisor(s, new RunState(runId, s.reviews()));
        StringBuilder tasks = new StringBuilder("[");
        for (Task t : graph.tasks()) {
            tasks.append(tasks.length() > 1 ? "," : "").append(TaskCodec.write(t, ""));
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
        Supervisor sup = new Supervisor(s, st);
        sup.log.write("graph.resumed", sup.log.payload(null));
        sup.log.publish(() -> new OrchestrationEvent.RunStarted(runId, sup.log.now(), st.graph.size(), true));
        return sup.loop(sup.decisions::recover);
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
                    return finish();
                }
                try {
                    batch.add(completions.take());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return finishAs(RunStatus.CANCELLED, "the thread running the graph was interrupted; "
                            + inFlight + " attempt(s) or review(s) were abandoned (resume the run to finish it)");
                }
                completions.drainTo(batch); // act on everything that came back before starting more
                for (Object done : batch) {
                    inFlight--;
                    if (done instanceof AttemptDone a) {
                        running--;
                        onAttempt(a);
                    } else {
                        onReview((ReviewDone) done);
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
        while (!st.failFastStop && !budgetStop && running < s.parallelism() && !st.ready.isEmpty()) {
            Track t = st.tracks.get(st.ready.peek());
            if (t == null || !st.isReady(t)) {
                st.ready.poll();
                continue;
            }
            Budget allot = allotment(t);
            if (allot == null) {
                break;
            }
            st.ready.poll();
            Duration backoff = t.retryBackoff ? t.task.retry().backoffBefore(t.attempts + 1) : Duration.ZERO;
            decisions.move(t, TaskState.RUNNING, t.attempts == 0 ? "" : "attempt " + (t.attempts + 1));
            startAttempt(t, allot, backoff);
        }
    }

    /** What the task's next attempt may spend; null (and the run stops starting tasks) when the graph's budget is spent. */
    Budget allotment(Track t) {
        String spentOut = graphBudgetSpent();
        if (spentOut != null) {
            if (!budgetStop) {
                budgetStop = true;
                budgetDetail = spentOut;
            }
            return null;
        }
        Budget g = s.budget();
        Spend spent = st.graphSpent;
        long tokens = g.maxTokens() == 0 ? 0 : g.maxTokens() - spent.tokens();
        double cost = g.maxCostUsd() == 0 ? 0 : g.maxCostUsd() - spent.costUsd();
        Duration wall = g.maxWallClock().isZero() ? Duration.ZERO
                : Duration.between(log.now(), st.startedAt.plus(g.maxWallClock()));
        Budget tb = t.task.budget();
        long taskTokens = tb.maxTokens() == 0 ? 0 : Math.max(1, tb.maxTokens() - t.spend.tokens());
        double taskCost = tb.maxCostUsd() == 0 ? 0 : Math.max(1e-9, tb.maxCostUsd() - t.spend.costUsd());
        Duration taskWall = tb.maxWallClock().isZero() ? Duration.ZERO
                : max(Duration.ofMillis(1), tb.maxWallClock().minus(t.spend.elapsed()));
        return new Budget(Allotments.min(tokens, taskTokens), Allotments.min(cost, taskCost),
                Allotments.min(wall, taskWall));
    }

    /** Why the graph's budget is spent, or null while it is not. */
    private String graphBudgetSpent() {
        Budget g = s.budget();
        Spend spent = st.graphSpent;
        if (g.maxTokens() > 0 && spent.tokens() >= g.maxTokens()) {
            return "the graph's budget of " + g.maxTokens() + " tokens is spent (" + spent.tokens() + " used)";
        }
        if (g.maxCostUsd() > 0 && spent.costUsd() >= g.maxCostUsd()) {
            return String.format("the graph's budget of $%.4f is spent ($%.4f used)", g.maxCostUsd(), spent.costUsd());
        }
        if (!g.maxWallClock().isZero() && !log.now().isBefore(st.startedAt.plus(g.maxWallClock()))) {
            return "the graph's wall-clock budget of " + g.maxWallClock() + " has passed";
        }
        return null;
    }

    private static Duration max(Duration a, Duration b) {
        return a.compareTo(b) >= 0 ? a : b;
    }

    /** Whether the task's own budget has something left in every dimension it limits. */
    static boolean taskBudgetLeft(Track t) {
        Budget b = t.task.budget();
        return (b.maxTokens() == 0 || t.spend.tokens() < b.maxTokens())
                && (b.maxCostUsd() == 0 || t.spend.costUsd() < b.maxCostUsd())
                && (b.maxWallClock().isZero() || t.spend.elapsed().compareTo(b.maxWallClock()) < 0);
    }

    void startAttempt(Track t, Budget allot, Duration backoff) {
        int n = t.attempts + 1;
        String previous = t.attempts > 0 && t.feedback.isEmpty() ? t.failure : "";
        Prompts.Context ctx = new Prompts.Context(n, previous, t.attempts > 0 ? t.checkpoint : "", t.feedback,
                st.outputsOf(t.task.dependencies()));
        log.write("task.attempt.started", log.payload(t.id()).put("attempt", (long) n).put("backoffMs", backoff.toMillis()));
        st.applyAttemptStarted(t, n);
        log.publish(() -> new OrchestrationEvent.AttemptStarted(st.runId, log.now(), t.id(), n));
        running++;
        inFlight++;
        Task task = t.task;
        try {
            Workspace ws = workspace(t);
            String prompt = Prompts.attempt(task, ws, ctx);
            Worker worker = s.workers().create(task, ws, n);
            pool.execute(() -> completions.add(runAttempt(task, n, ws, worker, prompt, allot, backoff)));
        } catch (RuntimeException e) {
            completions.add(new AttemptDone(task.id(), n, null, null, e, Duration.ZERO, allot));
        }
    }

    Workspace workspace(Track t) {
        if (t.workspace == null) {
            t.workspace = s.workspaces().open(t.task);
        }
        return t.workspace;
    }

    /** One attempt, on a worker thread: wait out the backoff, run the worker, run the check. Never throws. */
    private AttemptDone runAttempt(Task task, int n, Workspace ws, Worker worker, String prompt, Budget allot,
            Duration backoff) {
        long t0 = System.nanoTime();
        try {
            if (!backoff.isZero()) {
                s.sleeper().sleep(backoff);
                t0 = System.nanoTime();
            }
            RunResult r = worker.run(prompt, allot);
            if (r == null) {
                throw new IllegalStateException("the worker returned no result");
            }
            Verdict v = null;
            if (r.isSuccess()) {
                v = task.check().verify(new CheckContext(task, ws, n, r.finalText()));
                if (v == null) {
                    v = Verdict.failed("the acceptance check returned no verdict");
                }
            }
            return new AttemptDone(task.id(), n, r, v, null, Duration.ofNanos(System.nanoTime() - t0), allot);
        } catch (Throwable e) { // anything: the supervisor must hear back, or the run would hang
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            return new AttemptDone(task.id(), n, null, null, e, Duration.ofNanos(System.nanoTime() - t0), allot);
        }
    }

    private void onAttempt(AttemptDone d) {
        Track t = st.track(d.taskId());
        RunResult r = d.result();
        Verdict v = d.verdict();
        FailureKind kind = null;
        String failure = "";
        if (d.error() != null) {
            kind = FailureKind.WORKER_ERROR;
            failure = "the attempt failed with " + describe(d.error());
        } else if (!r.isSuccess()) {
            kind = spentAllotment(r.stopReason(), d.allotment()) ? FailureKind.BUDGET_SPENT : FailureKind.WORKER_STOPPED;
            failure = "the worker stopped without finishing: " + r.stopReason().name().toLowerCase()
                    + (r.detail().isEmpty() ? "" : " (" + r.detail() + ")");
        } else if (v instanceof Verdict.Failed) {
            kind = FailureKind.CHECK_FAILED;
            failure = v.output();
        }
        String outcome = kind != null ? kind.name() : v instanceof Verdict.Blocked ? "blocked" : "passed";
        Spend spend = r == null ? new Spend(0, 0, d.elapsed())
                : new Spend(r.usage().totalTokens(), r.costUsd(), d.elapsed());
        String output = r == null ? "" : r.finalText();
        String checkOutput = v == null ? "" : v.output();
        // A checkpoint serves a later attempt; an attempt accepted without review has none.
        boolean final_ = kind == null && v instanceof Verdict.Passed && t.task.reviewer().isEmpty();
        String checkpoint = r == null || final_ ? "" : Checkpoints.summarize(r);
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
        allotmentLeft();
        if (kind != null) {
            decisions.fail(t, kind, failure);
        } else if (v instanceof Verdict.Blocked) {
            decisions.move(t, TaskState.BLOCKED, v.output());
        } else if (t.task.reviewer().isPresent()) {
            decisions.move(t, TaskState.REVIEW, "");
            submitReview(t);
        } else {
            decisions.complete(t, "");
        }
    }

    /** Notes a spent graph budget right away, so that no new task starts. */
    private void allotmentLeft() {
        String spentOut = graphBudgetSpent();
        if (spentOut != null && !budgetStop) {
            budgetStop = true;
            budgetDetail = spentOut;
        }
    }

    private static boolean spentAllotment(StopReason reason, Budget allot) {
        return (reason == StopReason.TOKEN_BUDGET && allot.maxTokens() > 0)
                || (reason == StopReason.COST_BUDGET && allot.maxCostUsd() > 0)
                || (reason == StopReason.TIMEOUT && !allot.maxWallClock().isZero());
    }

    static String describe(Throwable e) {
        return e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
    }

    /** Puts the task's work in the review queue (the task is in review) and asks its reviewer. */
    void submitReview(Track t) {
        String content = Prompts.reviewContent(t.task, t.output, t.checkOutput);
        ReviewItem current = t.reviewItem == null ? null : s.reviews().get(t.reviewItem).orElse(null);
        boolean resubmit = current != null && current.state() == ReviewState.REVISED;
        String item = resubmit ? t.reviewItem : freshItemId(t);
        int revision = resubmit ? current.revision() + 1 : 1;
        log.write("task.review.submitted", log.payload(t.id()).put("item", item).put("content", content)
                .put("resubmit", resubmit).put("revision", (long) revision));
        st.applyReviewSubmitted(t, item, content, resubmit, revision);
        askReviewer(t);
    }

    private String freshItemId(Track t) {
        String base = st.runId + "/" + t.id();
        String id = base;
        for (int n = 2; s.reviews().get(id).isPresent(); n++) {
            id = base + "#" + n;
        }
        return id;
    }

    void askReviewer(Track t) {
        Reviewer reviewer = t.task.reviewer().orElseThrow();
        ReviewItem item = s.reviews().get(t.reviewItem).orElseThrow();
        String id = t.id();
        inFlight++;
        pool.execute(() -> {
            try {
                completions.add(new ReviewDone(id, item.id(), reviewer.review(item), null));
            } catch (Throwable e) {
                completions.add(new ReviewDone(id, item.id(), null, e));
            }
        });
    }

    private void onReview(ReviewDone d) {
        Track t = st.track(d.taskId());
        boolean pending = s.reviews().get(d.item()).map(i -> i.state() == ReviewState.PENDING).orElse(false);
        if (d.error() != null || d.decision() == null || !pending) {
            String why = d.error() != null ? "the reviewer failed with " + describe(d.error())
                    : d.decision() == null ? "the reviewer returned no decision"
                    : "the review item was decided outside its reviewer";
            decisions.move(t, TaskState.RUNNING, why);
            decisions.fail(t, FailureKind.WORKER_ERROR, why);
            return;
        }
        ReviewDecision dec = d.decision();
        String feedback = dec instanceof ReviewDecision.Reject r ? r.feedback()
                : dec instanceof ReviewDecision.Revise v ? v.feedback() : "";
        String kind = dec instanceof ReviewDecision.Approve ? "approve" : dec instanceof ReviewDecision.Reject ? "reject"
                : "revise";
        log.write("task.review.decided", log.payload(t.id()).put("item", d.item()).put("decision", kind)
                .put("reviewer", dec.reviewer()).put("feedback", feedback));
        st.applyReviewDecided(t, d.item(), dec);
        ReviewState state = s.reviews().get(d.item()).orElseThrow().state();
        log.publish(() -> new OrchestrationEvent.ReviewDecided(st.runId, log.now(), t.id(), d.item(), state,
                dec.reviewer(), feedback));
        decisions.actOnDecision(t);
    }

    private OrchestrationResult finish() {
        if (st.failFastStop) {
            return finishAs(RunStatus.FAILED, st.failFastDetail);
        }
        List<String> notDone = new ArrayList<>();
        List<String> blocked = new ArrayList<>();
        List<String> waiting = new ArrayList<>();
        String failed = "";
        for (Task task : st.graph.tasks()) {
            Track t = st.tracks.get(task.id());
            if (t.state == TaskState.DONE) {
                continue;
            }
            notDone.add(t.id());
            if (t.state == TaskState.BLOCKED || t.state == TaskState.REVIEW) {
                blocked.add(t.id() + " (" + (t.state == TaskState.BLOCKED ? "blocked: " + firstLine(t.checkOutput)
                        : "waiting for review") + ")");
            } else if (t.state == TaskState.PENDING && !t.skipped) {
                waiting.add(t.id());
            } else if (t.gaveUp && !t.superseded && failed.isEmpty()) {
                failed = "task '" + t.id() + "' failed: " + firstLine(t.failure);
            }
        }
        if (budgetStop && !notDone.isEmpty()) {
            return finishAs(RunStatus.BUDGET_SPENT, budgetDetail + "; not done: " + notDone);
        }
        if (!blocked.isEmpty() || !waiting.isEmpty()) {
            return finishAs(RunStatus.STALLED, "nothing is ready and nothing is running; blocked: " + blocked
                    + "; waiting on them: " + waiting);
        }
        if (!failed.isEmpty()) {
            return finishAs(RunStatus.FAILED, failed);
        }
        return finishAs(RunStatus.COMPLETED, "");
    }

    private OrchestrationResult finishAs(RunStatus status, String detail) {
        log.write("graph.finished", log.payload(null).put("status", status.name()).put("detail", detail));
        st.applyFinished(status, detail);
        OrchestrationResult result = st.result(status, detail);
        log.publish(() -> new OrchestrationEvent.RunFinished(st.runId, log.now(), result));
        return result;
    }

    static String firstLine(String text) {
        String s = text.strip();
        int nl = s.indexOf('\n');
        String line = nl < 0 ? s : s.substring(0, nl);
        return line.length() > 300 ? line.substring(0, 300) + "..." : line;
    }
}
