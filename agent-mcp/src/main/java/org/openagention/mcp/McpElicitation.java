// SPDX-License-Identifier: Apache-2.0
package org.openagention.mcp;

import java.util.Objects;
import java.util.Optional;

/**
 * A user's answer to an elicitation (a server asking for input): {@code accept} with the content
 * (a JSON object matching the requested schema), {@code decline} or {@code cancel}. Immutable.
 */
public record McpElicitation(String action, Optional<String> contentJson) {
    public McpElicitation {
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(contentJson, "contentJson");
        if (!action.equals("accept") && !action.equals("decline") && !action.equals("cancel")) {
            throw new IllegalArgumentException("an elicitation's action is accept, decline or cancel, not " + action);
        }
    }

    public static McpElicitation accept(String contentJson) {
        return new McpElicitation("accept", Optional.of(contentJson));
    }

    public static McpElicitation decline() {
        return new McpElicitation("decline", Optional.empty());
    }

    public static McpElicitation cancel() {
        return new McpElicitation("cancel", Optional.empty());
    }

    public boolean accepted() {
        return action.equals("accept");
    }
}
