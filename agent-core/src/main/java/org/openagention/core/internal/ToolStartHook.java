// SPDX-License-Identifier: Apache-2.0
package org.openagention.core.internal;

import org.openagention.core.tool.Tool;
import org.openagention.core.tool.ToolCall;

/**
 * Implemented by the {@link org.openagention.core.tool.ToolContext} of a loop's tool call: the
 * registry calls it right before a tool's own code runs, after argument validation and every
 * interceptor (an approval, a checkpoint), so the loop can journal the call's intent only when the
 * call really starts. An exception from it fails the call before the tool runs and propagates.
 */
public interface ToolStartHook {
    void starting(Tool tool, ToolCall call);
}
