// SPDX-License-Identifier: Apache-2.0
package org.openagention.core.testing;

import java.util.Objects;

/**
 * A well-formed answer from a {@link FaultyProvider}: a final text or a tool call, rendered in the
 * provider's wire format (one JSON document, or a server-sent-event stream when the request asked
 * for {@code "stream": true}).
 *
 * <pre>{@code
 * FaultyProvider.openAi().then(Reply.toolCall("read_file", "{\"path\":\"README.md\"}"))
 *         .then(Reply.text("The README says hello.")).start();
 * }</pre>
 *
 * <p>Immutable.
 */
public final class Reply implements FaultyProvider.Answer {
    private final String text;
    private final String toolName;
    private final String argumentsJson;

    private Reply(String text, String toolName, String argumentsJson) {
        this.text = text;
        this.toolName = toolName;
        this.argumentsJson = argumentsJson;
    }

    /** A final answer (finish reason {@code stop} / {@code end_turn}) whose text is {@code text}. */
    public static Reply text(String text) {
        return new Reply(Objects.requireNonNull(text, "text"), null, null);
    }

    /**
     * A turn that calls one tool. The call id is generated; {@code argumentsJson} must be a JSON
     * object (Anthropic sends it as an object, OpenAI as a string holding it).
     */
    public static Reply toolCall(String name, String argumentsJson) {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(argumentsJson, "argumentsJson");
        if (!argumentsJson.strip().startsWith("{")) {
            throw new IllegalArgumentException("tool call arguments must be a JSON object: " + argumentsJson);
        }
        return new Reply("", name, argumentsJson);
    }

    boolean isToolCall() {
        return toolName != null;
    }

    String text() {
        return text;
    }

    String toolName() {
        return toolName;
    }

    String argumentsJson() {
        return argumentsJson;
    }

    @Override
    public String toString() {
        return isToolCall() ? "tool call " + toolName : "text (" + text.length() + " chars)";
    }
}
