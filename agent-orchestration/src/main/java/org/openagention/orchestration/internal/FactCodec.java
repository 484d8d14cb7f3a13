// SPDX-License-Identifier: Apache-2.0
package org.openagention.orchestration.internal;

import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.openagention.core.journal.JournalEntry;
import org.openagention.core.journal.StepCodec;
import org.openagention.orchestration.FailurePolicy;
import org.openagention.orchestration.RunStatus;
import org.openagention.orchestration.Spend;
import org.openagention.orchestration.graph.FailureKind;
import org.openagention.orchestration.graph.Task;
import org.openagention.orchestration.graph.TaskState;
import org.openagention.orchestration.review.ReviewDecision;
/**
 * The one codec of a run's facts: each {@link RunFact} as a journal entry type ({@link #typeOf})
 * and a JSON object, and back. The JSON names its fact in the field {@code fact} (the same name as
 * the entry type), so {@link #decode(String)} needs nothing else; {@link #decode(JournalEntry)}
 * reads journals written before that field, by the entry's type. The field names are those the
 * journal has always had, so older journals and the readers of them (the CLI's report) keep working.
 *
 * <p>Decoding is strict: a known entry with a missing, renamed or mistyped field fails with a
 * {@link org.openagention.core.journal.JournalException} naming the entry and the field.
 *
 * <p>The step seam's codec of run facts: {@link RunLog} hands facts to
 * {@code StepExecutor.record(codec, fact)}. Tasks carry code (custom checks, reviewers) that JSON
 * cannot: decoding finds it in the caller's original tasks, or for a task derived from another, in
 * the run's current one.
 */
final class FactCodec implements StepCodec<RunFact> {
    static final String GRAPH_STARTED = "graph.started";
    static final String GRAPH_RESUMED = "graph.resumed";
    static final String TASK_STATE = "task.state";
    static final String ATTEMPT_STARTED = "task.attempt.started";
    static final String ATTEMPT_FINISHED = "task.attempt.finished";
    static final String REVIEW_SUBMITTED = "task.review.submitted";
    static final String REVIEW_DECIDED = "task.review.decided";
    static final String MERGED = "task.merged";
    static final String TASK_ADDED = "graph.task.added";
    static final String REPLANNED = "graph.replanned";
    static final String REPLAN_FAILED = "graph.replan_failed";
    static final String SKIPPED = "task.skipped";
    static final String GAVE_UP = "task.gave_up";
    static final String FINISHED = "graph.finished";
    /** The field of every fact's JSON that names it. */
    static final String FACT = "fact";

    private final Function<String, Task> originals;
    private final Function<String, Task> current;

    /**
     * @param originals the caller's tasks by id (null when there are none), for custom checks and reviewers
     * @param current the run's tasks by id (null when unknown), for tasks derived from another
     */
    FactCodec(Function<String, Task> originals, Function<String, Task> current) {
        this.originals = originals;
        this.current = current;
    }

    /** The codec's own entry type; never written, since {@link #typeOf} names each fact. */
    @Override
    public String type() {
        return "graph.fact";
    }

    @Override
    public String typeOf(RunFact fact) {
        if (fact instanceof RunFact.GraphStarted) {
            return GRAPH_STARTED;
        } else if (fact instanceof RunFact.Resumed) {
            return GRAPH_RESUMED;
        } else if (fact instanceof RunFact.StateChanged) {
            return TASK_STATE;
        } else if (fact instanceof RunFact.AttemptStarted) {
            return ATTEMPT_STARTED;
        } else if (fact instanceof RunFact.AttemptFinished) {
            return ATTEMPT_FINISHED;
        } else if (fact instanceof RunFact.ReviewSubmitted) {
            return REVIEW_SUBMITTED;
        } else if (fact instanceof RunFact.ReviewDecided) {
            return REVIEW_DECIDED;
        } else if (fact instanceof RunFact.Merged) {
            return MERGED;
        } else if (fact instanceof RunFact.TaskAdded) {
            return TASK_ADDED;
        } else if (fact instanceof RunFact.Replanned) {
            return REPLANNED;
        } else if (fact instanceof RunFact.ReplanFailed) {
            return REPLAN_FAILED;
        } else if (fact instanceof RunFact.Skipped) {
            return SKIPPED;
        } else if (fact instanceof RunFact.GaveUp) {
            return GAVE_UP;
        } else if (fact instanceof RunFact.Finished) {
            return FINISHED;
        }
        throw new IllegalArgumentException("not a run fact: " + fact);
    }

    @Override
    public String encode(RunFact fact) {
        Payload p = new Payload().put(FACT, typeOf(fact));
        if (fact instanceof RunFact.GraphStarted f) {
            StringBuilder tasks = new StringBuilder("[");
            f.tasks().forEach(t -> tasks.append(tasks.length() > 1 ? "," : "").append(TaskCodec.write(t)));
            p.put("goal", f.goal()).put("parallelism", (long) f.parallelism())
                    .put("failurePolicy", f.failurePolicy().name()).putJson("tasks", tasks.append(']').toString())
                    .put("startedAt", f.startedAt().toString());
        } else if (fact instanceof RunFact.StateChanged f) {
            p.put("task", f.task()).put("from", f.from().name()).put("to", f.to().name()).put("reason", f.reason());
            if (f instanceof RunFact.Failed x) {
                p.put("kind", x.kind().name()).put("failure", x.failure());
            } else if (f instanceof RunFact.Requeued x) {
                p.put("backoff", x.backoff());
            }
        } else if (fact instanceof RunFact.AttemptStarted f) {
            p.put("task", f.task()).put("attempt", (long) f.attempt()).put("backoffMs", f.backoff().toMillis())
                    .put("workerRunId", f.workerRunId());
        } else if (fact instanceof RunFact.AttemptFinished f) {
            p.put("task", f.task()).put("attempt", (long) f.attempt()).put("outcome", f.outcome())
                    .put("turns", (long) f.turns()).put("tokens", f.spend().tokens()).put("costUsd", f.spend().costUsd())
                    .put("elapsedMs", f.spend().elapsed().toMillis()).put("output", f.output())
                    .put("checkOutput", f.checkOutput()).put("failure", f.failure()).put("checkpoint", f.checkpoint());
            if (!f.stopReason().isEmpty()) { // absent when the worker returned no result
                p.put("stopReason", f.stopReason()).put("workerRunId", f.workerRunId());
            }
        } else if (fact instanceof RunFact.ReviewSubmitted f) {
            p.put("task", f.task()).put("item", f.item()).put("content", f.content()).put("resubmit", f.resubmit())
                    .put("revision", (long) f.revision());
        } else if (fact instanceof RunFact.ReviewDecided f) {
            ReviewDecision d = f.decision();
            p.put("task", f.task()).put("item", f.item()).put("decision", decisionName(d)).put("reviewer", d.reviewer())
                    .put("feedback", feedback(d));
        } else if (fact instanceof RunFact.Merged f) {
            p.put("task", f.task()).put("merged", f.merged()).put("conflictTask", f.conflictTask())
                    .put("files", f.files()).put("unresolved", f.unresolved());
        } else if (fact instanceof RunFact.TaskAdded f) {
            p.put("task", f.task().id()).put("reason", f.reason()).put("conflictOf", f.conflictOf())
                    .putJson("spec", TaskCodec.write(f.task())).put("dependents", f.dependents());
        } else if (fact instanceof RunFact.Replanned f) {
            StringBuilder specs = new StringBuilder("[");
            f.added().forEach(t -> specs.append(specs.length() > 1 ? "," : "").append(TaskCodec.write(t)));
            p.put("failedTask", f.failedTask()).put("removed", f.removed()).putJson("added", specs.append(']').toString());
        } else if (fact instanceof RunFact.ReplanFailed f) {
            p.put("task", f.task()).put("problems", f.problems());
        } else if (fact instanceof RunFact.Skipped f) {
            p.put("task", f.task()).put("because", f.because());
        } else if (fact instanceof RunFact.GaveUp f) {
            p.put("task", f.task()).put("kind", f.kind().name()).put("policy", f.policy().name())
                    .put("failFast", f.failFast()).put("detail", f.detail());
        } else if (fact instanceof RunFact.Finished f) {
            p.put("status", f.status().name()).put("detail", f.detail());
        }
        return p.json();
    }

    /** The fact in {@code json}, which names it in its field {@code fact}. */
    @Override
    public RunFact decode(String json) {
        EntryFields p = EntryFields.parse(json, "a run fact");
        String type = p.text(FACT);
        RunFact fact = decode(type, p, null);
        if (fact == null) {
            throw p.problem(FACT, "names no run fact: '" + type + "'");
        }
        return fact;
    }

    /** The fact a journal entry holds, or empty for an entry of another kind (a lane's diff, say). */
    java.util.Optional<RunFact> decode(JournalEntry e) {
        if (!isFact(e.type())) {
            return java.util.Optional.empty();
        }
        EntryFields p = EntryFields.parse(e.payloadJson(), "entry " + e.sequence() + " (" + e.type() + ") of run "
                + e.runId());
        if (p.has(FACT) && !p.text(FACT).equals(e.type())) {
            throw p.problem(FACT, "is '" + p.text(FACT) + "', but the entry's type is " + e.type());
        }
        return java.util.Optional.of(decode(e.type(), p, e.at()));
    }

    static boolean isFact(String type) {
        switch (type) {
            case GRAPH_STARTED, GRAPH_RESUMED, TASK_STATE, ATTEMPT_STARTED, ATTEMPT_FINISHED, REVIEW_SUBMITTED,
                    REVIEW_DECIDED, MERGED, TASK_ADDED, REPLANNED, REPLAN_FAILED, SKIPPED, GAVE_UP, FINISHED:
                return true;
            default:
                return false;
        }
    }

    /** {@code entryAt} (null outside a journal entry) is the start time of a run journaled before facts carried it. */
    private RunFact decode(String type, EntryFields p, Instant entryAt) {
        switch (type) {
            case GRAPH_STARTED: {
                List<Task> tasks = new ArrayList<>();
                for (EntryFields spec : p.objects("tasks")) {
                    tasks.add(TaskCodec.read(spec, originals, current));
                }
                Instant at = entryAt != null && !p.has("startedAt") ? entryAt : instant(p, "startedAt");
                return new RunFact.GraphStarted(p.text("goal"), p.integer("parallelism"),
                        p.oneOf("failurePolicy", FailurePolicy.class), tasks, at);
            }
            case GRAPH_RESUMED:
                return new RunFact.Resumed();
            case TASK_STATE:
                return stateChanged(p);
            case ATTEMPT_STARTED:
                return new RunFact.AttemptStarted(p.text("task"), p.integer("attempt"),
                        Duration.ofMillis(p.number("backoffMs")), p.has("workerRunId") ? p.text("workerRunId") : "");
            case ATTEMPT_FINISHED: {
                boolean result = p.has("stopReason");
                return new RunFact.AttemptFinished(p.text("task"), p.integer("attempt"), p.text("outcome"),
                        p.integer("turns"), new Spend(p.number("tokens"), p.decimal("costUsd"),
                        Duration.ofMillis(p.number("elapsedMs"))), p.text("output"), p.text("checkOutput"),
                        p.text("failure"), p.text("checkpoint"), result ? p.text("stopReason") : "",
                        result ? p.text("workerRunId") : "");
            }
            case REVIEW_SUBMITTED:
                return new RunFact.ReviewSubmitted(p.text("task"), p.text("item"), p.text("content"),
                        p.bool("resubmit"), p.integer("revision"));
            case REVIEW_DECIDED:
                return new RunFact.ReviewDecided(p.text("task"), p.text("item"), decision(p));
            case MERGED:
                return new RunFact.Merged(p.text("task"), p.bool("merged"), p.text("conflictTask"), p.texts("files"),
                        p.text("unresolved"));
            case TASK_ADDED:
                return new RunFact.TaskAdded(TaskCodec.read(p.object("spec"), originals, current), p.text("reason"),
                        p.text("conflictOf"), p.texts("dependents"));
            case REPLANNED: {
                List<Task> added = new ArrayList<>();
                for (EntryFields spec : p.objects("added")) {
                    added.add(TaskCodec.read(spec, originals, current));
                }
                return new RunFact.Replanned(p.text("failedTask"), p.texts("removed"), added);
            }
            case REPLAN_FAILED:
                return new RunFact.ReplanFailed(p.text("task"), p.text("problems"));
            case SKIPPED:
                return new RunFact.Skipped(p.text("task"), p.text("because"));
            case GAVE_UP:
                return new RunFact.GaveUp(p.text("task"), p.oneOf("kind", FailureKind.class),
                        p.oneOf("policy", FailurePolicy.class), p.bool("failFast"), p.text("detail"));
            case FINISHED:
                return new RunFact.Finished(p.oneOf("status", RunStatus.class), p.text("detail"));
            default:
                return null;
        }
    }

    private static RunFact.StateChanged stateChanged(EntryFields p) {
        String task = p.text("task");
        TaskState from = p.oneOf("from", TaskState.class);
        TaskState to = p.oneOf("to", TaskState.class);
        String reason = p.text("reason");
        if (to == TaskState.FAILED) {
            return new RunFact.Failed(task, from, reason, p.oneOf("kind", FailureKind.class), p.text("failure"));
        } else if (to == TaskState.PENDING) {
            return new RunFact.Requeued(task, from, reason, p.bool("backoff"));
        }
        return new RunFact.Moved(task, from, to, reason);
    }

    private static Instant instant(EntryFields p, String name) {
        String text = p.text(name);
        try {
            return Instant.parse(text);
        } catch (DateTimeParseException e) {
            throw p.problem(name, "is '" + text + "', not an instant");
        }
    }

    private static ReviewDecision decision(EntryFields p) {
        String reviewer = p.text("reviewer");
        String name = p.text("decision");
        switch (name) {
            case "approve":
                return ReviewDecision.approve(reviewer);
            case "reject":
                return ReviewDecision.reject(reviewer, p.text("feedback"));
            case "revise":
                return ReviewDecision.revise(reviewer, p.text("feedback"));
            default:
                throw p.problem("decision", "is '" + name + "', not approve, reject or revise");
        }
    }

    /** The decision's name in the journal (the one place a decision becomes a word). */
    static String decisionName(ReviewDecision d) {
        return d instanceof ReviewDecision.Approve ? "approve" : d instanceof ReviewDecision.Reject ? "reject" : "revise";
    }

    static String feedback(ReviewDecision d) {
        return d instanceof ReviewDecision.Reject r ? r.feedback() : d instanceof ReviewDecision.Revise v ? v.feedback() : "";
    }
}
