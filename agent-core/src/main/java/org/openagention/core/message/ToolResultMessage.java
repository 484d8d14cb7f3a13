// SPDX-License-Identifier: Apache-2.0
package org.openagention.core.message;

import java.util.List;

/**
 * The outputs of the tools one assistant message asked for, one {@link Content.ToolOutput} per
 * tool use, in the order of the uses.
 */
public record ToolResultMessage(List<Content.ToolOutput> outputs) implements Message {
    public ToolResultMessage {
        outputs = List.copyOf(outputs);
    }

    @Override
    public List<Content> content() {
        return List.copyOf(outputs);
    }
}
