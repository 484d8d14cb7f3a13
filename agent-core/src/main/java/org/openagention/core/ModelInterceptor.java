// SPDX-License-Identifier: Apache-2.0
package org.openagention.core;

import org.openagention.core.model.ModelRequest;
import org.openagention.core.model.ModelResponse;

/**
 * Around-advice for model calls: compaction, caching, guardrails, request rewriting and budgets
 * are model interceptors.
 *
 * <p>Interceptors run in the order they were added, the first outermost; the innermost step calls
 * the model. An interceptor may rewrite the request, return a response without calling
 * {@link Chain#proceed} (short-circuit), or inspect the response.
 *
 * <p>Contract, checked by the chain: call {@code proceed} at most once per call, and return a
 * response (the chain's or one of your own). Calling it twice, or returning null, fails the call
 * with an error naming the interceptor (its {@code toString()}).
 */
@FunctionalInterface
public interface ModelInterceptor {

    ModelResponse intercept(Chain chain);

    /** The rest of the chain, seen from one interceptor. */
    interface Chain {
        /** The request as it stands at this point of the chain. */
        ModelRequest request();

        /** The run this call belongs to. */
        String runId();

        /** The turn (1-based). */
        int turn();

        /**
         * The {@link org.openagention.core.model.Model#name() name} of the model the chain ends in,
         * such as {@code anthropic:claude-sonnet-4-5} (tracing names the provider and model from
         * it); the default, for chains outside a run, is empty.
         */
        default String modelName() {
            return "";
        }

        /**
         * The {@link org.openagention.core.model.Model#contextWindow() context window} of the model
         * the chain ends in, in tokens; 0 when it does not report one, and for chains outside a run
         * (the default).
         */
        default int contextWindow() {
            return 0;
        }

        /** Runs the rest of the chain with {@code request}. */
        ModelResponse proceed(ModelRequest request);

        /**
         * Publishes an event to the run's listeners (compaction reports
         * {@link AgentEvent.ContextCompacted} this way). Observation only; the default, for chains
         * outside a run, drops the event.
         */
        default void publish(AgentEvent event) {}
    }
}
