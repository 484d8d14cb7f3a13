// SPDX-License-Identifier: Apache-2.0
package org.openagention.core.model;

/**
 * What a model charges, in US dollars per million tokens.
 */
public record Price(double inputPerMillion, double outputPerMillion, double cacheReadPerMillion,
        double cacheWritePerMillion) {

    public Price {
        if (inputPerMillion < 0 || outputPerMillion < 0 || cacheReadPerMillion < 0 || cacheWritePerMillion < 0) {
            throw new IllegalArgumentException("prices cannot be negative");
        }
    }

    /** A price with cache reads at a tenth of input and cache writes at 1.25x input. */
    public static Price of(double inputPerMillion, double outputPerMillion) {
        return new Price(inputPerMillion, outputPerMillion, inputPerMillion * 0.1, inputPerMillion * 1.25);
    }

    /** The cost of {@code usage} in US dollars. */
    public double cost(Usage usage) {
        return (usage.inputTokens() * inputPerMillion + usage.outputTokens() * outputPerMillion
                + usage.cacheReadTokens() * cacheReadPerMillion + usage.cacheWriteTokens() * cacheWritePerMillion)
                / 1_000_000d;
    }
}
