// SPDX-License-Identifier: Apache-2.0
package org.openagention.core;

/**
 * Observes a run's events. Listeners cannot change anything: use interceptors to control.
 *
 * <p>Called synchronously on the thread that produced the event, which for parallel tool calls
 * may be several threads at once: implementations must be thread-safe and quick. A listener that
 * throws is logged and ignored; it never breaks the run.
 */
@FunctionalInterface
public interface AgentListener {
    void onEvent(AgentEvent event);
}
