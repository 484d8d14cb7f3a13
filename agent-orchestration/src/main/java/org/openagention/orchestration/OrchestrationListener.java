// SPDX-License-Identifier: Apache-2.0
package org.openagention.orchestration;

/**
 * Observes a run's progress (for a CLI's live view, metrics, traces). Observe-only: it cannot
 * change anything.
 *
 * <p>Called synchronously on the supervisor's thread, in the order things happen: keep it quick.
 * A listener that throws is logged and ignored; it never breaks the run.
 */
@FunctionalInterface
public interface OrchestrationListener {
    void onEvent(OrchestrationEvent event);
}
