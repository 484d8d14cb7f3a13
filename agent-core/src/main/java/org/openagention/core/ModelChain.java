package org.openagention.core;

import org.openagention.core.model.ModelException;
import org.openagention.core.model.ModelRequest;
import org.openagention.core.model.ModelResponse;

/** The model interceptor chain of one call; the innermost step calls (or streams from) the model. */
final class ModelChain implements ModelInterceptor.Chain {
    private final Agent agent;
    private final Events events;
    private final String runId;
    private final int turn;
    private final int index;
    private final ModelRequest request;

    ModelChain(Agent agent, Events events, String runId, int turn, int index, ModelRequest request) {
        this.agent = agent;
        this.events = events;
        this.runId = runId;
        this.turn = turn;
        this.index = index;
        this.request = request;
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
    public void publish(AgentEvent event) {
        if (events.active()) {
            events.publish(event);
        }
    }

    @Override
    public ModelResponse proceed(ModelRequest next) {
        if (index < agent.modelInterceptors().size()) {
            ModelInterceptor interceptor = agent.modelInterceptors().get(index);
            ModelResponse response = interceptor.intercept(new ModelChain(agent, events, runId, turn, index + 1, next));
            if (response == null) {
                throw new IllegalStateException("model interceptor " + interceptor.getClass().getName() + " returned null");
            }
            return response;
        }
        if (events.active()) {
            events.publish(new AgentEvent.ModelRequested(runId, agent.clock().instant(), turn, next));
        }
        ModelResponse response;
        if (agent.streaming()) {
            response = agent.model().stream(next, event -> {
                if (events.active()) {
                    events.publish(new AgentEvent.ModelStreamed(runId, agent.clock().instant(), turn, event));
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
}
