// SPDX-License-Identifier: Apache-2.0
package org.openagention.orchestration;

/** How an orchestrated run ended. A run always ends; it never hangs. */
public enum RunStatus {
    /** Every task is done. */
    COMPLETED,
    /** At least one task failed for good (and, under fail-fast, the run stopped early). */
    FAILED,
    /** Nothing was ready and nothing was running, yet tasks were left: blocked ones and those waiting on them. */
    STALLED,
    /** The graph's budget was spent before every task could run. */
    BUDGET_SPENT,
    /** The thread running the graph was interrupted. */
    CANCELLED;

    public boolean isSuccess() {
        return this == COMPLETED;
    }
}
