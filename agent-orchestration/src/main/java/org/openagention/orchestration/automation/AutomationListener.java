// SPDX-License-Identifier: Apache-2.0
package org.openagention.orchestration.automation;

/**
 * Hears about automation runs as their status changes, and about triggers that cannot do their
 * work (a git poll that fails, a watched directory that vanished).
 *
 * <p>Called on the runner's threads, possibly several at once: implementations must be
 * thread-safe and quick. A listener that throws is logged and ignored.
 */
@FunctionalInterface
public interface AutomationListener {

    /** A run changed status: queued ({@code IDLE}), {@code RUNNING}, or one of the final ones. */
    void onRunChanged(AutomationRun run);

    /** A trigger of {@code automationId} could not check for its event; it keeps trying. */
    default void onTriggerProblem(String automationId, String problem) {}
}
