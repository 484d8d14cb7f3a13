// SPDX-License-Identifier: Apache-2.0
package org.openagention.mcp;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A server's request for a model completion ({@code sampling/createMessage}), text only.
 *
 * @param server the configured server name
 * @param systemPrompt the system prompt the server suggests
 * @param messages the conversation, oldest first
 * @param maxTokens the most tokens the server wants back
 */
public record McpSamplingRequest(String server, Optional<String> systemPrompt, List<Turn> messages, int maxTokens) {
    /** One message: from the user or the assistant, as text (non-text content is described). */
    public record Turn(boolean fromUser, String text) {
        public Turn {
            Objects.requireNonNull(text, "text");
        }
    }

    public McpSamplingRequest {
        Objects.requireNonNull(server, "server");
        Objects.requireNonNull(systemPrompt, "systemPrompt");
        messages = List.copyOf(messages);
    }
}
