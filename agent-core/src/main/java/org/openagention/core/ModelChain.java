// SPDX-License-Identifier: Apache-2.0
package org.openagention.core;

import java.time.Clock;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.openagention.core.context.CalibratingTokenCounter;
import org.openagention.core.context.TokenCounter;
import org.openagention.core.context.TokenizerFamily;
import org.openagention.core.model.ContextWindowExceededException;
import org.openagention.core.model.ModelException;
import org.openagention.core.model.ModelRequest;
import org.openagention.core.model.ModelResponse;

/**
 * The model interceptor chain of one call; the innermost step calls (or streams from) the model.
 * It checks the interceptors' contract: each calls {@link #proceed} at most once and returns a
 * response (its own, to short-circuit, or the chain's); a breach fails the call naming the
 * interceptor.
 *
 * <p>Whatever the interceptors did, a request is not sent when even the least it can count, the
 * character estimate for the model's tokenizer family times {@link CalibratingTokenCounter#MIN_RATIO},
 * is more than the model's context window: the call fails with a
 * {@link ContextWindowExceededException} instead, and the run ends with
 * {@link StopReason#CONTEXT_WINDOW}. A model that reports no window (0) is not checked.
 */
final class ModelChain implements ModelInterceptor.Chain {
    private static final Map<TokenizerFamily, TokenCounter> ESTIMATES = new EnumMap<>(TokenizerFamily.class);

    static {
        for (TokenizerFamily family : TokenizerFamily.values()) {
            ESTIMATES.put(family, TokenCounter.estimating(family));
        }
    }

    private final Agent agent;
    private final Events events;
    private final Clock clock;
    private final boolean streaming;
    private final String runId;
    private final int turn;
    private final int index;
    private final ModelRequest request;
    /** The interceptor this chain was handed to; null for the outermost chain, which the loop calls. */
    private final ModelInterceptor owner;
    private final AtomicBoolean proceeded = new AtomicBoolean();

    ModelChain(AgentLoop loop, int turn, ModelRequest request) {
        this(loop.agent(), loop.events(), loop.options().clock(), loop.options().streaming(), loop.runId(), turn, 0,
                request, null);
    }

    /** The chain of a model step run outside its loop ({@link Agent#runStep}). */
    ModelChain(Agent agent, Events events, Clock clock, boolean streaming, String runId, int turn, ModelRequest request) {
        this(agent, events, clock, streaming, runId, turn, 0, request, null);
    }

    private ModelChain(Agent agent, Events events, Clock clock, boolean streaming, String runId, int turn, int index,
            ModelRequest request, ModelInterceptor owner) {
        this.agent = agent;
        this.events = events;
        this.clock = clock;
        this.streaming = streaming;
        this.runId = runId;
        this.turn = turn;
        this.index = index;
        this.request = request;
        this.owner = owner;
    }

    @Override
    public ModelRequest request() {
        return request;
    }

    @Override
    public String runId() {
        return runId;
    }

    @Override
    public int turn() {
        return turn;
    }

    @Override
    public String modelName() {
        return agent.model().name();
    }

    @Override
    public int contextWindow() {
        return agent.model().contextWindow();
    }

    @Override
    public void publish(AgentEvent event) {
        if (events.active()) {
            events.publish(event);
        }
    }

    @Override
    public ModelResponse proceed(ModelRequest next) {
        if (proceeded.getAndSet(true) && owner != null) {
            throw new IllegalStateException("model interceptor " + owner
                    + " called proceed() twice; an interceptor calls it at most once per call");
        }
        if (index < agent.modelInterceptors().size()) {
            ModelInterceptor interceptor = agent.modelInterceptors().get(index);
            ModelResponse response = interceptor.intercept(new ModelChain(agent, events, clock, streaming, runId, turn, index + 1, next, interceptor));
            if (response == null) {
                throw new IllegalStateException("model interceptor " + interceptor
                        + " returned null; return chain.proceed(request) or a response of its own");
            }
            return response;
        }
        return call(agent, next);
    }

    private ModelResponse call(Agent agent, ModelRequest next) {
        refuseOversized(agent, next);
        if (events.active()) {
            events.publish(new AgentEvent.ModelRequested(runId, clock.instant(), turn, next));
        }
        ModelResponse response;
        if (streaming) {
            response = agent.model().stream(next, event -> {
                if (events.active()) {
                    events.publish(new AgentEvent.ModelStreamed(runId, clock.instant(), turn, event));
                }
            });
        } else {
            response = agent.model().complete(next);
        }
        if (response == null) {
            throw new ModelException("model " + agent.model().name() + " returned no response");
        }
        return response;
    }

    private static void refuseOversized(Agent agent, ModelRequest request) {
        int window = agent.model().contextWindow();
        if (window <= 0) {
            return;
        }
        String name = agent.model().name();
        long estimate = ESTIMATES.get(TokenizerFamily.forModel(name)).count(request);
        long least = (long) Math.ceil(estimate * CalibratingTokenCounter.MIN_RATIO);
        if (least > window) {
            throw new ContextWindowExceededException("context window exceeded: the request needs at least about "
                    + least + " tokens (" + estimate + " estimated) and model " + name + " has a " + window
                    + "-token window; it was not sent. Add a Compaction interceptor to keep long runs inside the window,"
                    + " or give the model's builder its real contextWindow");
        }
    }
}
