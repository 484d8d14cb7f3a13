package org.openagention.core;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import org.openagention.core.journal.Step;
import org.openagention.core.journal.StepExecutor;
import org.openagention.core.message.Content;
import org.openagention.core.tool.ToolCall;
import org.openagention.core.tool.ToolContext;
import org.openagention.core.tool.ToolRegistry;
import org.openagention.core.tool.ToolResult;

/**
 * Runs the tool calls of one turn: consecutive read-only calls in parallel, mutating calls one at
 * a time in order, each through the step executor; results come back in call order. Also keeps
 * the loop guard (identical calls in a row).
 */
final class LoopTools {
    private final AgentLoop loop;
    private final ToolRegistry registry;
    private final StepExecutor steps;
    private final Events events;
    private final int maxRepeats;
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
        ToolContext context = new Context(turn);
        int i = 0;
        while (i < uses.size()) {
            int end = i + 1;
            if (registry.isReadOnly(uses.get(i).name())) {
                while (end < uses.size() && registry.isReadOnly(uses.get(end).name())) {
                    end++;
                }
            }
            if (end - i == 1) {
                outputs.add(runOne(turn, i, uses.get(i), context));
            } else {
                outputs.addAll(runParallel(turn, i, uses.subList(i, end), context));
            }
            i = end;
        }
        return new Batch(outputs, null);
    }

    private List<Content.ToolOutput> runParallel(int turn, int first, List<Content.ToolUse> uses, ToolContext context) {
        List<Future<Content.ToolOutput>> futures = new ArrayList<>(uses.size());
        for (int k = 0; k < uses.size(); k++) {
            int index = first + k;
            Content.ToolUse use = uses.get(k);
            Future<Content.ToolOutput> f = steps.fork(() -> runOne(turn, index, use, context));
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

    private Content.ToolOutput runOne(int turn, int index, Content.ToolUse use, ToolContext context) {
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
            outcome = steps.execute(new Step.ToolCall(stepId, loop.runId(), turn, call),
                    () -> registry.execute(call, context));
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new AgentException("tool step " + call.id() + " failed", e);
        }
        if (events.active()) {
            events.publish(new AgentEvent.ToolCallFinished(loop.runId(), clock.instant(), turn, call, outcome.value(),
                    Duration.ofNanos(System.nanoTime() - t0), outcome.replayed()));
        }
        return new Content.ToolOutput(use.id(), use.name(), outcome.value());
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

    private final class Context implements ToolContext {
        private final int turn;

        Context(int turn) {
            this.turn = turn;
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
