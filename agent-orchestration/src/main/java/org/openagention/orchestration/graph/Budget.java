// SPDX-License-Identifier: Apache-2.0
package org.openagention.orchestration.graph;

import java.time.Duration;
import java.util.Objects;

/**
 * How much a graph or a task may spend: tokens, dollars and wall-clock time. Zero means no limit
 * for that dimension.
 *
 * <p>Budgets nest: graph, then task, then the agent of one attempt. An attempt's agent is given
 * {@link org.openagention.core.Limits} no larger than what is left of its task's budget and of
 * the graph's. A limit is checked before each model call, so one call may overshoot by its own
 * size.
 *
 * <pre>{@code
 * Budget b = Budget.UNLIMITED.withMaxTokens(50_000).withMaxCostUsd(0.50);
 * }</pre>
 *
 * @param maxTokens the most tokens; 0 for no limit
 * @param maxCostUsd the most dollars; 0 for no limit
 * @param maxWallClock the longest time; {@link Duration#ZERO} for no limit
 */
public record Budget(long maxTokens, double maxCostUsd, Duration maxWallClock) {

    /** No limit at all. */
    public static final Budget UNLIMITED = new Budget(0, 0, Duration.ZERO);

    public Budget {
        Objects.requireNonNull(maxWallClock, "maxWallClock");
        if (maxTokens < 0) {
            throw new IllegalArgumentException("maxTokens cannot be negative: " + maxTokens);
        }
        if (Double.isNaN(maxCostUsd) || maxCostUsd < 0) {
            throw new IllegalArgumentException("maxCostUsd must be zero or positive: " + maxCostUsd);
        }
        if (maxWallClock.isNegative()) {
            throw new IllegalArgumentException("maxWallClock cannot be negative: " + maxWallClock);
        }
    }

    public Budget withMaxTokens(long tokens) {
        return new Budget(tokens, maxCostUsd, maxWallClock);
    }

    public Budget withMaxCostUsd(double usd) {
        return new Budget(maxTokens, usd, maxWallClock);
    }

    public Budget withMaxWallClock(Duration wallClock) {
        return new Budget(maxTokens, maxCostUsd, wallClock);
    }

    /** Whether no dimension is limited. */
    public boolean isUnlimited() {
        return maxTokens == 0 && maxCostUsd == 0 && maxWallClock.isZero();
    }
}
