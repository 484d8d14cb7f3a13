// SPDX-License-Identifier: Apache-2.0
package org.openagention.orchestration;

import org.openagention.orchestration.planning.Planner;

/** What a run does when a task fails for good (its retries spent, or a failure not retried). */
public enum FailurePolicy {
    /** Start nothing more; let running tasks finish; the run ends {@link RunStatus#FAILED}. */
    FAIL_FAST,
    /** Skip every task that depends on the failed one, directly or not, and run the rest. */
    SKIP_DEPENDENTS,
    /**
     * Ask the {@link Planner} for a new plan of the remaining work ({@link Planner#replan}); when
     * the planner fails or the replan limit is reached, skip dependents instead.
     */
    REPLAN
}
