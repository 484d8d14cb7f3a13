// SPDX-License-Identifier: Apache-2.0
package org.openagention.core.message;

import java.util.ArrayList;
import java.util.List;

/** What the model said: text, thinking and tool uses, in the order it produced them. */
public record AssistantMessage(List<Content> content) implements Message {
    public AssistantMessage {
        content = List.copyOf(content);
    }

    /** The tool uses of this message, in order. */
    public List<Content.ToolUse> toolUses() {
        List<Content.ToolUse> uses = new ArrayList<>();
        for (Content c : content) {
            if (c instanceof Content.ToolUse u) {
                uses.add(u);
            }
        }
        return uses;
    }
}
