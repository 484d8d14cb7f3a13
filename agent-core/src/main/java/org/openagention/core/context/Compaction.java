// SPDX-License-Identifier: Apache-2.0
package org.openagention.core.context;

import java.time.Clock;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import org.openagention.core.AgentEvent;
import org.openagention.core.ConfigurationException;
import org.openagention.core.ModelInterceptor;
import org.openagention.core.model.ContextWindowExceededException;
import org.openagention.core.model.Model;
import org.openagention.core.model.ModelException;
import org.openagention.core.model.ModelRequest;
import org.openagention.core.model.ModelResponse;
import org.openagention.core.model.Usage;

/**
 * A {@link ModelInterceptor} that keeps requests inside the model's context window by replacing
 * the older part of the transcript with a checkpoint summary the model writes.
 *
 * <p>When a request's size ({@link TokenCounter#count}) passes {@code threshold × contextWindow},
 * or leaves no room for the request's output tokens, the older messages are summarised by a
 * separate call to the summarising model (system prompt {@link Builder#summaryPrompt}) and sent
 * as one user message, followed by the recent messages verbatim: at least
 * {@link Builder#keepRecentMessages} of them when they fit below {@code compactTo × contextWindow},
 * fewer when they do not. The verbatim part always starts at a clean boundary, so a tool result
 * never travels without the tool use it answers; tool uses with malformed arguments reach the
 * summariser described as malformed, never as calls. Summarisation calls are sized to fit the
 * threshold too: aged messages that do not fit one call are folded in over several.
 *
 * <p><b>Built for the provider's prompt cache.</b> A provider serves from its cache the part of a
 * request that repeats the previous one exactly. Between compactions every request extends the one
 * before it whole (system prompt, tools, summary, then the messages as they were sent), so all but
 * the new turn is cache-eligible; a compaction is the one moment that prefix changes. So compaction
 * is rare and deep: it waits for the threshold (default 0.8 of the window) and brings the request
 * down to {@code compactTo} (default half the threshold), which leaves a long stretch of turns before the next.
 * Anthropic's {@code cache_control} breakpoints sit on the stable prefix and the end of each request
 * ({@link org.openagention.core.providers.AnthropicModel}); OpenAI caches prefixes on its own, and
 * {@link org.openagention.core.providers.OpenAiModel} keys a run's requests to one cache. The
 * {@code CacheSession} scenario in agent-bench measures the share.
 *
 * <p>Only what is sent changes: the run's transcript, its {@code RunResult} and its journal keep
 * the full history. The summary is cached per run id and extended incrementally (the previous
 * summary plus the newly aged messages) only when the request no longer fits with it, not on
 * every turn. Each new or extended summary is reported as an {@link AgentEvent.ContextCompacted};
 * the tokens the summarisation calls used are added to the usage of the response that follows,
 * so budgets and costs see them. The counter observes the usage of every call it sizes, so a
 * {@link CalibratingTokenCounter} learns as the run goes (and ignores usage that cannot be true).
 *
 * <p>The window is the agent's model's ({@link ModelInterceptor.Chain#contextWindow()}) unless
 * {@link Builder#contextWindow} sets it, so a cheaper summarising model with a smaller window does
 * not size the agent's requests.
 *
 * <p>If a summarisation call fails while the request still fits the window (above the threshold
 * only), the request goes out uncompacted and the failure is reported as an
 * {@link AgentEvent.ErrorOccurred}; otherwise the failure ends the call. No request whose size
 * exceeds the window is sent: if even the summary and the last message cannot fit (one message is
 * too large), the call fails with a {@link ContextWindowExceededException} whose message starts
 * with {@code context window exceeded}, and the run ends with
 * {@link org.openagention.core.StopReason#CONTEXT_WINDOW}.
 *
 * <pre>{@code
 * Agent agent = Agent.builder()
 *         .model(model)
 *         .addModelInterceptor(Compaction.builder()
 *                 .model(model)               // the model that writes the summaries
 *                 .threshold(0.8)             // compact above 80% of the agent's model's window
 *                 .compactTo(0.4)             // down to 40%
 *                 .keepRecentMessages(8)
 *                 .build())
 *         .build();
 * }</pre>
 *
 * <p>Immutable configuration and thread-safe: one instance may serve many runs at once (its
 * summary cache holds the most recent {@value #CACHED_RUNS} runs).
 */
public final class Compaction implements ModelInterceptor {
    /** The default system prompt of summarisation calls. */
    public static final String DEFAULT_SUMMARY_PROMPT = "You write checkpoint summaries of a coding agent's work, so"
            + " that the agent can carry on without the older messages, which it will no longer see. Keep what the"
            + " agent needs to continue: the user's goal and constraints (word for word when short), decisions made"
            + " and why, files read or changed and what was found in them, commands run and their outcomes, exact"
            + " names, paths, numbers and error messages that still matter, what is done, what remains, and the next"
            + " step. Drop what is settled and no longer matters. Tool calls marked as having malformed arguments"
            + " did not run. Reply with the summary only, in plain text.";
    /** How many runs' summaries one instance keeps. */
    public static final int CACHED_RUNS = 256;

    private final Model model;
    /** The configured window; 0 to follow the agent's model. */
    private final int contextWindow;
    private final double threshold;
    private final double compactTo;
    private final int keepRecentMessages;
    /** The builder's counter; null to count with {@link #defaults}. */
    private final TokenCounter counter;
    /** A calibrating estimate per tokenizer family, each learning from its own family's models. */
    private final Map<TokenizerFamily, CalibratingTokenCounter> defaults = new EnumMap<>(TokenizerFamily.class);
    private final String summaryPrompt;
    /** The configured summary cap; 0 for the default, which depends on the window. */
    private final int summaryMaxTokens;
    private final Clock clock;
    private final Map<String, CompactionPass.Checkpoint> checkpoints = Collections.synchronizedMap(
            new LinkedHashMap<>(16, 0.75f, true) {
                @Override
                protected boolean removeEldestEntry(Map.Entry<String, CompactionPass.Checkpoint> eldest) {
                    return size() > CACHED_RUNS;
                }
            });

    private Compaction(Builder b, TokenCounter counter) {
        this.model = b.model;
        this.contextWindow = b.contextWindow;
        this.threshold = b.threshold;
        this.compactTo = b.compactTo > 0 ? b.compactTo : b.threshold / 2;
        this.keepRecentMessages = b.keepRecentMessages;
        this.counter = counter;
        for (TokenizerFamily f : TokenizerFamily.values()) {
            defaults.put(f, TokenCounter.calibrating(TokenCounter.estimating(f)));
        }
        this.summaryPrompt = b.summaryPrompt;
        this.summaryMaxTokens = b.summaryMaxTokens;
        this.clock = b.clock;
    }

    public static Builder builder() {
        return new Builder();
    }

    @Override
    public ModelResponse intercept(Chain chain) {
        ModelRequest request = chain.request();
        Sizing sizing = sizing(chain.contextWindow());
        TokenCounter counter = counterFor(chain.modelName().isEmpty() ? model.name() : chain.modelName());
        long before = counter.count(request);
        long hard = sizing.hardLimit(request);
        long target = Math.min(sizing.trigger(), hard);
        if (before <= target) {
            return send(chain, counter, request, Usage.ZERO);
        }
        CompactionPass.Result result;
        try {
            result = new CompactionPass(counter, sizing.summariser(), keepRecentMessages,
                    Math.min(sizing.lowWater(), target), target, hard, request)
                    .run(checkpoints.get(chain.runId()), before);
        } catch (ModelException e) {
            if (before > hard) {
                throw e;
            }
            // The request still fits the window: a failed summary must not end the run before it has to.
            chain.publish(new AgentEvent.ErrorOccurred(chain.runId(), clock.instant(),
                    "compaction failed, so the request goes out uncompacted: " + e.getMessage(), e));
            return send(chain, counter, request, Usage.ZERO);
        }
        if (result.tokens() > hard) { // the pass never returns one; this is the last line of defence
            throw new ContextWindowExceededException("context window exceeded: the compacted request needs about "
                    + result.tokens() + " tokens, more than the " + hard + " the context window allows");
        }
        if (result.checkpoint() != null) {
            checkpoints.put(chain.runId(), result.checkpoint());
        }
        if (result.summarised()) {
            chain.publish(new AgentEvent.ContextCompacted(chain.runId(), clock.instant(), request.messages().size(),
                    result.request().messages().size(), before, result.tokens()));
        }
        return send(chain, counter, result.request(), result.summaryUsage());
    }

    /** The builder's counter, or the default for the tokenizer family {@code modelName} suggests. */
    private TokenCounter counterFor(String modelName) {
        return counter != null ? counter : defaults.get(TokenizerFamily.forModel(modelName));
    }

    /** How to size one call: the window and what follows from it. */
    record Sizing(int window, long trigger, long lowWater, Summariser summariser) {
        /** The most input tokens {@code request} may have: the window less its output tokens. */
        long hardLimit(ModelRequest request) {
            int out = request.maxOutputTokens();
            return out > 0 && out < window ? window - out : window;
        }
    }

    private Sizing sizing(int agentWindow) {
        int window = contextWindow > 0 ? contextWindow : agentWindow > 0 ? agentWindow : model.contextWindow();
        if (window <= 0) {
            throw new ConfigurationException("Compaction needs a context window: neither the agent's model nor the"
                    + " summarising model " + model.name() + " reports one, so call contextWindow(tokens)");
        }
        long trigger = (long) Math.floor(threshold * window);
        // Summarisation calls go to the summarising model: they must fit its window as well as this one.
        long budget = model.contextWindow() > 0 ? Math.min(trigger, (long) Math.floor(threshold * model.contextWindow()))
                : trigger;
        int summaryTokens = summaryTokens(summaryMaxTokens, budget, window, budget < trigger
                ? ", as the summarising model " + model.name() + " has a " + model.contextWindow() + "-token window" : "");
        return new Sizing(window, trigger, (long) Math.floor(compactTo * window),
                new Summariser(model, summaryPrompt, summaryTokens, counterFor(model.name()), budget));
    }

    /** The summaries' output cap, given the most tokens a summarisation call may use. */
    private static int summaryTokens(int configured, long budget, int window, String why) {
        int tokens = configured > 0 ? configured : (int) Math.min(4096, budget / 4);
        if (tokens <= 0 || tokens > budget / 2) {
            throw new ConfigurationException("summaryMaxTokens (" + tokens + ") must be positive and at most"
                    + " half the compaction threshold (" + budget + " tokens of a " + window + "-token window" + why + ")");
        }
        return tokens;
    }

    private static ModelResponse send(Chain chain, TokenCounter counter, ModelRequest request, Usage summaryUsage) {
        ModelResponse response = chain.proceed(request);
        counter.observe(request, response.usage());
        if (summaryUsage.equals(Usage.ZERO)) {
            return response;
        }
        return response.toBuilder().usage(response.usage().plus(summaryUsage)).build();
    }

    /**
     * The tokens above which a request is compacted, {@code threshold × contextWindow}, when the
     * window is configured; 0 when it follows the agent's model.
     */
    public long trigger() {
        return (long) Math.floor(threshold * contextWindow);
    }

    /** The configured context window; 0 when it is the agent's model's (the default). */
    public int contextWindow() {
        return contextWindow;
    }

    /** The fraction of the window a compaction brings a request down to. */
    public double compactTo() {
        return compactTo;
    }

    public double threshold() {
        return threshold;
    }

    public int keepRecentMessages() {
        return keepRecentMessages;
    }

    /**
     * The counter given to the builder; without one, the calibrating estimate this instance uses for
     * the summarising model's tokenizer family (the agent's requests are counted with the one for
     * the agent's model's family, each learning from its own models' reports).
     */
    public TokenCounter tokenCounter() {
        return counterFor(model.name());
    }

    /** The model that writes the summaries. */
    public Model model() {
        return model;
    }

    @Override
    public String toString() {
        return "Compaction[model=" + model.name() + ", window=" + (contextWindow > 0 ? contextWindow : "agent's")
                + ", threshold=" + threshold + ", compactTo=" + compactTo + ", keepRecent=" + keepRecentMessages
                + ", counter=" + (counter != null ? counter : "calibrating estimate per tokenizer family") + "]";
    }

    /**
     * Builds a {@link Compaction}. Required: {@link #model}. Defaults: the agent's model's context
     * window, threshold 0.8, compacting down to half the threshold, 6 recent messages, a calibrating
     * estimate per tokenizer family (the agent's model's name chooses the one that sizes its
     * requests, the summarising model's the one that sizes summarisation calls),
     * {@link #DEFAULT_SUMMARY_PROMPT}, summaries of at most a quarter of the threshold (4,096 tokens
     * at most), the system clock. Not thread-safe.
     */
    public static final class Builder {
        private Model model;
        private int contextWindow;
        private double threshold = 0.8;
        /** 0 for half the threshold. */
        private double compactTo;
        private int keepRecentMessages = 6;
        private TokenCounter counter;
        private String summaryPrompt = DEFAULT_SUMMARY_PROMPT;
        private int summaryMaxTokens;
        private Clock clock = Clock.systemUTC();

        private Builder() {}

        /** The model that writes the summaries (usually the agent's own). */
        public Builder model(Model model) {
            this.model = Objects.requireNonNull(model, "model");
            return this;
        }

        /**
         * The context window in tokens. By default it is the agent's model's (the model the
         * interceptor chain ends in), or the summarising model's for a chain outside a run.
         */
        public Builder contextWindow(int tokens) {
            if (tokens <= 0) {
                throw new IllegalArgumentException("contextWindow must be positive: " + tokens);
            }
            this.contextWindow = tokens;
            return this;
        }

        /** The fraction of the window above which requests are compacted; in (0, 1]. */
        public Builder threshold(double threshold) {
            if (!(threshold > 0 && threshold <= 1)) {
                throw new IllegalArgumentException("threshold must be in (0, 1]: " + threshold);
            }
            this.threshold = threshold;
            return this;
        }

        /**
         * The fraction of the window a compaction brings a request down to; in (0, threshold],
         * half the threshold by default.
         * Compacting deeply keeps the request's prefix (system prompt, tools, summary) identical,
         * and so readable from the provider's prompt cache, for longer: after a compaction the
         * request grows from here to the threshold before the next one.
         */
        public Builder compactTo(double fraction) {
            if (!(fraction > 0 && fraction <= 1)) {
                throw new IllegalArgumentException("compactTo must be in (0, 1]: " + fraction);
            }
            this.compactTo = fraction;
            return this;
        }

        /**
         * How many recent messages to keep verbatim when they fit below {@link #compactTo}; 0 or
         * more. Fewer are kept when they do not (always at least the latest turn).
         */
        public Builder keepRecentMessages(int n) {
            if (n < 0) {
                throw new IllegalArgumentException("keepRecentMessages cannot be negative: " + n);
            }
            this.keepRecentMessages = n;
            return this;
        }

        /**
         * How requests are sized, the agent's and the summarisation calls alike; it also observes
         * every call's usage (to calibrate, if it does).
         */
        public Builder tokenCounter(TokenCounter counter) {
            this.counter = Objects.requireNonNull(counter, "counter");
            return this;
        }

        /** The system prompt of summarisation calls. */
        public Builder summaryPrompt(String prompt) {
            if (Objects.requireNonNull(prompt, "prompt").isBlank()) {
                throw new IllegalArgumentException("summaryPrompt cannot be blank");
            }
            this.summaryPrompt = prompt;
            return this;
        }

        /** The output cap of summarisation calls, in tokens: at most half the threshold. */
        public Builder summaryMaxTokens(int tokens) {
            if (tokens <= 0) {
                throw new IllegalArgumentException("summaryMaxTokens must be positive: " + tokens);
            }
            this.summaryMaxTokens = tokens;
            return this;
        }

        /** The clock that stamps the events. */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /**
         * Builds it; throws {@link ConfigurationException} without a model, with {@link #compactTo}
         * above the threshold, or with a summary cap above half the threshold of a configured window.
         * Without a configured window, the window is read at each call and a missing one fails the call.
         */
        public Compaction build() {
            if (model == null) {
                throw new ConfigurationException("Compaction needs a model to write its summaries: call model(...)");
            }
            if (compactTo > threshold) {
                throw new ConfigurationException("compactTo (" + compactTo + ") must not be above the threshold ("
                        + threshold + "): a compaction brings the request down from the threshold to compactTo");
            }
            if (contextWindow > 0) {
                summaryTokens(summaryMaxTokens, (long) Math.floor(threshold * contextWindow), contextWindow, "");
            }
            return new Compaction(this, counter);
        }
    }
}
