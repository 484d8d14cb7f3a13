// SPDX-License-Identifier: Apache-2.0
package org.openagention.core.message;

import java.util.List;

/**
 * One entry of a transcript: a system prompt, a user turn, an assistant turn, or the results of
 * the tools the assistant asked for.
 *
 * <p>A closed set of immutable records. A transcript is a {@code List<Message>} that only grows;
 * it is the state of a run.
 */
public sealed interface Message permits SystemMessage, UserMessage, AssistantMessage, ToolResultMessage {

    /** The blocks of this message, in order. */
    List<Content> content();

    /** The concatenated text blocks of this message. */
    default String text() {
        StringBuilder sb = new StringBuilder();
        for (Content c : content()) {
            if (c instanceof Content.Text t) {
                sb.append(t.text());
            }
        }
        return sb.toString();
    }

    static SystemMessage system(String text) {
        return new SystemMessage(text);
    }

    static UserMessage user(String text) {
        return new UserMessage(List.of(new Content.Text(text)));
    }

    static AssistantMessage assistant(String text) {
        return new AssistantMessage(List.of(new Content.Text(text)));
    }
}
