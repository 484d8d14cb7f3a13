// SPDX-License-Identifier: Apache-2.0
package org.openagention.core;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Future;
import org.openagention.core.internal.RunFacts;
import org.openagention.core.journal.JournalException;
import org.openagention.core.journal.Step;
import org.openagention.core.journal.StepExecutor;
import org.openagention.core.message.AssistantMessage;
import org.openagention.core.message.Content;
import org.openagention.core.message.Message;
import org.openagention.core.message.ToolResultMessage;
import org.openagention.core.message.UserMessage;
import org.openagention.core.model.ContextWindowExceededException;
import org.openagention.core.model.FinishReason;
import org.openagention.core.model.ModelException;
import org.openagention.core.model.ModelRequest;
import org.openagention.core.model.ModelResponse;
import org.openagention.core.model.OutputSchema;
import org.openagention.core.model.Usage;

/**
 * One run of an {@link Agent}, stepped turn by turn.
 *
 * <p>Each {@link #step()} is one turn: check the limits, build the request from the transcript,
 * call the model through the interceptors, append its answer, run the tools it asked for, append
 * their results. The transcript only grows. A run ends with a {@link RunResult} whose
 * {@link StopReason} says why; limits and provider failures end it, they never throw.
 *
 * <pre>{@code
 * AgentLoop loop = agent.start("Fix the failing test", options);
 * store(loop.runId());             // known before any step: a crash from here on can be resumed
 * while (loop.step()) {
 *     System.out.println("turn " + loop.turns() + ": " + loop.usage());
 * }
 * RunResult result = loop.result().orElseThrow();
 * }</pre>
 *
 * <p>Every side effect goes through the run's {@link StepExecutor}: model calls, tool calls, and
 * the clock reads that decide (the run's start, each turn's time limit check), so a resumed run
 * replays its finished steps and takes the same decisions. The run's own journal facts
 * ({@code run.started}, {@code run.finished}) are recorded through typed codecs.
 *
 * <p>One thread drives a loop; {@link #cancel()} may be called from any other thread.
 */
public final class AgentLoop {
    /** The agent in charge: the one started, or the last one a {@link Handoff} passed the run to. */
    private Agent agent;
    private final RunOptions options;
    private final Limits limits;
    private final String runId;
    private final String input;
    private final boolean resumed;
    private final StepExecutor steps;
    private final Events events;
    private LoopTools tools;
    private final List<Message> transcript = new ArrayList<>();
    private OutputSchema outputSchema;
    /** Every setting of this run's requests but the transcript; rebuilt when the output schema changes. */
    private ModelRequest template;
    private final RunBudget budget;

    private int turn;
    private int consecutiveErrors;
    private Instant startedAt;
    private long startNanos;
    private RunResult result;
    private volatile boolean cancelled;
    private volatile boolean timedOut;
    private volatile Thread runner;
    private Future<?> watchdog;
    /** The loops of this run's subagents running now: cancelling the run cancels them. */
    private final java.util.Set<AgentLoop> children = java.util.concurrent.ConcurrentHashMap.newKeySet();

    AgentLoop(Agent agent, RunOptions options, StepExecutor steps, String runId, String input, boolean resumed) {
        this.agent = agent;
        this.options = options;
        this.limits = options.limits();
        this.runId = runId;
        this.input = input;
        this.resumed = resumed;
        this.steps = steps;
        this.events = new Events(agent.listeners());
        this.tools = new LoopTools(this, agent.registry(), steps, events, limits.maxRepeatedCalls());
        this.budget = new RunBudget(agent, options);
        this.transcript.add(new UserMessage(List.of(new Content.Text(input))));
    }

    /**
     * Runs one turn. Returns whether the run goes on; once it returns false, {@link #result()} holds
     * the outcome.
     */
    public boolean step() {
        if (result != null) {
            return false;
        }
        runner = Thread.currentThread();
        try {
            if (startedAt == null) {
                begin();
            }
            turn();
        } finally {
            runner = null;
            if (timedOut || cancelled) {
                Thread.interrupted(); // our own interrupt must not leak to the caller
            }
        }
        return result == null;
    }

    /** Runs turns until the run ends, and returns how it ended. */
    public RunResult run() {
        while (step()) {
            // each step is one turn
        }
        return result;
    }

    /** Cancels the run: a call in progress is interrupted, and the run ends with {@link StopReason#CANCELLED}. */
    public void cancel() {
        cancelled = true;
        children.forEach(AgentLoop::cancel);
        interruptWork();
    }

    /** Runs {@code body}, which drives a subagent's loop, with that loop as a child of this run: cancelling this run cancels it. */
    <T> T asChild(AgentLoop child, java.util.function.Supplier<T> body) {
        children.add(child);
        try {
            if (cancelled) {
                child.cancel();
            }
            return body.get();
        } finally {
            children.remove(child);
        }
    }

    private void begin() {
        if (!resumed && steps.journals()) {
            // First: a journal that holds anything holds the run's start, so a run killed after any append resumes.
            steps.record(RunFacts.STARTED, new RunFacts.Started(agent.name(), input, agent.modelId().orElse("")));
        }
        startedAt = steps.now("run/start"); // a resumed run keeps its first start: the time limit counts from it
        startNanos = System.nanoTime();
        if (events.active()) {
            events.publish(new AgentEvent.RunStarted(runId, startedAt, agent.name(), input, resumed));
        }
        Duration timeout = limits.timeout();
        if (!timeout.isZero()) {
            Duration left = timeout.minus(Duration.between(startedAt, options.clock().instant()));
            if (left.isNegative() || left.isZero()) {
                return; // already past it: the first turn's check stops the run
            }
            watchdog = steps.schedule(left, () -> {
                timedOut = true;
                interruptWork();
            });
        }
    }

    private void interruptWork() {
        Thread t = runner;
        if (t != null) {
            steps.interrupt(t);
        }
        tools.cancelInFlight();
    }

    private void turn() {
        // The time limit reads the time through the seam (a replay must decide as the live run did);
        // an event's time is an observation and is never replayed, so it reads the clock.
        Instant now = !limits.timeout().isZero() ? steps.now(steps.journals() ? "turn-" + (turn + 1) + "/now" : "")
                : events.active() ? options.clock().instant() : null;
        if (checkLimits(now)) {
            return;
        }
        ModelRequest request = buildRequest();
        RunBudget.Stop stop = budget.beforeCall(request);
        if (stop != null) {
            finish(stop.reason(), stop.detail());
            return;
        }
        turn++;
        if (events.active()) {
            events.publish(new AgentEvent.TurnStarted(runId, now, turn));
        }
        long t0 = System.nanoTime();
        StepExecutor.Outcome<ModelResponse> outcome;
        try {
            Step.ModelCall step = new Step.ModelCall(steps.journals() ? "turn-" + turn + "/model" : "", runId, turn,
                    request, options.streaming());
            outcome = steps.execute(step, () -> new ModelChain(this, turn, request).proceed(request));
        } catch (Exception e) {
            modelFailed(e);
            return;
        }
        ModelResponse response = outcome.value();
        budget.spend(response);
        AssistantMessage answer = response.toMessage();
        transcript.add(answer);
        if (events.active()) {
            events.publish(new AgentEvent.ModelResponded(runId, options.clock().instant(), turn, response,
                    Duration.ofNanos(System.nanoTime() - t0), outcome.replayed()));
        }
        if (!response.hasToolCalls()) {
            if (response.finishReason() == FinishReason.MAX_TOKENS) {
                finish(StopReason.OUTPUT_LIMIT, "the answer was cut off by the output token limit");
            } else if (response.finishReason() != FinishReason.PAUSE) {
                finish(StopReason.COMPLETED, "");
            }
            return;
        }
        LoopTools.Batch batch = tools.run(turn, answer.toolUses());
        transcript.add(new ToolResultMessage(batch.outputs()));
        handOff(batch.outputs());
        for (Content.ToolOutput output : batch.outputs()) {
            consecutiveErrors = output.result().isError() ? consecutiveErrors + 1 : 0;
        }
        if (batch.loopDetected() != null) {
            finish(StopReason.LOOP_DETECTED, batch.loopDetected());
        } else if (timedOut) {
            finish(StopReason.TIMEOUT, "the run passed its time limit of " + limits.timeout());
        } else if (cancelled) {
            finish(StopReason.CANCELLED, "the run was cancelled");
        } else if (consecutiveErrors >= limits.maxConsecutiveToolErrors()) {
            finish(StopReason.TOOL_ERRORS, consecutiveErrors + " tool calls in a row failed");
        }
    }

    /**
     * Passes the run to the target of the first successful handoff call of the turn, if any. Decided
     * from the (journaled) results, so a resumed run hands off at the same point.
     */
    private void handOff(List<Content.ToolOutput> outputs) {
        for (Content.ToolOutput output : outputs) {
            if (!output.result().isError()
                    && agent.registry().find(output.toolName()).orElse(null) instanceof Handoff handoff) {
                List<Message> kept = handoff.filter(transcript);
                String from = agent.name();
                agent = handoff.target();
                tools = new LoopTools(this, agent.registry(), steps, events, limits.maxRepeatedCalls());
                template = null;
                transcript.clear();
                transcript.addAll(kept);
                if (events.active()) {
                    events.publish(new AgentEvent.HandedOff(runId, options.clock().instant(), turn, from, agent.name()));
                }
                return;
            }
        }
    }

    /** Ends the run when a limit is reached before the next turn; {@code now} is null when no check needs it. */
    private boolean checkLimits(Instant now) {
        if (cancelled) {
            return finish(StopReason.CANCELLED, "the run was cancelled");
        }
        if (timedOut || (!limits.timeout().isZero()
                && Duration.between(startedAt, now).compareTo(limits.timeout()) >= 0)) {
            return finish(StopReason.TIMEOUT, "the run passed its time limit of " + limits.timeout());
        }
        RunBudget.Stop stop = budget.beforeTurn(turn);
        return stop != null && finish(stop.reason(), stop.detail());
    }

    private ModelRequest buildRequest() {
        if (template == null) {
            template = buildTemplate();
        }
        return template.withMessages(transcript);
    }

    private ModelRequest buildTemplate() {
        String system = agent.instructions();
        ModelRequest.Builder b = ModelRequest.builder().tools(agent.registry().specs())
                .maxOutputTokens(agent.maxOutputTokens()).putMetadata("run_id", runId);
        agent.modelId().ifPresent(b::model);
        if (outputSchema != null) {
            b.outputSchema(outputSchema);
            system = (system.isEmpty() ? "" : system + "\n\n")
                    + "When you give your final answer, reply with a single JSON object and nothing else. "
                    + "It must match this JSON Schema:\n" + outputSchema.schemaJson();
        }
        return b.system(system).build();
    }

    private void modelFailed(Exception e) {
        if (timedOut) {
            finish(StopReason.TIMEOUT, "the run passed its time limit of " + limits.timeout());
        } else if (cancelled) {
            finish(StopReason.CANCELLED, "the run was cancelled");
        } else {
            if (e instanceof JournalException je) {
                throw je;
            }
            String what = e instanceof ModelException ? e.getMessage() : e.getClass().getSimpleName() + ": " + e.getMessage();
            if (events.active()) {
                events.publish(new AgentEvent.ErrorOccurred(runId, options.clock().instant(), "model call failed: " + what, e));
            }
            if (e instanceof ContextWindowExceededException) {
                finish(StopReason.CONTEXT_WINDOW, what);
            } else {
                finish(StopReason.MODEL_ERROR, "the model call failed: " + what);
            }
        }
    }

    private boolean finish(StopReason reason, String detail) {
        if (watchdog != null) {
            watchdog.cancel(false);
        }
        String finalText = "";
        for (int i = transcript.size() - 1; i >= 0; i--) {
            if (transcript.get(i) instanceof AssistantMessage a) {
                finalText = a.text();
                break;
            }
        }
        Instant now = options.clock().instant();
        Usage usage = budget.usage();
        double cost = budget.cost();
        result = new RunResult(runId, finalText, reason, detail, transcript, turn, usage, cost,
                Duration.ofNanos(System.nanoTime() - startNanos), agent.name());
        if (steps.journals()) {
            steps.record(RunFacts.FINISHED, new RunFacts.Finished(reason, detail, turn, cost, usage));
        }
        if (events.active()) {
            if (reason != StopReason.COMPLETED) {
                events.publish(new AgentEvent.LimitReached(runId, now, reason, detail));
            }
            events.publish(new AgentEvent.RunFinished(runId, now, result));
        }
        return true;
    }

    /** Reopens a finished run with a follow-up from the user (used to re-ask for valid output). */
    void continueWith(String userText) {
        if (result == null) {
            throw new IllegalStateException("the run has not finished");
        }
        transcript.add(Message.user(userText));
        result = null;
    }

    void outputSchema(OutputSchema schema) {
        this.outputSchema = schema;
        this.template = null;
    }

    boolean isCancelled() {
        return cancelled || timedOut;
    }

    Agent agent() {
        return agent;
    }

    RunOptions options() {
        return options;
    }

    Events events() {
        return events;
    }

    RunBudget budget() {
        return budget;
    }

    /** When the run first started; null before its first step. */
    Instant startedAt() {
        return startedAt;
    }

    /** How the run ended, once it has. */
    public Optional<RunResult> result() {
        return Optional.ofNullable(result);
    }

    public boolean isDone() {
        return result != null;
    }

    /** The run's id, known from the start: the key of its journal, for {@link Agent#resume}. */
    public String runId() {
        return runId;
    }

    /** A copy of the transcript so far. */
    public List<Message> transcript() {
        return List.copyOf(transcript);
    }

    /** The number of turns run so far. */
    public int turns() {
        return turn;
    }

    public Usage usage() {
        return budget.usage();
    }

    public double costUsd() {
        return budget.cost();
    }
}
