// SPDX-License-Identifier: Apache-2.0
package org.openagention.orchestration.internal;

import java.time.Duration;
import org.openagention.core.Limits;
import org.openagention.orchestration.graph.Budget;
/** Budget arithmetic: what an attempt may spend, and an agent's limits narrowed to it. */
public final class Allotments {
    private Allotments() {}

    /** {@code limits} with its token, cost and time limits no larger than {@code allotment}'s. */
    public static Limits narrow(Limits limits, Budget allotment) {
        return limits.toBuilder()
                .maxTokens(min(limits.maxTokens(), allotment.maxTokens()))
                .maxCostUsd(min(limits.maxCostUsd(), allotment.maxCostUsd()))
                .timeout(min(limits.timeout(), allotment.maxWallClock()))
                .build();
    }

    /** The smaller of two limits where 0 means none. */
    static long min(long a, long b) {
        return a == 0 ? b : b == 0 ? a : Math.min(a, b);
    }

    static double min(double a, double b) {
        return a == 0 ? b : b == 0 ? a : Math.min(a, b);
    }

    static Duration min(Duration a, Duration b) {
        return a.isZero() ? b : b.isZero() ? a : a.compareTo(b) <= 0 ? a : b;
    }
}
