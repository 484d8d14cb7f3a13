// SPDX-License-Identifier: Apache-2.0
package org.openagention.core;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import org.openagention.core.internal.RunFacts;
import org.openagention.core.journal.JournalException;
import org.openagention.core.journal.Step;
import org.openagention.core.journal.StepExecutor;
import org.openagention.core.model.Model;
import org.openagention.core.model.ModelException;
import org.openagention.core.tool.Tool;
import org.openagention.core.tool.ToolContext;
import org.openagention.core.tool.ToolInterceptor;
import org.openagention.core.tool.ToolRegistry;

/**
 * What an agent is: a model, instructions, tools and the interceptors and listeners around them.
 * How a run executes (its id, journal, limits, clock, prices, streaming) is given per run in
 * {@link RunOptions}. Immutable and thread-safe: one agent serves many runs at once, and its tool
 * registry (with the tools' schema validators) is built once.
 *
 * <pre>{@code
 * Agent agent = Agent.builder()
 *         .name("helper")
 *         .model(model)
 *         .instructions("You answer questions about the repository.")
 *         .addTool(readFile)
 *         .build();
 * RunResult result = agent.run("What does the README say?",
 *         RunOptions.builder().limits(Limits.builder().maxTurns(20).build()).build());
 * }</pre>
 *
 * <p>{@link #run(String, RunOptions)} drives a run to its end; {@link #start(String, RunOptions)}
 * returns an {@link AgentLoop} to step through turn by turn (its {@link AgentLoop#runId()} is known
 * before any step); {@link #run(String, Class, RunOptions)} asks for a typed, validated answer;
 * {@link #resume(String, RunOptions)} finishes a run from its journal after a crash.
 *
 * <p>To resume a run that may crash before {@code run()} returns, the caller needs its id first:
 * make one with {@link RunOptions#newRunId()} and pass it in {@link RunOptions.Builder#runId}, or
 * {@link #start} the loop and read {@link AgentLoop#runId()} before stepping it.
 */
public final class Agent {
    private final String name;
    private final Model model;
    private final String modelId;
    private final String instructions;
    private final List<Tool> tools;
    private final ToolRegistry registry;
    private final List<ModelInterceptor> modelInterceptors;
    private final List<ToolInterceptor> toolInterceptors;
    private final List<AgentListener> listeners;
    private final int maxOutputTokens;

    private Agent(Builder b) {
        if (b.model == null) {
            throw new ConfigurationException("an agent needs a model: call Agent.builder().model(...)");
        }
        this.name = b.name;
        this.model = b.model;
        this.modelId = b.modelId;
        this.instructions = b.instructions;
        this.tools = List.copyOf(b.tools);
        this.modelInterceptors = List.copyOf(b.modelInterceptors);
        this.toolInterceptors = List.copyOf(b.toolInterceptors);
        this.registry = ToolRegistry.of(tools).withInterceptors(toolInterceptors);
        this.listeners = List.copyOf(b.listeners);
        this.maxOutputTokens = b.maxOutputTokens;
    }

    public static Builder builder() {
        return new Builder();
    }

    public Builder toBuilder() {
        Builder b = new Builder();
        b.name = name;
        b.model = model;
        b.modelId = modelId;
        b.instructions = instructions;
        b.tools.addAll(tools);
        b.modelInterceptors.addAll(modelInterceptors);
        b.toolInterceptors.addAll(toolInterceptors);
        b.listeners.addAll(listeners);
        b.maxOutputTokens = maxOutputTokens;
        return b;
    }

    /** Runs the agent on {@code input} with default options. Never throws for limits. */
    public RunResult run(String input) {
        return run(input, RunOptions.defaults());
    }

    /** Runs the agent on {@code input} until it answers or a limit stops it. Never throws for limits. */
    public RunResult run(String input, RunOptions options) {
        return start(input, options).run();
    }

    /**
     * Runs the agent and returns its answer as a validated {@code type}, with the run: the model is
     * asked for JSON matching the type's schema and re-asked with the exact errors (3 attempts).
     *
     * @throws StructuredOutputException when no attempt produced a valid answer
     */
    public <T> TypedResult<T> run(String input, Class<T> type) {
        return run(input, OutputSpec.of(type), RunOptions.defaults());
    }

    /** Like {@link #run(String, Class)}, with these run options. */
    public <T> TypedResult<T> run(String input, Class<T> type, RunOptions options) {
        return run(input, OutputSpec.of(type), options);
    }

    /** Like {@link #run(String, Class)}, with validators and an attempt count of your choosing. */
    public <T> TypedResult<T> run(String input, OutputSpec<T> spec) {
        return run(input, spec, RunOptions.defaults());
    }

    /** Like {@link #run(String, OutputSpec)}, with these run options. */
    public <T> TypedResult<T> run(String input, OutputSpec<T> spec, RunOptions options) {
        Objects.requireNonNull(spec, "spec");
        return StructuredRun.run(start(input, options), spec);
    }

    /**
     * This agent as a tool another agent can call: each call runs this agent on the prompt the
     * caller's model gives and returns its final answer. See {@link Subagent} for limits, parallel
     * read-only subagents, typed output and journaling; use {@link Subagent#builder} for those.
     *
     * @throws IllegalArgumentException when {@code name} is not a valid tool name
     */
    public Subagent asTool(String name, String description) {
        return Subagent.builder(this).name(name).description(description).build();
    }

    /** Starts a run with default options and returns its loop without running any turn. */
    public AgentLoop start(String input) {
        return start(input, RunOptions.defaults());
    }

    /**
     * Starts a run and returns its loop without running any turn. The run's id is the options' or a
     * fresh one, and is known at once ({@link AgentLoop#runId()}).
     *
     * @throws ConfigurationException when the options name a run whose journal already has entries
     *     (resume it instead)
     */
    public AgentLoop start(String input, RunOptions options) {
        Objects.requireNonNull(input, "input");
        Objects.requireNonNull(options, "options");
        String runId = options.runId().orElseGet(RunOptions::newRunId);
        StepExecutor steps = options.steps().open(runId);
        if (!steps.history().isEmpty()) {
            throw new ConfigurationException("run '" + runId + "' already has a journal; resume it with "
                    + "agent.resume(runId, options), or start a new run with another id");
        }
        return new AgentLoop(this, options, steps, runId, input, false);
    }

    /**
     * Finishes a run from its journal: completed model calls, tool calls and clock reads are
     * replayed from the journal, not executed again, and the run continues live from where it
     * stopped. Use the journal (or step executor) the run was started with.
     *
     * @throws ConfigurationException when the options have neither a journal nor a step executor,
     *     or name another run
     * @throws JournalException when the journal holds no such run
     */
    public RunResult resume(String runId, RunOptions options) {
        return resumeLoop(runId, options).run();
    }

    /** The loop of a resumed run, not yet stepped; see {@link #resume(String, RunOptions)}. */
    public AgentLoop resumeLoop(String runId, RunOptions options) {
        Objects.requireNonNull(runId, "runId");
        Objects.requireNonNull(options, "options");
        if (!options.canResume()) {
            throw new ConfigurationException("resume needs the run's journal: pass RunOptions with a journal "
                    + "(RunOptions.builder().journal(...)) or a step executor");
        }
        if (options.runId().isPresent() && !options.runId().get().equals(runId)) {
            throw new ConfigurationException("resume of run '" + runId + "' was given options for run '"
                    + options.runId().get() + "'");
        }
        StepExecutor steps = options.steps().open(runId);
        String input = RunFacts.started(steps.history()).map(RunFacts.Started::input)
                .orElseThrow(() -> new JournalException("the journal holds no run '" + runId + "' (or not its start)"));
        return new AgentLoop(this, options, steps, runId, input, true);
    }

    /**
     * Runs one model or tool step of a run of this agent outside the run's loop: what a
     * durable-execution engine's worker does when the loop runs elsewhere and sends it the step
     * ({@link Step#fromJson}). The model step goes through the model interceptors and the model
     * (streaming when the step says so); the tool step through argument validation, the tool
     * interceptors and the tool. This agent's listeners hear the step's events.
     *
     * @param cancelled polled by long-running tools ({@link ToolContext#isCancelled()})
     * @return the step's result: a {@code ModelResponse} or a {@code ToolResult}
     * @throws ModelException when the model call failed (the caller may retry the step)
     */
    public <T> T runStep(Step<T> step, BooleanSupplier cancelled) throws Exception {
        Objects.requireNonNull(step, "step");
        Objects.requireNonNull(cancelled, "cancelled");
        Events events = new Events(listeners);
        Object result;
        if (step instanceof Step.ModelCall m) {
            result = new ModelChain(this, events, Clock.systemUTC(), m.streaming(), m.runId(), m.turn(), m.request())
                    .proceed(m.request());
        } else {
            Step.ToolCall t = (Step.ToolCall) step;
            result = registry.execute(t.call(), new StepToolContext(t.runId(), t.turn(), cancelled, events));
        }
        @SuppressWarnings("unchecked")
        T typed = (T) result;
        return typed;
    }

    /** The context of a tool step run outside its loop. */
    private record StepToolContext(String runId, int turn, BooleanSupplier cancelled, Events events)
            implements ToolContext {
        @Override
        public boolean isCancelled() {
            return cancelled.getAsBoolean();
        }

        @Override
        public void publish(AgentEvent event) {
            if (events.active()) {
                events.publish(event);
            }
        }
    }

    public String name() {
        return name;
    }

    public Model model() {
        return model;
    }

    /** The model id put on requests; empty for the model's own default. */
    public Optional<String> modelId() {
        return Optional.ofNullable(modelId);
    }

    public String instructions() {
        return instructions;
    }

    public List<Tool> tools() {
        return tools;
    }

    /** The output token cap per model call; 0 for the model's default. */
    public int maxOutputTokens() {
        return maxOutputTokens;
    }

    ToolRegistry registry() {
        return registry;
    }

    List<ModelInterceptor> modelInterceptors() {
        return modelInterceptors;
    }

    List<AgentListener> listeners() {
        return listeners;
    }

    /** Builds an {@link Agent}. Only the model is required. Not thread-safe. */
    public static final class Builder {
        private String name = "agent";
        private Model model;
        private String modelId;
        private String instructions = "";
        private final List<Tool> tools = new ArrayList<>();
        private final List<ModelInterceptor> modelInterceptors = new ArrayList<>();
        private final List<ToolInterceptor> toolInterceptors = new ArrayList<>();
        private final List<AgentListener> listeners = new ArrayList<>();
        private int maxOutputTokens;

        private Builder() {}

        public Builder name(String name) {
            this.name = Objects.requireNonNull(name, "name");
            return this;
        }

        public Builder model(Model model) {
            this.model = Objects.requireNonNull(model, "model");
            return this;
        }

        /** The model id to request, for providers that serve several (such as {@code gpt-4o-mini}). */
        public Builder modelId(String modelId) {
            this.modelId = Objects.requireNonNull(modelId, "modelId");
            return this;
        }

        public Builder instructions(String instructions) {
            this.instructions = Objects.requireNonNull(instructions, "instructions");
            return this;
        }

        public Builder addTool(Tool tool) {
            this.tools.add(Objects.requireNonNull(tool, "tool"));
            return this;
        }

        public Builder tools(List<? extends Tool> tools) {
            this.tools.clear();
            tools.forEach(this::addTool);
            return this;
        }

        public Builder addModelInterceptor(ModelInterceptor interceptor) {
            this.modelInterceptors.add(Objects.requireNonNull(interceptor, "interceptor"));
            return this;
        }

        public Builder addToolInterceptor(ToolInterceptor interceptor) {
            this.toolInterceptors.add(Objects.requireNonNull(interceptor, "interceptor"));
            return this;
        }

        public Builder addListener(AgentListener listener) {
            this.listeners.add(Objects.requireNonNull(listener, "listener"));
            return this;
        }

        /** The output token cap per model call; 0 for the model's default. */
        public Builder maxOutputTokens(int maxOutputTokens) {
            if (maxOutputTokens < 0) {
                throw new IllegalArgumentException("maxOutputTokens cannot be negative: " + maxOutputTokens);
            }
            this.maxOutputTokens = maxOutputTokens;
            return this;
        }

        /**
         * @throws ConfigurationException when no model is set or two tools share a name
         */
        public Agent build() {
            return new Agent(this);
        }
    }
}
