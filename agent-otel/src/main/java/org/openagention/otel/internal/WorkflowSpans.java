// SPDX-License-Identifier: Apache-2.0
package org.openagention.otel.internal;

import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanBuilder;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.context.Context;
import java.time.Instant;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.openagention.orchestration.OrchestrationEvent;
import org.openagention.orchestration.OrchestrationListener;
import org.openagention.orchestration.graph.TaskState;

/**
 * Spans of an orchestrated run, from its events: {@code invoke_workflow {name}} for the run, and
 * under it {@code task {id}} for each task, {@code attempt {id}} for each attempt, with
 * {@code check {id}} (from the worker's answer to the attempt's end) under the attempt, and
 * {@code review {id}} and {@code merge {id}} under the task. A worker's own {@code invoke_agent}
 * span nests under its attempt through {@link TracedWorkers}, which picks up the attempt this
 * listener has just opened on the supervisor's thread.
 *
 * <p>Events come on the supervisor's thread, one run's in order; several runs may go at once.
 * A merge has no start event: its span starts at the task's previous event (the check or review
 * that accepted it) and ends when the merge is recorded.
 */
public final class WorkflowSpans implements OrchestrationListener {
    /** The attempt just opened on this (supervisor) thread, for the worker factory called right after. */
    static final ThreadLocal<AttemptSpan> OPENED = new ThreadLocal<>();

    private final Telemetry t;
    private final Map<String, Workflow> runs = new ConcurrentHashMap<>();

    public WorkflowSpans(Telemetry t) {
        this.t = t;
    }

    /** An open attempt: its span, and when its worker answered (set on the worker's thread). */
    static final class AttemptSpan {
        final String taskId;
        final int attempt;
        final Span span;
        final Context context;
        volatile Instant workerAnswered;
        volatile boolean workerSucceeded;

        AttemptSpan(String taskId, int attempt, Span span, Context context) {
            this.taskId = taskId;
            this.attempt = attempt;
            this.span = span;
            this.context = context;
        }
    }

    private static final class TaskSpan {
        final Span span;
        final Context context;
        Instant lastEvent;
        TaskState state = TaskState.PENDING;
        AttemptSpan attempt;
        Span review;

        TaskSpan(Span span, Context context, Instant at) {
            this.span = span;
            this.context = context;
            this.lastEvent = at;
        }
    }

    private static final class Workflow {
        final Span span;
        final Context context;
        final Map<String, TaskSpan> tasks = new HashMap<>();

        Workflow(Span span, Context context) {
            this.span = span;
            this.context = context;
        }
    }

    @Override
    public void onEvent(OrchestrationEvent event) {
        if (!t.traces) {
            return;
        }
        if (event instanceof OrchestrationEvent.RunStarted e) {
            Context parent = Context.current();
            Span span = t.tracer.spanBuilder(GenAi.INVOKE_WORKFLOW + " " + t.workflowName).setParent(parent)
                    .setSpanKind(SpanKind.INTERNAL).setAttribute(GenAi.OPERATION_NAME, GenAi.INVOKE_WORKFLOW)
                    .setAttribute(GenAi.WORKFLOW_NAME, t.workflowName).setAttribute(GenAi.RUN_ID, e.runId())
                    .setAttribute(GenAi.TASKS, (long) e.tasks()).setAttribute(GenAi.RESUMED, e.resumed()).startSpan();
            runs.put(e.runId(), new Workflow(span, parent.with(span)));
            return;
        }
        Workflow run = runs.get(event.runId());
        if (run == null) {
            return;
        }
        Instant now = Instant.now();
        if (event instanceof OrchestrationEvent.TaskStateChanged e) {
            TaskSpan task = task(run, e.runId(), e.taskId(), now);
            task.state = e.to();
            if (e.to() == TaskState.REVIEW && task.review == null) {
                task.review = child(task.context, "review " + e.taskId(), e.runId(), e.taskId()).startSpan();
            }
            if (e.to() != TaskState.DONE) {
                task.lastEvent = now; // a done task's merge started at the event before
            }
        } else if (event instanceof OrchestrationEvent.AttemptStarted e) {
            TaskSpan task = task(run, e.runId(), e.taskId(), now);
            Span span = child(task.context, "attempt " + e.taskId(), e.runId(), e.taskId())
                    .setAttribute(GenAi.ATTEMPT, (long) e.attempt()).startSpan();
            task.attempt = new AttemptSpan(e.taskId(), e.attempt(), span, task.context.with(span));
            OPENED.set(task.attempt);
            task.lastEvent = now;
        } else if (event instanceof OrchestrationEvent.AttemptFinished e) {
            attemptFinished(run, e, now);
        } else if (event instanceof OrchestrationEvent.ReviewDecided e) {
            TaskSpan task = task(run, e.runId(), e.taskId(), now);
            Span review = task.review != null ? task.review
                    : child(task.context, "review " + e.taskId(), e.runId(), e.taskId()).startSpan();
            review.setAttribute(GenAi.REVIEW_DECISION, e.decision().name().toLowerCase(Locale.ROOT));
            review.setAttribute(GenAi.REVIEWER, e.reviewer());
            review.end();
            task.review = null;
            task.lastEvent = now;
        } else if (event instanceof OrchestrationEvent.TaskMerged e) {
            TaskSpan task = task(run, e.runId(), e.taskId(), now);
            Span merge = child(task.context, "merge " + e.taskId(), e.runId(), e.taskId())
                    .setStartTimestamp(task.lastEvent).setAttribute(GenAi.MERGED, e.merged())
                    .setAttribute(GenAi.MERGE_FILES, (long) e.files().size()).startSpan();
            if (!e.conflictTask().isEmpty()) {
                merge.setAttribute(GenAi.CONFLICT_TASK, e.conflictTask());
            }
            merge.end(now);
            task.lastEvent = now;
            if (task.state == TaskState.DONE) {
                endTask(task, now);
                run.tasks.remove(e.taskId());
            }
        } else if (event instanceof OrchestrationEvent.TaskSkipped e) {
            TaskSpan task = task(run, e.runId(), e.taskId(), now);
            task.span.setAttribute(GenAi.TASK_STATE, "skipped");
            task.span.end(now);
            run.tasks.remove(e.taskId());
        } else if (event instanceof OrchestrationEvent.TaskAdded e) {
            run.span.addEvent("openagention.task_added", Attributes.of(GenAi.TASK_ID, e.taskId()));
        } else if (event instanceof OrchestrationEvent.Replanned e) {
            run.span.addEvent("openagention.replanned", Attributes.of(GenAi.TASK_ID, e.failedTask()));
        } else if (event instanceof OrchestrationEvent.RunFinished e) {
            runs.remove(e.runId());
            for (TaskSpan task : run.tasks.values()) {
                endTask(task, task.lastEvent);
            }
            run.span.setAttribute(GenAi.RUN_STATUS, e.result().status().name().toLowerCase(Locale.ROOT));
            if (!e.result().status().isSuccess()) {
                Telemetry.fail(run.span, e.result().status().name().toLowerCase(Locale.ROOT), e.result().detail());
            }
            run.span.end();
        }
    }

    private void attemptFinished(Workflow run, OrchestrationEvent.AttemptFinished e, Instant now) {
        TaskSpan task = task(run, e.runId(), e.taskId(), now);
        AttemptSpan a = task.attempt;
        if (a == null || a.attempt != e.attempt()) {
            return; // an attempt cut off before a resume: its start was in another process
        }
        boolean passed = e.outcome().equals("passed") || e.outcome().equals("blocked");
        if (a.workerAnswered != null && a.workerSucceeded) {
            Span check = child(a.context, "check " + e.taskId(), e.runId(), e.taskId())
                    .setAttribute(GenAi.ATTEMPT, (long) e.attempt()).setStartTimestamp(a.workerAnswered).startSpan();
            check.setAttribute(GenAi.OUTCOME, e.outcome().equals("CHECK_FAILED") ? "failed" : "passed");
            if (e.outcome().equals("CHECK_FAILED")) {
                Telemetry.fail(check, "check_failed", "the acceptance check failed");
            }
            check.end(now);
        }
        a.span.setAttribute(GenAi.OUTCOME, e.outcome());
        a.span.setAttribute(GenAi.TURNS, (long) e.turns());
        a.span.setAttribute(GenAi.TOKENS, e.tokens());
        a.span.setAttribute(GenAi.COST_USD, e.costUsd());
        if (!passed) {
            Telemetry.fail(a.span, e.outcome().toLowerCase(Locale.ROOT), "the attempt ended " + e.outcome());
        }
        a.span.end(now);
        task.attempt = null;
        task.lastEvent = now;
    }

    private TaskSpan task(Workflow run, String runId, String taskId, Instant now) {
        return run.tasks.computeIfAbsent(taskId, id -> {
            Span span = child(run.context, "task " + id, runId, id).startSpan();
            return new TaskSpan(span, run.context.with(span), now);
        });
    }

    private SpanBuilder child(Context parent, String name, String runId, String taskId) {
        return t.tracer.spanBuilder(name).setParent(parent).setSpanKind(SpanKind.INTERNAL)
                .setAttribute(GenAi.RUN_ID, runId).setAttribute(GenAi.TASK_ID, taskId);
    }

    private static void endTask(TaskSpan task, Instant at) {
        if (task.review != null) {
            task.review.end(at);
        }
        if (task.attempt != null) {
            task.attempt.span.end(at);
        }
        task.span.setAttribute(GenAi.TASK_STATE, task.state.name().toLowerCase(Locale.ROOT));
        if (task.state == TaskState.FAILED || task.state == TaskState.BLOCKED) {
            Telemetry.fail(task.span, "task_" + task.state.name().toLowerCase(Locale.ROOT), "the task ended " + task.state);
        }
        task.span.end(at);
    }
}
