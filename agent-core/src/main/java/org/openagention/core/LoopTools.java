// SPDX-License-Identifier: Apache-2.0
package org.openagention.core;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import org.openagention.core.internal.Codecs;
import org.openagention.core.internal.RunFacts;
import org.openagention.core.internal.ToolStartHook;
import org.openagention.core.journal.JournalEntry;
import org.openagention.core.journal.Step;
import org.openagention.core.journal.StepExecutor;
import org.openagention.core.message.Content;
import org.openagention.core.tool.Tool;
import org.openagention.core.tool.ToolCall;
import org.openagention.core.tool.ToolContext;
import org.openagention.core.tool.ToolRegistry;
import org.openagention.core.tool.ToolResult;

/**
 * Runs the tool calls of one turn: consecutive read-only calls in parallel, mutating calls one at
 * a time in order, each through the step executor; results come back in call order. Also keeps
 * the loop guard (identical calls in a row).
 *
 * <p>Exactly-once for journaled results, at most once for the rest: a mutating call journals its
 * intent ({@code tool.started}) right before its tool runs. On resume, a call whose result is
 * journaled is replayed; a call whose intent is journaled but whose result is not was cut off while
 * it ran, and is run again only if its tool is idempotent. Otherwise its result is "outcome
 * unknown" (with the tool's description of the state now), journaled like any result.
 */
final class LoopTools {
    private final AgentLoop loop;
    private final ToolRegistry registry;
    private final StepExecutor steps;
    private final Events events;
    private final int maxRepeats;
    /** The intents of the calls this run started before it was resumed and never journaled a result for, by step id. */
    private final Map<String, RunFacts.ToolStarted> cutOff;
    private final Set<Future<?>> inFlight = ConcurrentHashMap.newKeySet();
    private String lastName = "";
    private String lastArguments = "";
    private int repeats;

    /** The outputs of one turn's calls, and why the loop guard tripped (null when it did not). */
    record Batch(List<Content.ToolOutput> outputs, String loopDetected) {}

    LoopTools(AgentLoop loop, ToolRegistry registry, StepExecutor steps, Events events, int maxRepeats) {
        this.loop = loop;
        this.registry = registry;
        this.steps = steps;
        this.events = events;
        this.maxRepeats = maxRepeats;
        this.cutOff = cutOff(steps.history());
    }

    private static Map<String, RunFacts.ToolStarted> cutOff(List<JournalEntry> history) {
        Map<String, RunFacts.ToolStarted> started = new HashMap<>();
        Set<String> finished = new HashSet<>();
        for (JournalEntry e : history) {
            if (e.type().equals(RunFacts.TOOL_STARTED.type())) {
                RunFacts.ToolStarted intent = RunFacts.TOOL_STARTED.decode(e.payloadJson());
                started.put(intent.stepId(), intent);
            } else if (!e.stepId().isEmpty()) {
                finished.add(e.stepId());
            }
        }
        started.keySet().removeAll(finished);
        return started;
    }

    Batch run(int turn, List<Content.ToolUse> uses) {
        String tripped = loopGuard(uses);
        List<Content.ToolOutput> outputs = new ArrayList<>(uses.size());
        if (tripped != null) {
            for (Content.ToolUse use : uses) {
                outputs.add(new Content.ToolOutput(use.id(), use.name(), ToolResult.error(ToolResult.ErrorKind.DENIED,
                        "Not run: " + tripped + ". The run stopped.")));
            }
            return new Batch(outputs, tripped);
        }
        int i = 0;
        while (i < uses.size()) {
            int end = i + 1;
            if (registry.isReadOnly(uses.get(i).name())) {
                while (end < uses.size() && registry.isReadOnly(uses.get(end).name())) {
                    end++;
                }
            }
            if (end - i == 1) {
                outputs.add(runOne(turn, i, uses.get(i)));
            } else {
                outputs.addAll(runParallel(turn, i, uses.subList(i, end)));
            }
            i = end;
        }
        return new Batch(outputs, null);
    }

    private List<Content.ToolOutput> runParallel(int turn, int first, List<Content.ToolUse> uses) {
        List<Future<Content.ToolOutput>> futures = new ArrayList<>(uses.size());
        for (int k = 0; k < uses.size(); k++) {
            int index = first + k;
            Content.ToolUse use = uses.get(k);
            Future<Content.ToolOutput> f = steps.fork(() -> runOne(turn, index, use));
            inFlight.add(f);
            futures.add(f);
        }
        List<Content.ToolOutput> outputs = new ArrayList<>(uses.size());
        for (int k = 0; k < futures.size(); k++) {
            Content.ToolUse use = uses.get(k);
            Future<Content.ToolOutput> f = futures.get(k);
            try {
                outputs.add(f.get());
            } catch (ExecutionException e) {
                if (e.getCause() instanceof RuntimeException re) {
                    throw re; // the journal failed: nothing may be lost, so the run cannot go on
                }
                throw new AgentException("tool call " + use.id() + " failed outside its tool", e.getCause());
            } catch (InterruptedException | java.util.concurrent.CancellationException e) {
                outputs.add(new Content.ToolOutput(use.id(), use.name(),
                        ToolResult.error(ToolResult.ErrorKind.CANCELLED, "The call was cancelled before it finished.")));
            } finally {
                inFlight.remove(f);
            }
        }
        return outputs;
    }

    private Content.ToolOutput runOne(int turn, int index, Content.ToolUse use) {
        ToolCall call = use.toCall();
        if (loop.isCancelled()) {
            return new Content.ToolOutput(use.id(), use.name(),
                    ToolResult.error(ToolResult.ErrorKind.CANCELLED, "Not run: the run was cancelled."));
        }
        var clock = loop.options().clock();
        if (events.active()) {
            events.publish(new AgentEvent.ToolCallStarted(loop.runId(), clock.instant(), turn, call));
        }
        long t0 = System.nanoTime();
        StepExecutor.Outcome<ToolResult> outcome;
        try {
            String stepId = steps.journals() ? "turn-" + turn + "/tool/" + index + "-" + call.id() : "";
            RunFacts.ToolStarted intent = cutOff.get(stepId);
            if (intent != null && !registry.isIdempotent(call.name())) {
                outcome = steps.execute(stepId, Codecs.TOOL_RESULT, () -> outcomeUnknown(intent));
            } else {
                ToolContext context = new Context(turn, stepId);
                outcome = steps.execute(new Step.ToolCall(stepId, loop.runId(), turn, call), () -> registry.execute(call, context));
            }
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new AgentException("tool step " + call.id() + " failed", e);
        }
        if (outcome.replayed()) {
            Tool tool = registry.find(call.name()).orElse(null);
            if (tool instanceof Subagent) {
                // The child's spend is in its own journal, not in the replayed result: count it again.
                Subagent.replayedSpend(loop, turn, call.id()).ifPresent(f -> loop.budget().spendChild(f.usage(), f.costUsd()));
            }
            if (tool != null) {
                try {
                    tool.replayed(call, outcome.value());
                } catch (RuntimeException ignored) {
                    // A tool's own state; the run goes on with the journaled result either way.
                }
            }
        }
        if (events.active()) {
            events.publish(new AgentEvent.ToolCallFinished(loop.runId(), clock.instant(), turn, call, outcome.value(),
                    Duration.ofNanos(System.nanoTime() - t0), outcome.replayed()));
        }
        return new Content.ToolOutput(use.id(), use.name(), outcome.value());
    }

    /** The result of a call that was cut off while it ran, and is not run again. */
    private ToolResult outcomeUnknown(RunFacts.ToolStarted intent) {
        StringBuilder text = new StringBuilder("Not run again: this call to ").append(intent.tool())
                .append(" had started when the run was interrupted (killed or crashed), and its result was never recorded,"
                        + " so it may or may not have taken effect. Check the current state before repeating it.");
        ToolCall asRun = new ToolCall(intent.callId(), intent.tool(), intent.argumentsJson());
        Optional<Tool> tool = registry.find(intent.tool());
        if (tool.isPresent()) {
            try {
                tool.get().currentState(asRun).filter(state -> !state.isBlank())
                        .ifPresent(state -> text.append("\nThe state now:\n").append(state.strip()));
            } catch (Exception | LinkageError | AssertionError e) {
                text.append("\nThe state now could not be described: ").append(e.getClass().getSimpleName())
                        .append(e.getMessage() == null ? "" : ": " + e.getMessage());
            }
        }
        return ToolResult.error(ToolResult.ErrorKind.OUTCOME_UNKNOWN, text.toString());
    }

    /** A description of the repetition when this turn would exceed the limit, else null. */
    private String loopGuard(List<Content.ToolUse> uses) {
        for (Content.ToolUse use : uses) {
            String arguments = use.argumentsJson().strip();
            if (use.name().equals(lastName) && arguments.equals(lastArguments)) {
                repeats++;
            } else {
                lastName = use.name();
                lastArguments = arguments;
                repeats = 1;
            }
            if (repeats >= maxRepeats) {
                return "the call " + use.name() + " " + use.argumentsJson().strip() + " was made " + repeats
                        + " times in a row (loop guard)";
            }
        }
        return null;
    }

    void cancelInFlight() {
        for (Future<?> f : inFlight) {
            f.cancel(true);
        }
    }

    /** The context of one call; it journals the call's intent when its tool is about to run and mutates. */
    final class Context implements ToolContext, ToolStartHook {
        private final int turn;
        private final String stepId;

        Context(int turn, String stepId) {
            this.turn = turn;
            this.stepId = stepId;
        }

        @Override
        public void starting(Tool tool, ToolCall call) {
            if (!stepId.isEmpty() && !tool.readOnly()) {
                steps.record(RunFacts.TOOL_STARTED, new RunFacts.ToolStarted(stepId, call.id(), call.name(),
                        call.argumentsJson()));
            }
        }

        AgentLoop loop() {
            return loop;
        }

        @Override
        public String runId() {
            return loop.runId();
        }

        @Override
        public int turn() {
            return turn;
        }

        @Override
        public boolean isCancelled() {
            return loop.isCancelled();
        }

        @Override
        public void publish(AgentEvent event) {
            events.publish(event);
        }
    }
}
