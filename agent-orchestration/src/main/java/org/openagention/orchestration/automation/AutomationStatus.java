// SPDX-License-Identifier: Apache-2.0
package org.openagention.orchestration.automation;

/** Where an automation's run stands. */
public enum AutomationStatus {
    /** Not started: the automation has not run yet, or the run is queued behind the one running. */
    IDLE,
    /** The agent is working. */
    RUNNING,
    /** The agent finished with its answer. */
    COMPLETED,
    /** The run could not start (a missing skill, a failing agent factory) or stopped without an answer. */
    FAILED,
    /** The run passed its timeout and was cancelled. */
    TIMED_OUT;

    /** Whether the run has ended. */
    public boolean isFinal() {
        return this == COMPLETED || this == FAILED || this == TIMED_OUT;
    }
}
