// SPDX-License-Identifier: Apache-2.0
package org.openagention.core;

import java.util.Objects;

/**
 * A validated structured answer together with the run that produced it: the counterpart of
 * {@link StructuredOutputException}, which carries the same run data when no valid answer came.
 *
 * <pre>{@code
 * TypedResult<Review> review = agent.run("Review UserDao.java", Review.class);
 * System.out.println(review.value().verdict() + " after " + review.attempts() + " attempt(s), $"
 *         + review.run().costUsd() + ", run " + review.run().runId());
 * }</pre>
 *
 * @param value the answer, parsed, schema-checked and validated
 * @param run the run as it ended (id, transcript, usage, cost)
 * @param attempts how many answers the model gave; 1 when its first was valid
 * @param <T> the answer's type
 */
public record TypedResult<T>(T value, RunResult run, int attempts) {
    public TypedResult {
        Objects.requireNonNull(value, "value");
        Objects.requireNonNull(run, "run");
        if (attempts < 1) {
            throw new IllegalArgumentException("attempts must be at least 1: " + attempts);
        }
    }
}
