// SPDX-License-Identifier: Apache-2.0
package org.openagention.temporal.internal;

import io.temporal.activity.ActivityCancellationType;
import io.temporal.activity.ActivityOptions;
import io.temporal.api.enums.v1.TimeoutType;
import io.temporal.common.RetryOptions;
import io.temporal.failure.ActivityFailure;
import io.temporal.failure.ApplicationFailure;
import io.temporal.failure.CanceledFailure;
import io.temporal.failure.TimeoutFailure;
import io.temporal.workflow.Async;
import io.temporal.workflow.CancellationScope;
import io.temporal.workflow.CompletablePromise;
import io.temporal.workflow.Workflow;
import io.temporal.workflow.unsafe.WorkflowUnsafe;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Callable;
import java.util.concurrent.CancellationException;
import java.util.concurrent.Future;
import java.util.function.Function;
import org.openagention.core.journal.JournalEntry;
import org.openagention.core.journal.Step;
import org.openagention.core.journal.StepCodec;
import org.openagention.core.journal.StepExecutor;
import org.openagention.core.model.ModelException;
import org.openagention.core.tool.ToolResult;

/**
 * The step seam implemented by Temporal, for the agent loop running as workflow code: model and
 * tool steps are activities ({@link StepActivities}), time is workflow time, sleeps are durable
 * timers, random ids come from the workflow's seeded random, facts and step results are kept in
 * the workflow's {@link RunJournal}, parallel tool calls run on workflow threads, and the loop's
 * time limit is a workflow timer. Temporal's own history is what replays a run; this executor never
 * replays by step id.
 *
 * <p>Cancellation: an in-flight step runs in a cancellation scope of its own. The loop stops steps
 * ({@link #interrupt}) by cancelling those scopes, never by interrupting a workflow thread. When the
 * workflow itself is cancelled, the step's activity fails with a cancellation, this executor tells
 * the loop ({@link #onCancel}), and the run ends {@code CANCELLED} with a normal result.
 *
 * <p>A graph task's attempt ({@link TaskPlace}) sends its tool steps to the queue of the host
 * holding the task's clone, unretried there: a call the host does not pick up in time, or whose
 * heartbeat lapses, marks the host lost ({@link #hostLost()}), stops the loop, and the workflow
 * fails the attempt so that the task goes on elsewhere. The orchestrator's supervisor uses this
 * executor too (its facts, time, backoffs, forks and {@link #newQueue() completion queue}).
 *
 * <p>Workflow code only; workflow threads run one at a time, so the state needs no locks.
 */
final class TemporalSteps implements StepExecutor {
    private final String agentName;
    private final RunJournal journal;
    private final WorkflowApprovals approvals;
    private final StepActivities models;
    private final StepActivities tools;
    private final CancellationScope root;
    private final Set<CancellationScope> inFlight = new LinkedHashSet<>();
    private Runnable onCancel = () -> {};
    private java.util.Random random;
    private final TaskPlace place;
    private String hostLost;

    /**
     * @param place where a graph task's tools run (null: on this workflow's task queue)
     */
    TemporalSteps(String agentName, StepSettings settings, RunJournal journal, WorkflowApprovals approvals,
            CancellationScope root, TaskPlace place) {
        this.agentName = agentName;
        this.place = place;
        this.journal = journal;
        this.approvals = approvals;
        this.root = root;
        RetryOptions retry = RetryOptions.newBuilder().setMaximumAttempts(settings.maxAttempts())
                .setInitialInterval(Duration.ofMillis(Math.max(1, settings.initialBackoffMillis())))
                .setBackoffCoefficient(settings.multiplier())
                .setMaximumInterval(Duration.ofMillis(Math.max(settings.initialBackoffMillis(), settings.maxBackoffMillis())))
                .setDoNotRetry(AgentRegistry.UNKNOWN_AGENT)
                .build();
        ActivityOptions.Builder base = ActivityOptions.newBuilder().setRetryOptions(retry)
                .setHeartbeatTimeout(Duration.ofMillis(settings.heartbeatMillis()));
        // A cancelled model call is dropped at once: its answer could change nothing. A cancelled
        // tool call is waited for until the tool has stopped (or its heartbeat lapsed), so a run
        // never reports CANCELLED while a command is still changing the workspace.
        this.models = Workflow.newActivityStub(StepActivities.class, base
                .setStartToCloseTimeout(Duration.ofMillis(settings.modelTimeoutMillis()))
                .setCancellationType(ActivityCancellationType.TRY_CANCEL).build());
        base.setStartToCloseTimeout(Duration.ofMillis(settings.toolTimeoutMillis()))
                .setCancellationType(ActivityCancellationType.WAIT_CANCELLATION_COMPLETED);
        if (place != null) {
            // A graph task's tools run on the host holding its clone; a host that does not pick a
            // call up in time is taken for lost, and the attempt ends so another host can go on.
            // A call is not retried there: a heartbeat that lapsed means the host stopped answering,
            // and a retry would wait on the same host's queue; the attempt ends and the orchestrator
            // retries the task, on another host from its last pushed state.
            base.setTaskQueue(place.hostQueue()).setScheduleToStartTimeout(Duration.ofMillis(place.pickupMillis()))
                    .setRetryOptions(retry.toBuilder().setMaximumAttempts(1).build());
        }
        this.tools = Workflow.newActivityStub(StepActivities.class, base.build());
    }

    /** Why the attempt's host was taken for lost, or null while it serves the attempt. */
    String hostLost() {
        return hostLost;
    }

    /** A queue whose {@code take} waits the workflow's way (the supervisor's completions). */
    @Override
    public <T> BlockingQueue<T> newQueue() {
        return new WorkflowBlockingQueue<>();
    }

    /** What to call when the workflow is found cancelled during a step: the loop's {@code cancel()}. */
    void onCancel(Runnable onCancel) {
        this.onCancel = onCancel;
    }

    @Override
    public <T> Outcome<T> execute(Step<T> step, Callable<T> action) throws Exception {
        if (step instanceof Step.ToolCall t && approvals != null) {
            Optional<ToolResult> denied = inScope(() -> approvals.check(t), step);
            if (denied == null) {
                return cancelled(step);
            }
            if (denied.isPresent()) {
                return record(step, step.codec(), cast(step, denied.get()));
            }
        }
        String json = step.toJson();
        if (hostLost != null && step instanceof Step.ToolCall) {
            return cancelled(step);
        }
        Function<String, String> activity = step instanceof Step.ModelCall ? j -> models.model(agentName, j)
                : place != null ? j -> tools.taskTool(agentName, place.workspace(), j) : j -> tools.tool(agentName, j);
        String result;
        try {
            result = inScope(() -> activity.apply(json), step);
        } catch (ActivityFailure failure) {
            return failed(step, failure);
        }
        if (result == null) {
            return cancelled(step);
        }
        return record(step, step.codec(), step.codec().decode(result));
    }

    /**
     * A step that is not a model or tool call (an extension's own step): its action runs once, as a
     * Temporal side effect whose encoded result the history keeps, so it must be quick and must
     * not fail.
     */
    @Override
    public <T> Outcome<T> execute(String stepId, StepCodec<T> codec, Callable<T> action) {
        String json = Workflow.sideEffect(String.class, () -> {
            try {
                return codec.encode(action.call());
            } catch (RuntimeException e) {
                throw e;
            } catch (Exception e) {
                throw new IllegalStateException("step " + stepId + " failed", e);
            }
        });
        T value = codec.decode(json);
        journal.add(codec, stepId, value);
        return new Outcome<>(value, WorkflowUnsafe.isReplaying());
    }

    /** Runs {@code body} in a cancellation scope of its own; null when the scope was cancelled. */
    private <R> R inScope(java.util.function.Supplier<R> body, Step<?> step) {
        List<R> out = new ArrayList<>(1);
        CancellationScope scope = Workflow.newCancellationScope(() -> out.add(body.get()));
        inFlight.add(scope);
        try {
            scope.run();
            return out.get(0);
        } catch (CanceledFailure e) {
            noticeCancel();
            return null;
        } catch (ActivityFailure e) {
            if (e.getCause() instanceof CanceledFailure) {
                noticeCancel();
                return null;
            }
            throw e;
        } finally {
            inFlight.remove(scope);
        }
    }

    private void noticeCancel() {
        if (root.isCancelRequested()) {
            onCancel.run();
        }
    }

    private <T> Outcome<T> cancelled(Step<T> step) {
        if (step instanceof Step.ToolCall) {
            return new Outcome<>(cast(step, ToolResult.error(ToolResult.ErrorKind.CANCELLED,
                    "The call was cancelled before it finished.")), false);
        }
        throw new CancellationException("the model call was cancelled");
    }

    /** A step whose activity failed for good (retries spent, or a failure not worth retrying). */
    private <T> Outcome<T> failed(Step<T> step, ActivityFailure failure) {
        if (place != null && failure.getCause() instanceof TimeoutFailure timeout
                && (timeout.getTimeoutType() == TimeoutType.TIMEOUT_TYPE_SCHEDULE_TO_START
                        || timeout.getTimeoutType() == TimeoutType.TIMEOUT_TYPE_HEARTBEAT)) {
            hostLost = "host " + place.hostQueue() + (timeout.getTimeoutType() == TimeoutType.TIMEOUT_TYPE_HEARTBEAT
                    ? " stopped heartbeating during a tool call of " : " did not pick up a tool call of ")
                    + place.workspace();
            onCancel.run(); // the attempt ends here; the task goes on elsewhere from its pushed branch
            return cancelled(step);
        }
        String message = failure.getCause() instanceof ApplicationFailure app ? app.getOriginalMessage()
                : failure.getCause() != null ? failure.getCause().getMessage() : failure.getMessage();
        if (step instanceof Step.ModelCall) {
            throw new ModelException(message, failure);
        }
        ToolResult error = ToolResult.error(ToolResult.ErrorKind.HANDLER_EXCEPTION,
                "The call to " + ((Step.ToolCall) step).call().name() + " failed on the worker: " + message);
        return record(step, step.codec(), cast(step, error));
    }

    private <T> Outcome<T> record(Step<T> step, StepCodec<T> codec, T value) {
        journal.add(codec, step.id(), value);
        return new Outcome<>(value, WorkflowUnsafe.isReplaying());
    }

    @SuppressWarnings("unchecked")
    private static <T> T cast(Step<T> step, Object value) {
        return (T) value;
    }

    @Override
    public <T> void record(StepCodec<T> codec, T fact) {
        journal.add(codec, "", fact);
    }

    @Override
    public Instant now(String stepId) {
        return Instant.ofEpochMilli(Workflow.currentTimeMillis());
    }

    @Override
    public void sleep(String stepId, Duration duration) {
        Workflow.sleep(duration);
    }

    @Override
    public String randomId(String stepId) {
        return Workflow.randomUUID().toString().replace("-", "");
    }

    /** Workflow time (the same on replay), in nanoseconds. */
    @Override
    public long nanoTime() {
        return Workflow.currentTimeMillis() * 1_000_000L;
    }

    /**
     * Draws seeded by the run's id: the same on replay (workflow threads run one at a time, in
     * order). Not from {@code Workflow.newRandom()}, which would take from the sequence Temporal
     * derives its command ids from and so break the replay of histories recorded before.
     */
    @Override
    public double random() {
        if (random == null) {
            random = new java.util.Random(java.util.UUID.nameUUIDFromBytes(
                    journal.runId().getBytes(java.nio.charset.StandardCharsets.UTF_8)).getMostSignificantBits());
        }
        return random.nextDouble();
    }

    @Override
    public List<JournalEntry> history() {
        return journal.entries();
    }

    /** Starts {@code call} on a new workflow thread, in a cancellation scope of its own. */
    @Override
    public <T> Future<T> fork(Callable<T> call) {
        CompletablePromise<T> result = Workflow.newPromise();
        CancellationScope scope = Workflow.newCancellationScope(() -> Async.procedure(() -> {
            try {
                result.complete(call.call());
            } catch (RuntimeException e) {
                result.completeExceptionally(e);
            } catch (Exception e) {
                result.completeExceptionally(new IllegalStateException(e));
            }
        }));
        scope.run();
        return new PromiseFuture<>(result, scope);
    }

    /** The time limit as a durable workflow timer. */
    @Override
    public Future<?> schedule(Duration delay, Runnable action) {
        CancellationScope scope = Workflow.newCancellationScope(
                () -> Workflow.newTimer(delay).thenApply(fired -> {
                    action.run();
                    return null;
                }));
        scope.run();
        return new PromiseFuture<>(Workflow.newPromise(), scope);
    }

    /** Cancels the steps in flight; a workflow thread is never interrupted. */
    @Override
    public void interrupt(Thread runner) {
        for (CancellationScope scope : new ArrayList<>(inFlight)) {
            scope.cancel("the run was cancelled or passed its time limit");
        }
    }
}
