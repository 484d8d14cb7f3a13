// SPDX-License-Identifier: Apache-2.0
package org.openagention.core.tool;

import org.openagention.core.AgentEvent;

/**
 * What a running tool call may know about the run around it.
 *
 * <p>Supplied by the loop; tools must not keep it past the call. Implementations are
 * thread-safe: read-only calls of one turn run in parallel.
 */
public interface ToolContext {

    /** The id of the run this call belongs to. */
    String runId();

    /** The turn (1-based) whose model response asked for this call. */
    int turn();

    /** Whether the run has been cancelled; long-running tools poll it and stop early. */
    boolean isCancelled();

    /** Publishes an event to the run's listeners (an approval decision, for example). */
    void publish(AgentEvent event);

    /** A context for calling a tool outside any run (tests, a tool used on its own). */
    static ToolContext standalone() {
        return StandaloneToolContext.INSTANCE;
    }
}
