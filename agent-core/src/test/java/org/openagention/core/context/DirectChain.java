// SPDX-License-Identifier: Apache-2.0
package org.openagention.core.context;

import java.util.ArrayList;
import java.util.List;
import org.openagention.core.AgentEvent;
import org.openagention.core.ModelInterceptor;
import org.openagention.core.model.Model;
import org.openagention.core.model.ModelRequest;
import org.openagention.core.model.ModelResponse;

/** A one-interceptor chain for tests: proceeds straight to the model and keeps what is published. */
final class DirectChain implements ModelInterceptor.Chain {
    private final Model model;
    private final String runId;
    private final ModelRequest request;
    private final int contextWindow;
    private final String modelName;
    final List<AgentEvent> published = new ArrayList<>();
    final List<ModelRequest> sent = new ArrayList<>();

    DirectChain(Model model, String runId, ModelRequest request) {
        this(model, runId, request, 0);
    }

    /** A chain whose model reports {@code contextWindow} tokens, as an agent's chain does. */
    DirectChain(Model model, String runId, ModelRequest request, int contextWindow) {
        this.model = model;
        this.runId = runId;
        this.request = request;
        this.contextWindow = contextWindow;
        this.modelName = model.name();
    }

    @Override
    public String modelName() {
        return modelName;
    }

    @Override
    public int contextWindow() {
        return contextWindow;
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
        return 1;
    }

    @Override
    public ModelResponse proceed(ModelRequest next) {
        sent.add(next);
        return model.complete(next);
    }

    @Override
    public void publish(AgentEvent event) {
        published.add(event);
    }

    /** The one request that went on to the model. */
    ModelRequest onlySent() {
        if (sent.size() != 1) {
            throw new AssertionError("expected one request to go on, got " + sent.size());
        }
        return sent.get(0);
    }
}
