// SPDX-License-Identifier: Apache-2.0
package org.openagention.tools.files;

import java.util.Optional;
import java.util.function.Consumer;
import org.openagention.core.tool.Tool;
import org.openagention.core.tool.ToolCall;
import org.openagention.core.tool.ToolContext;
import org.openagention.core.tool.ToolResult;
import org.openagention.core.tool.ToolSpec;

/**
 * A file tool that, when a resumed run replays one of its successful calls from the journal,
 * brings the shared {@link ReadLedger} up to date for the files that call read or wrote (as they
 * are on disk now): what the agent had read before the interruption still counts as read.
 */
final class Relearning implements Tool {
    private final Tool tool;
    private final Consumer<ToolCall> relearn;

    private Relearning(Tool tool, Consumer<ToolCall> relearn) {
        this.tool = tool;
        this.relearn = relearn;
    }

    static Tool wrap(Tool tool, Consumer<ToolCall> relearn) {
        return new Relearning(tool, relearn);
    }

    @Override
    public ToolSpec spec() {
        return tool.spec();
    }

    @Override
    public ToolResult call(ToolCall call, ToolContext context) throws Exception {
        return tool.call(call, context);
    }

    @Override
    public boolean readOnly() {
        return tool.readOnly();
    }

    @Override
    public boolean idempotent() {
        return tool.idempotent();
    }

    @Override
    public Optional<String> currentState(ToolCall call) {
        return tool.currentState(call);
    }

    @Override
    public void replayed(ToolCall call, ToolResult result) {
        if (result instanceof ToolResult.Success) {
            relearn.accept(call);
        }
    }

    @Override
    public String toString() {
        return tool.toString();
    }
}
