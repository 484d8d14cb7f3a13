package org.openagention.core;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import org.openagention.core.internal.DirectSteps;
import org.openagention.core.internal.JournaledSteps;
import org.openagention.core.journal.JournalException;
import org.openagention.core.journal.JournalStore;
import org.openagention.core.journal.StepExecutor;
import org.openagention.core.model.Model;
import org.openagention.core.model.PriceTable;
import org.openagention.core.tool.Tool;
import org.openagention.core.tool.ToolInterceptor;
import org.openagention.core.tool.ToolRegistry;

/**
 * What an agent is: a model, instructions, tools, limits and the interceptors and listeners
 * around them. Immutable and thread-safe: one agent can serve many runs at once.
 *
 * <pre>{@code
 * Agent agent = Agent.builder()
 *         .name("helper")
 *         .model(model)
 *         .instructions("You answer questions about the repository.")
 *         .addTool(readFile)
 *         .limits(Limits.builder().maxTurns(20).build())
 *         .build();
 * RunResult result = agent.run("What does the README say?");
 * }</pre>
 *
 * <p>{@link #run(String)} drives a run to its end; {@link #start(String)} returns an
 * {@link AgentLoop} to step through turn by turn; {@link #run(String, Class)} asks for a typed,
 * validated answer; {@link #resume(String)} finishes a run from its journal after a crash.
 */
public final class Agent {
    private final String name;
    private final Model model;
    private final String modelId;
    private final String instructions;
    private final List<Tool> tools;
    private final ToolRegistry registry;
    private final Limits limits;
    private final List<ModelInterceptor> modelInterceptors;
    private final List<ToolInterceptor> toolInterceptors;
    private final List<AgentListener> listeners;
    private final PriceTable prices;
    private final Clock clock;
    private final JournalStore journal;
    private final StepExecutor.Factory steps;
    private final boolean streaming;
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
        this.limits = b.limits;
        this.listeners = List.copyOf(b.listeners);
        this.prices = b.prices;
        this.clock = b.clock;
        this.journal = b.journal;
        this.steps = b.steps != null ? b.steps
                : journal != null ? JournaledSteps.factory(journal, clock) : DirectSteps.FACTORY;
        this.streaming = b.streaming;
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
        b.limits = limits;
        b.modelInterceptors.addAll(modelInterceptors);
        b.toolInterceptors.addAll(toolInterceptors);
        b.listeners.addAll(listeners);
        b.prices = prices;
        b.clock = clock;
        b.journal = journal;
        b.steps = steps == DirectSteps.FACTORY || journal != null ? null : steps;
        b.streaming = streaming;
        b.maxOutputTokens = maxOutputTokens;
        return b;
    }

    /** Runs the agent on {@code input} until it answers or a limit stops it. Never throws for limits. */
    public RunResult run(String input) {
        return start(input).run();
    }

    /**
     * Runs the agent and returns its answer as a validated {@code type}: the model is asked for
     * JSON matching the type's schema and re-asked with the exact errors (3 attempts).
     *
     * @throws StructuredOutputException when no attempt produced a valid answer
     */
    public <T> T run(String input, Class<T> type) {
        return run(input, OutputSpec.of(type));
    }

    /** Like {@link #run(String, Class)}, with validators and an attempt count of your choosing. */
    public <T> T run(String input, OutputSpec<T> spec) {
        return StructuredRun.run(this, input, spec);
    }

    /** Starts a run and returns its loop without running any turn. */
    public AgentLoop start(String input) {
        Objects.requireNonNull(input, "input");
        return new AgentLoop(this, newRunId(), input, null, false);
    }

    /**
     * Finishes a run from its journal: completed model calls and tool calls are replayed from the
     * journal, not executed again, and the run continues live from where it stopped.
     *
     * @throws ConfigurationException when the agent has no journal
     * @throws JournalException when the journal holds no such run
     */
    public RunResult resume(String runId) {
        return resumeLoop(runId).run();
    }

    /** The loop of a resumed run, not yet stepped. */
    public AgentLoop resumeLoop(String runId) {
        if (journal == null) {
            throw new ConfigurationException("resume needs a journal: configure Agent.builder().journal(...)");
        }
        String input = AgentLoop.journaledInput(journal.read(runId))
                .orElseThrow(() -> new JournalException("the journal holds no run '" + runId + "' (or not its start)"));
        return new AgentLoop(this, runId, input, null, true);
    }

    /**
     * A run id unique across processes in practice: the time in base 36 and 40 random bits. Not
     * a secret, so it needs no SecureRandom (whose first use can block, and every use costs).
     */
    private static String newRunId() {
        long random = ThreadLocalRandom.current().nextLong() & 0xFF_FFFF_FFFFL;
        return "run-" + Long.toString(System.currentTimeMillis(), 36) + "-" + Long.toString(random, 36);
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

    public Limits limits() {
        return limits;
    }

    public Optional<JournalStore> journal() {
        return Optional.ofNullable(journal);
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

    PriceTable prices() {
        return prices;
    }

    Clock clock() {
        return clock;
    }

    StepExecutor.Factory steps() {
        return steps;
    }

    boolean streaming() {
        return streaming;
    }

    int maxOutputTokens() {
        return maxOutputTokens;
    }

    /** Builds an {@link Agent}. Only the model is required. Not thread-safe. */
    public static final class Builder {
        private String name = "agent";
        private Model model;
        private String modelId;
        private String instructions = "";
        private final List<Tool> tools = new ArrayList<>();
        private Limits limits = Limits.defaults();
        private final List<ModelInterceptor> modelInterceptors = new ArrayList<>();
        private final List<ToolInterceptor> toolInterceptors = new ArrayList<>();
        private final List<AgentListener> listeners = new ArrayList<>();
        private PriceTable prices = PriceTable.defaults();
        private Clock clock = Clock.systemUTC();
        private JournalStore journal;
        private StepExecutor.Factory steps;
        private boolean streaming;
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

        public Builder limits(Limits limits) {
            this.limits = Objects.requireNonNull(limits, "limits");
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

        /** Prices for the cost budget and reports; defaults to {@link PriceTable#defaults()}. */
        public Builder prices(PriceTable prices) {
            this.prices = Objects.requireNonNull(prices, "prices");
            return this;
        }

        /** The clock for event times and the wall-clock limit; tests pass a fake. */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /** Journals every run, so that runs can be resumed, reported and handed off. */
        public Builder journal(JournalStore journal) {
            this.journal = Objects.requireNonNull(journal, "journal");
            return this;
        }

        /** Replaces how steps are run and journaled (a durable-execution engine plugs in here). */
        public Builder stepExecutor(StepExecutor.Factory steps) {
            this.steps = Objects.requireNonNull(steps, "steps");
            return this;
        }

        /** Streams model responses, publishing {@link AgentEvent.ModelStreamed} events as they arrive. */
        public Builder streaming(boolean streaming) {
            this.streaming = streaming;
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
