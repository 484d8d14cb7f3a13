// SPDX-License-Identifier: Apache-2.0
package org.openagention.orchestration;

import java.time.Duration;
import java.util.Objects;

/**
 * What a task (or a whole run) spent: tokens, dollars and worker time.
 *
 * @param tokens every token counted by the workers' models
 * @param costUsd dollars, by the workers' price tables
 * @param elapsed time spent in attempts (workers and checks), summed over attempts
 */
public record Spend(long tokens, double costUsd, Duration elapsed) {

    public static final Spend ZERO = new Spend(0, 0, Duration.ZERO);

    public Spend {
        Objects.requireNonNull(elapsed, "elapsed");
    }

    public Spend plus(Spend other) {
        return new Spend(tokens + other.tokens, costUsd + other.costUsd, elapsed.plus(other.elapsed));
    }
}
