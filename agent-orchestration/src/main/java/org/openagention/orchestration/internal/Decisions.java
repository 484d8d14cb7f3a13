// SPDX-License-Identifier: Apache-2.0
package org.openagention.orchestration.internal;

import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import org.openagention.core.RunResult;
import org.openagention.orchestration.FailurePolicy;
import org.openagention.orchestration.Spend;
import org.openagention.orchestration.graph.FailureKind;
import org.openagention.orchestration.graph.TaskState;
import org.openagention.orchestration.review.ReviewDecision;
import org.openagention.orchestration.review.Verdict;
/**
 * The supervisor's decisions on a task, computed from the run's state and returned as values
 * (facts, or what to do {@link Next}): state moves, how an attempt ended, retry or give up,
 * skipping dependents, and what a review decision means. Nothing here journals, applies or acts;
 * the supervisor does. Touched by the supervisor thread only.
 */
final class Decisions {
    private final Settings s;
    private final RunState st;

    Decisions(Settings s, RunState st) {
        this.s = s;
        this.st = st;
    }

    /** How an attempt ended, and what comes next for its task. */
    record Attempted(RunFact.AttemptFinished fact, Next next) {}

    /** A move of the task from where it is to {@code to} (neither failed nor pending); refused when not allowed. */
    RunFact.Moved move(Track t, TaskState to, String reason) {
        return new RunFact.Moved(t.id(), t.state, t.state.moveTo(to), reason);
    }

    /** The running task's attempt failed. */
    RunFact.Failed failed(Track t, FailureKind kind, String failure) {
        return new RunFact.Failed(t.id(), t.state, Texts.firstLine(failure), kind, failure);
    }

    /** Reads how an attempt came back: what it spent and how it ended, then fail, block, review or complete. */
    Attempted attempted(Track t, Attempts.Done d) {
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
        String outcome = kind != null ? kind.name() : v instanceof Verdict.Blocked ? "blocked" : "passed";
        Duration elapsed = d.elapsed().truncatedTo(ChronoUnit.MILLIS); // as the journal keeps it
        Spend spend = r == null ? new Spend(0, 0, elapsed) : new Spend(r.usage().totalTokens(), r.costUsd(), elapsed);
        // A checkpoint serves a later attempt; an attempt accepted without review has none.
        boolean last = kind == null && v instanceof Verdict.Passed && t.task.reviewer().isEmpty();
        RunFact.AttemptFinished fact = new RunFact.AttemptFinished(t.id(), d.attempt(), outcome,
                r == null ? 0 : r.turns(), spend, r == null ? "" : r.finalText(), v == null ? "" : v.output(), failure,
                r == null || last ? "" : Checkpoints.summarize(r), r == null ? "" : r.stopReason().name(),
                r == null ? "" : r.runId());
        Next next = kind != null ? new Next.Fail(kind, failure)
                : v instanceof Verdict.Blocked ? new Next.Record(List.of(move(t, TaskState.BLOCKED, v.output())))
                : t.task.reviewer().isPresent() ? new Next.Review() : new Next.Complete("");
        return new Attempted(fact, next);
    }

    /** A failed task: retried (pending again, after its backoff) or given up on. */
    RunFact afterFailure(Track t) {
        FailureKind kind = t.failureKind;
        boolean retry = t.task.retryOn().contains(kind) && t.attempts < t.task.retry().maxAttempts() && !st.failFastStop
                && BudgetGate.taskBudgetLeft(t);
        if (retry) {
            t.state.moveTo(TaskState.PENDING);
            return new RunFact.Requeued(t.id(), t.state, "retry: attempt " + (t.attempts + 1) + " of "
                    + t.task.retry().maxAttempts(), true);
        }
        String detail = "task '" + t.id() + "' failed after " + t.attempts + (t.attempts == 1 ? " attempt: " : " attempts: ")
                + Texts.firstLine(t.failure);
        return new RunFact.GaveUp(t.id(), kind, s.failurePolicy(), s.failurePolicy() == FailurePolicy.FAIL_FAST, detail);
    }

    /** Skips every pending task downstream of {@code from}, for the reason {@code because}. */
    List<RunFact> skipDependents(Track from, String because) {
        List<RunFact> skips = new ArrayList<>();
        for (String id : st.graph.transitiveDependents(from.id())) {
            Track t = st.tracks.get(id);
            if (t.state == TaskState.PENDING && !t.skipped()) {
                skips.add(new RunFact.Skipped(id, because));
            }
        }
        return skips;
    }

    /** What the review decision journaled for a task in review means: complete it, or take it back to fail or revise. */
    Next onReview(Track t) {
        ReviewDecision d = t.decision;
        if (d instanceof ReviewDecision.Approve) {
            return new Next.Complete("approved by " + d.reviewer());
        } else if (d instanceof ReviewDecision.Reject r) {
            return new Next.TakeBack("rejected by " + r.reviewer(), new Next.Fail(FailureKind.REJECTED,
                    "the reviewer " + r.reviewer() + " rejected the work: " + r.feedback()));
        }
        ReviewDecision.Revise v = (ReviewDecision.Revise) d;
        Next then = t.attempts < t.task.retry().maxAttempts() ? new Next.Revise()
                : new Next.Fail(FailureKind.REJECTED, "the reviewer " + v.reviewer() + " asked for a revision after"
                        + " the last allowed attempt: " + v.feedback());
        return new Next.TakeBack("revision asked by " + v.reviewer(), then);
    }
}
