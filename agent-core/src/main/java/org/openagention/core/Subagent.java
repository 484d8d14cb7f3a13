// SPDX-License-Identifier: Apache-2.0
package org.openagention.core;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import org.openagention.core.internal.Json;
import org.openagention.core.internal.RunFacts;
import org.openagention.core.journal.StepExecutor;
import org.openagention.core.model.Usage;
import org.openagention.core.tool.Tool;
import org.openagention.core.tool.ToolCall;
import org.openagention.core.tool.ToolContext;
import org.openagention.core.tool.ToolResult;
import org.openagention.core.tool.ToolSpec;

/**
 * An {@link Agent} offered to another agent as a tool: a call runs the child agent on the prompt
 * the model gives, with its own transcript, tools and limits, and returns only its answer (its
 * final text, or the JSON of its validated output when it has an output type).
 *
 * <pre>{@code
 * Tool searcher = Subagent.builder(searchAgent)
 *         .name("search_code")
 *         .description("Finds where something is done in the codebase; give it a precise question")
 *         .readOnly(true)                                   // parallel with other read-only calls
 *         .limits(Limits.builder().maxTurns(10).build())
 *         .build();
 * Agent lead = Agent.builder().model(model).addTool(searcher).build();
 * }</pre>
 *
 * <p>Inside a run, the child's limits nest in the parent's: its token, cost and time budgets are
 * at most what the parent has left when the call starts, and what the child spends counts in the
 * parent's budget. A child that reaches a limit ends with its own {@link StopReason}; the parent
 * gets an error result saying so and goes on. The child's events reach the parent's listeners
 * between an {@link AgentEvent.SubagentStarted} and an {@link AgentEvent.SubagentFinished}, which
 * link the child's run id to the parent's run and call. Subagents running in parallel each get
 * what the parent had left when they started, so together they may pass it; the parent then
 * stops before its next turn with its own stop reason. Cancelling the parent cancels the child
 * (it ends {@link StopReason#CANCELLED}). Outside a loop (called on its own, or in a step a durable-execution worker
 * runs with {@link Agent#runStep}) the child runs with its own limits only, unjournaled.
 *
 * <p>A journaled parent journals the child as its own run in the same journal, with id
 * {@link #childRunId(String, int, String)}. Resuming the parent replays a finished child's result
 * from the parent's journal, and resumes a child that was cut off from the child's own journal,
 * so none of the child's finished calls run again; that is why a subagent is
 * {@linkplain Tool#idempotent() idempotent}.
 *
 * <p>Immutable and thread-safe.
 */
public final class Subagent implements Tool {
    private static final String SCHEMA = "{\"type\":\"object\",\"properties\":{\"prompt\":{\"type\":\"string\","
            + "\"description\":\"The task for the subagent, with everything it needs to know: it does not see this"
            + " conversation.\"}},\"required\":[\"prompt\"],\"additionalProperties\":false}";

    private final Agent agent;
    private final ToolSpec spec;
    private final boolean readOnly;
    private final Limits limits;
    private final OutputSpec<?> output;

    private Subagent(Builder b) {
        this.agent = b.agent;
        this.spec = new ToolSpec(b.name == null ? agent.name() : b.name,
                b.description == null ? "Delegates a task to the agent '" + agent.name() + "' and returns its answer"
                        : b.description, SCHEMA);
        this.readOnly = b.readOnly;
        this.limits = b.limits;
        this.output = b.output;
    }

    /** A builder for offering {@code agent} as a tool; the name defaults to the agent's. */
    public static Builder builder(Agent agent) {
        return new Builder(agent);
    }

    /**
     * The run id of the child started by call {@code callId} of turn {@code turn} of run
     * {@code parentRunId}: stable, so a resumed parent finds its child's journal.
     */
    public static String childRunId(String parentRunId, int turn, String callId) {
        String id = parentRunId + ".t" + turn + "." + callId.replaceAll("[^A-Za-z0-9_.-]", "_");
        if (id.length() > 128) {
            id = id.substring(0, 110) + "." + Integer.toHexString(id.hashCode());
        }
        return id;
    }

    /** The agent each call runs. */
    public Agent agent() {
        return agent;
    }

    @Override
    public ToolSpec spec() {
        return spec;
    }

    @Override
    public boolean readOnly() {
        return readOnly;
    }

    /** True: running a cut-off call again resumes the child from its journal. */
    @Override
    public boolean idempotent() {
        return true;
    }

    @Override
    public ToolResult call(ToolCall call, ToolContext context) throws Exception {
        JsonNode args = Json.parse(call.argumentsJson());
        String prompt = args.path("prompt").asText("");
        if (prompt.isBlank()) {
            return ToolResult.error(ToolResult.ErrorKind.INVALID_ARGUMENTS, "The prompt for " + spec.name()
                    + " is empty: say what the subagent should do.");
        }
        if (!(context instanceof LoopTools.Context parent)) {
            RunOptions options = limits == null ? RunOptions.defaults() : RunOptions.builder().limits(limits).build();
            return answer(run(agent.start(prompt, options)));
        }
        AgentLoop loop = parent.loop();
        RunBudget budget = loop.budget();
        String childId = childRunId(loop.runId(), parent.turn(), call.id());
        Limits nested;
        try {
            nested = nest(limits == null ? Limits.defaults() : limits, loop, budget);
        } catch (NoBudgetLeft e) {
            return ToolResult.error(ToolResult.ErrorKind.DENIED, "Not run: " + e.getMessage() + ".");
        }
        Events events = loop.events();
        Agent child = events.active() ? agent.toBuilder().addListener(events::publish).build() : agent;
        RunOptions options = loop.options().toBuilder().runId(childId).limits(nested).build();
        StepExecutor steps = options.steps().open(childId);
        boolean resuming = steps.journals() && !steps.history().isEmpty();
        if (events.active()) {
            events.publish(new AgentEvent.SubagentStarted(loop.runId(), loop.options().clock().instant(), parent.turn(),
                    call.id(), childId, agent.name()));
        }
        AgentLoop childLoop = resuming ? child.resumeLoop(childId, options) : child.start(prompt, options);
        Outcome outcome = run(childLoop, loop);
        budget.spendChild(outcome.result.usage(), outcome.result.costUsd());
        if (events.active()) {
            events.publish(new AgentEvent.SubagentFinished(loop.runId(), loop.options().clock().instant(),
                    parent.turn(), call.id(), childId, outcome.result));
        }
        return answer(outcome);
    }

    /** What a replayed call of this subagent spent, read from the child's journal: the parent's budget counts it again. */
    static Optional<RunFacts.Finished> replayedSpend(AgentLoop loop, int turn, String callId) {
        StepExecutor steps = loop.options().steps().open(childRunId(loop.runId(), turn, callId));
        return steps.journals() ? RunFacts.finished(steps.history()) : Optional.empty();
    }

    private record Outcome(RunResult result, String typedJson, String failure) {}

    private Outcome run(AgentLoop childLoop) {
        return run(childLoop, null);
    }

    /** Runs the child to its end; as a child of {@code parent} (cancelled with it) when there is one. */
    private Outcome run(AgentLoop childLoop, AgentLoop parent) {
        return parent == null ? drive(childLoop) : parent.asChild(childLoop, () -> drive(childLoop));
    }

    private Outcome drive(AgentLoop childLoop) {
        if (output != null) {
            try {
                TypedResult<?> typed = StructuredRun.run(childLoop, output);
                return new Outcome(typed.run(), Json.write(typed.value()), null);
            } catch (StructuredOutputException e) {
                return new Outcome(e.run(), null, e.getMessage());
            }
        }
        return new Outcome(childLoop.run(), null, null);
    }

    private ToolResult answer(Outcome outcome) {
        RunResult r = outcome.result;
        if (outcome.failure != null) {
            return ToolResult.error("The subagent " + spec.name() + " gave no valid answer: " + outcome.failure);
        }
        if (!r.isSuccess()) {
            return ToolResult.error("The subagent " + spec.name() + " stopped before it finished (" + r.stopReason()
                    + ": " + r.detail() + ")." + (r.finalText().isBlank() ? "" : " Its last words:\n" + r.finalText()));
        }
        return ToolResult.success(outcome.typedJson != null ? outcome.typedJson : r.finalText());
    }

    /** The child's limits, each at most what the parent has left. */
    private static Limits nest(Limits own, AgentLoop loop, RunBudget budget) {
        Limits parent = loop.options().limits();
        Limits.Builder b = own.toBuilder();
        if (parent.maxTokens() > 0) {
            long left = parent.maxTokens() - budget.usage().totalTokens();
            if (left <= 0) {
                throw new NoBudgetLeft("the run has no tokens left of its budget of " + parent.maxTokens());
            }
            b.maxTokens(own.maxTokens() > 0 ? Math.min(own.maxTokens(), left) : left);
        }
        if (parent.maxCostUsd() > 0) {
            double left = parent.maxCostUsd() - budget.cost();
            if (left <= 0) {
                throw new NoBudgetLeft(String.format("the run has spent its budget of $%.4f", parent.maxCostUsd()));
            }
            b.maxCostUsd(own.maxCostUsd() > 0 ? Math.min(own.maxCostUsd(), left) : left);
        }
        if (!parent.timeout().isZero() && loop.startedAt() != null) {
            Duration left = parent.timeout().minus(Duration.between(loop.startedAt(), Instant.now(loop.options().clock())));
            if (left.isNegative() || left.isZero()) {
                throw new NoBudgetLeft("the run passed its time limit of " + parent.timeout());
            }
            b.timeout(own.timeout().isZero() || own.timeout().compareTo(left) > 0 ? left : own.timeout());
        }
        return b.build();
    }

    private static final class NoBudgetLeft extends RuntimeException {
        NoBudgetLeft(String message) {
            super(message, null, false, false);
        }
    }

    /** Builds a {@link Subagent}. Not thread-safe. */
    public static final class Builder {
        private final Agent agent;
        private String name;
        private String description;
        private boolean readOnly;
        private Limits limits;
        private OutputSpec<?> output;

        private Builder(Agent agent) {
            this.agent = Objects.requireNonNull(agent, "agent");
        }

        /** The tool's name (1 to 64 letters, digits, '_' or '-'); defaults to the agent's name. */
        public Builder name(String name) {
            this.name = Objects.requireNonNull(name, "name");
            return this;
        }

        /** What the parent's model is told the subagent does and when to use it. */
        public Builder description(String description) {
            this.description = Objects.requireNonNull(description, "description");
            return this;
        }

        /**
         * Whether the child only reads (its tools change nothing): read-only subagent calls of one
         * turn run in parallel, like read-only tools. Off by default.
         */
        public Builder readOnly(boolean readOnly) {
            this.readOnly = readOnly;
            return this;
        }

        /** The child's own limits (nested in the parent's budget); the defaults when not set. */
        public Builder limits(Limits limits) {
            this.limits = Objects.requireNonNull(limits, "limits");
            return this;
        }

        /** Asks the child for a validated {@code type}; the tool returns its JSON. */
        public Builder output(Class<?> type) {
            return output(OutputSpec.of(type));
        }

        /** Asks the child for output validated by {@code spec}; the tool returns its JSON. */
        public Builder output(OutputSpec<?> spec) {
            this.output = Objects.requireNonNull(spec, "spec");
            return this;
        }

        /** @throws IllegalArgumentException when the name is not a valid tool name */
        public Subagent build() {
            return new Subagent(this);
        }
    }
}
