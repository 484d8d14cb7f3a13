// SPDX-License-Identifier: Apache-2.0
package org.openagention.core;

/** Why a run ended. Every limit has its own reason; a run never ends by hanging. */
public enum StopReason {
    /** The model gave a final answer (a turn without tool calls). */
    COMPLETED,
    /** The turn limit was reached. */
    MAX_TURNS,
    /** The token budget was spent. */
    TOKEN_BUDGET,
    /** The cost budget was spent. */
    COST_BUDGET,
    /** The wall-clock limit passed. */
    TIMEOUT,
    /** Too many tool calls in a row failed. */
    TOOL_ERRORS,
    /** The model repeated the same call too many times in a row (the loop guard). */
    LOOP_DETECTED,
    /** The model's answer was cut off by its output token limit. */
    OUTPUT_LIMIT,
    /** Someone cancelled the run. */
    CANCELLED,
    /** The model provider failed and retries did not help. */
    MODEL_ERROR,
    /**
     * The next request would not fit the model's context window, even with the older messages
     * compacted (a single message too large, or a provider that said the prompt is too long); it
     * was not sent, or the provider refused it.
     */
    CONTEXT_WINDOW;

    /** Whether the run ended with the model's own final answer. */
    public boolean isSuccess() {
        return this == COMPLETED;
    }
}
