// SPDX-License-Identifier: Apache-2.0
package org.openagention.core.context;

import java.time.Clock;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import org.openagention.core.AgentEvent;
import org.openagention.core.ConfigurationException;
import org.openagention.core.ModelInterceptor;
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
 * {@link Builder#keepRecentMessages} of them when they fit, fewer when they do not. The verbatim
 * part always starts at a clean boundary, so a tool result never travels without the tool use it
 * answers; tool uses with malformed arguments reach the summariser described as malformed, never
 * as calls. Summarisation calls are sized to fit the threshold too: aged messages that do not fit
 * one call are folded in over several.
 *
 * <p>Only what is sent changes: the run's transcript, its {@code RunResult} and its journal keep
 * the full history. The summary is cached per run id and extended incrementally (the previous
 * summary plus the newly aged messages) only when the request no longer fits with it, not on
 * every turn. Each new or extended summary is reported as an {@link AgentEvent.ContextCompacted};
 * the tokens the summarisation calls used are added to the usage of the response that follows,
 * so budgets and costs see them. The counter observes the usage of every call it sizes, so a
 * {@link CalibratingTokenCounter} learns as the run goes.
 *
 * <p>If a summarisation call fails while the request still fits the window (above the threshold
 * only), the request goes out uncompacted and the failure is reported as an
 * {@link AgentEvent.ErrorOccurred}; otherwise the failure ends the call. If even the summary and
 * the last message cannot fit the window (one message is too large),
 * the call fails with a {@link org.openagention.core.model.ModelException} whose message starts
 * with {@code context window exceeded}, and the run ends with a model error.
 *
 * <pre>{@code
 * Agent agent = Agent.builder()
 *         .model(model)
 *         .addModelInterceptor(Compaction.builder()
 *                 .model(model)               // the model that writes the summaries
 *                 .contextWindow(200_000)     // default: model.contextWindow()
 *                 .threshold(0.8)
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
    private final int contextWindow;
    private final double threshold;
    private final int keepRecentMessages;
    private final TokenCounter counter;
    private final Summariser summariser;
    private final Clock clock;
    private final Map<String, CompactionPass.Checkpoint> checkpoints = Collections.synchronizedMap(
            new LinkedHashMap<>(16, 0.75f, true) {
                @Override
                protected boolean removeEldestEntry(Map.Entry<String, CompactionPass.Checkpoint> eldest) {
                    return size() > CACHED_RUNS;
                }
            });

    private Compaction(Builder b, int window, int summaryMaxTokens, TokenCounter counter) {
        this.model = b.model;
        this.contextWindow = window;
        this.threshold = b.threshold;
        this.keepRecentMessages = b.keepRecentMessages;
        this.counter = counter;
        this.clock = b.clock;
        this.summariser = new Summariser(model, b.summaryPrompt, summaryMaxTokens, counter, trigger());
    }

    public static Builder builder() {
        return new Builder();
    }

    @Override
    public ModelResponse intercept(Chain chain) {
        ModelRequest request = chain.request();
        long before = counter.count(request);
        long hard = hardLimit(request);
        long target = Math.min(trigger(), hard);
        if (before <= target) {
            return send(chain, request, Usage.ZERO);
        }
        CompactionPass.Result result;
        try {
            result = new CompactionPass(counter, summariser, keepRecentMessages, target, hard, request)
                    .run(checkpoints.get(chain.runId()), before);
        } catch (ModelException e) {
            if (before > hard) {
                throw e;
            }
            // The request still fits the window: a failed summary must not end the run before it has to.
            chain.publish(new AgentEvent.ErrorOccurred(chain.runId(), clock.instant(),
                    "compaction failed, so the request goes out uncompacted: " + e.getMessage(), e));
            return send(chain, request, Usage.ZERO);
        }
        if (result.checkpoint() != null) {
            checkpoints.put(chain.runId(), result.checkpoint());
        }
        if (result.summarised()) {
            chain.publish(new AgentEvent.ContextCompacted(chain.runId(), clock.instant(), request.messages().size(),
                    result.request().messages().size(), before, result.tokens()));
        }
        return send(chain, result.request(), result.summaryUsage());
    }

    private ModelResponse send(Chain chain, ModelRequest request, Usage summaryUsage) {
        ModelResponse response = chain.proceed(request);
        counter.observe(request, response.usage());
        if (summaryUsage.equals(Usage.ZERO)) {
            return response;
        }
        return response.toBuilder().usage(response.usage().plus(summaryUsage)).build();
    }

    /** The tokens above which a request is compacted: {@code threshold × contextWindow}. */
    public long trigger() {
        return (long) Math.floor(threshold * contextWindow);
    }

    /** The most input tokens {@code request} may have: the window less its output tokens. */
    private long hardLimit(ModelRequest request) {
        int out = request.maxOutputTokens();
        return out > 0 && out < contextWindow ? contextWindow - out : contextWindow;
    }

    public int contextWindow() {
        return contextWindow;
    }

    public double threshold() {
        return threshold;
    }

    public int keepRecentMessages() {
        return keepRecentMessages;
    }

    public TokenCounter tokenCounter() {
        return counter;
    }

    /** The model that writes the summaries. */
    public Model model() {
        return model;
    }

    @Override
    public String toString() {
        return "Compaction[model=" + model.name() + ", window=" + contextWindow + ", threshold=" + threshold
                + ", keepRecent=" + keepRecentMessages + ", counter=" + counter + "]";
    }

    /**
     * Builds a {@link Compaction}. Required: {@link #model}. Defaults: the model's context window,
     * threshold 0.8, 6 recent messages, a calibrating estimate for the tokenizer family the
     * model's name suggests, {@link #DEFAULT_SUMMARY_PROMPT}, summaries of at most a quarter of
     * the threshold (4,096 tokens at most), the system clock. Not thread-safe.
     */
    public static final class Builder {
        private Model model;
        private int contextWindow;
        private double threshold = 0.8;
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

        /** The context window in tokens; defaults to {@link Model#contextWindow()}. */
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

        /** How many recent messages to keep verbatim when they fit; 0 or more. */
        public Builder keepRecentMessages(int n) {
            if (n < 0) {
                throw new IllegalArgumentException("keepRecentMessages cannot be negative: " + n);
            }
            this.keepRecentMessages = n;
            return this;
        }

        /** How requests are sized; it also observes every call's usage (to calibrate, if it does). */
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

        /** Builds it; throws {@link ConfigurationException} without a model or a context window. */
        public Compaction build() {
            if (model == null) {
                throw new ConfigurationException("Compaction needs a model to write its summaries: call model(...)");
            }
            int window = contextWindow > 0 ? contextWindow : model.contextWindow();
            if (window <= 0) {
                throw new ConfigurationException("Compaction needs a context window: model " + model.name()
                        + " does not report one, so call contextWindow(tokens)");
            }
            long trigger = (long) Math.floor(threshold * window);
            int summaryTokens = summaryMaxTokens > 0 ? summaryMaxTokens : (int) Math.min(4096, trigger / 4);
            if (summaryTokens <= 0 || summaryTokens > trigger / 2) {
                throw new ConfigurationException("summaryMaxTokens (" + summaryTokens + ") must be positive and at most"
                        + " half the compaction threshold (" + trigger + " tokens of a " + window + "-token window)");
            }
            TokenCounter c = counter != null ? counter
                    : TokenCounter.calibrating(TokenCounter.estimating(TokenizerFamily.forModel(model.name())));
            return new Compaction(this, window, summaryTokens, c);
        }
    }
}
