// SPDX-License-Identifier: Apache-2.0
package org.openagention.core.model;

/**
 * Tokens one model call (or a whole run) used.
 *
 * <p>{@code inputTokens} counts the uncached input; cache reads and cache writes are counted
 * apart, as both Anthropic and OpenAI price them apart. Use {@link #totalTokens()} for budgets.
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

    /** Every token this usage counts. */
    public long totalTokens() {
        return totalInputTokens() + outputTokens;
    }

    public Usage plus(Usage other) {
        return new Usage(inputTokens + other.inputTokens, outputTokens + other.outputTokens,
                cacheReadTokens + other.cacheReadTokens, cacheWriteTokens + other.cacheWriteTokens);
    }
}
