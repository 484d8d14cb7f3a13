// SPDX-License-Identifier: Apache-2.0
package org.openagention.core.model;

/**
 * Tokens one model call (or a whole run) used.
 *
 * <p>{@code inputTokens} counts the uncached input; cache reads and cache writes are counted
 * apart, as both Anthropic and OpenAI price them apart (the providers read Anthropic's
 * {@code cache_read_input_tokens} and {@code cache_creation_input_tokens}, and OpenAI's
 * {@code cached_tokens}, which OpenAI counts inside its input and we take out of it). Use
 * {@link #totalTokens()} for budgets and {@link #cacheReadShare()} to see how well a long session
 * keeps the cache warm.
 */
public record Usage(long inputTokens, long outputTokens, long cacheReadTokens, long cacheWriteTokens) {

    public static final Usage ZERO = new Usage(0, 0, 0, 0);

    public Usage {
        if (inputTokens < 0 || outputTokens < 0 || cacheReadTokens < 0 || cacheWriteTokens < 0) {
            throw new IllegalArgumentException("token counts cannot be negative: " + inputTokens + ", "
                    + outputTokens + ", " + cacheReadTokens + ", " + cacheWriteTokens);
        }
    }

    public Usage(long inputTokens, long outputTokens) {
        this(inputTokens, outputTokens, 0, 0);
    }

    /** All input tokens, cached or not. */
    public long totalInputTokens() {
        return inputTokens + cacheReadTokens + cacheWriteTokens;
    }

    /**
     * The share of the input read from the provider's prompt cache, from 0 to 1: cache reads over
     * all input tokens; 0 when there was no input.
     */
    public double cacheReadShare() {
        long input = totalInputTokens();
        return input == 0 ? 0 : (double) cacheReadTokens / input;
    }

    /** Every token this usage counts. */
    public long totalTokens() {
        return totalInputTokens() + outputTokens;
    }

    public Usage plus(Usage other) {
        return new Usage(inputTokens + other.inputTokens, outputTokens + other.outputTokens,
                cacheReadTokens + other.cacheReadTokens, cacheWriteTokens + other.cacheWriteTokens);
    }
}
