// SPDX-License-Identifier: Apache-2.0
package org.openagention.core;

import org.openagention.core.context.TokenCounter;
import org.openagention.core.context.TokenizerFamily;
import org.openagention.core.model.ModelRequest;
import org.openagention.core.model.ModelResponse;
import org.openagention.core.model.Price;
import org.openagention.core.model.Usage;

/**
 * What one run has spent (tokens and dollars, priced by the run's price table) against its turn,
 * token and cost limits. The loop asks it before each turn and before each call from its own
 * thread; subagents, which may run in parallel, add what their runs spent, so it is synchronized.
 */
final class RunBudget {
    /** Why the run must stop before its next turn or call. */
    record Stop(StopReason reason, String detail) {}

    private static final Price FREE = new Price(0, 0, 0, 0);

    private final Agent agent;
    private final RunOptions options;
    private final Limits limits;
    /** Estimates a request's input tokens, for the token budget; null when the run has none. */
    private final TokenCounter tokens;
    private Usage usage = Usage.ZERO;
    private double cost;
    private String pricedModel;
    private Price price = FREE;

    RunBudget(Agent agent, RunOptions options) {
        this.agent = agent;
        this.options = options;
        this.limits = options.limits();
        this.tokens = limits.maxTokens() > 0
                ? TokenCounter.estimating(TokenizerFamily.forModel(agent.modelId().orElse(agent.model().name())))
                : null;
    }

    /** Counts what a model call spent. */
    synchronized void spend(ModelResponse response) {
        usage = usage.plus(response.usage());
        cost += price(response).cost(response.usage());
    }

    /** Counts what a subagent run spent inside this run. */
    synchronized void spendChild(Usage childUsage, double childCost) {
        usage = usage.plus(childUsage);
        cost += childCost;
    }

    synchronized Usage usage() {
        return usage;
    }

    synchronized double cost() {
        return cost;
    }

    /** The price of the model that answered; looked up once per model id, as it rarely changes. */
    private Price price(ModelResponse response) {
        String id = response.modelId().isEmpty() ? agent.modelId().orElse(agent.model().name()) : response.modelId();
        if (!id.equals(pricedModel)) {
            price = options.prices().priceOf(id).orElse(FREE);
            pricedModel = id;
        }
        return price;
    }

    /** The stop before turn {@code turns + 1} when the turns, tokens or dollars are used up; null otherwise. */
    synchronized Stop beforeTurn(int turns) {
        if (turns >= limits.maxTurns()) {
            return new Stop(StopReason.MAX_TURNS, "the run reached its limit of " + limits.maxTurns() + " turns");
        }
        if (limits.maxTokens() > 0 && usage.totalTokens() >= limits.maxTokens()) {
            return new Stop(StopReason.TOKEN_BUDGET, "the run spent " + usage.totalTokens() + " tokens of its budget of "
                    + limits.maxTokens());
        }
        if (limits.maxCostUsd() > 0 && cost >= limits.maxCostUsd()) {
            return new Stop(StopReason.COST_BUDGET, String.format("the run spent $%.4f of its budget of $%.4f", cost,
                    limits.maxCostUsd()));
        }
        return null;
    }

    /**
     * The stop before sending {@code request} when the call could take the run past its token
     * budget: the tokens spent, plus the request's estimated input tokens, plus the output cap,
     * would exceed it. Null otherwise.
     */
    synchronized Stop beforeCall(ModelRequest request) {
        if (tokens == null) {
            return null;
        }
        long input = tokens.count(request);
        long next = input + agent.maxOutputTokens();
        if (usage.totalTokens() + next > limits.maxTokens()) {
            return new Stop(StopReason.TOKEN_BUDGET, "the run spent " + usage.totalTokens() + " tokens of its budget of "
                    + limits.maxTokens() + ", and the next call would need about " + next + " more (" + input
                    + " input estimated + " + agent.maxOutputTokens() + " output cap)");
        }
        return null;
    }
}
