// SPDX-License-Identifier: Apache-2.0
package org.openagention.core.tool;

import org.openagention.core.AgentEvent;

final class StandaloneToolContext implements ToolContext {
    static final StandaloneToolContext INSTANCE = new StandaloneToolContext();

    @Override
    public String runId() {
        return "standalone";
    }

    @Override
    public int turn() {
        return 0;
    }

    @Override
    public boolean isCancelled() {
        return false;
    }

    @Override
    public void publish(AgentEvent event) {
        // No run, no listeners.
    }
}
