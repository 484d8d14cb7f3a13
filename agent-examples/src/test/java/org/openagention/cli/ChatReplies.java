// SPDX-License-Identifier: Apache-2.0
package org.openagention.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/** Test help: the answers of a loopback model server that speaks the Chat Completions format. */
final class ChatReplies {
    private ChatReplies() {}

    /** An empty assistant message, for a test's model to fill with content or tool calls. */
    static ObjectNode assistant() {
        return EventJson.JSON.createObjectNode().put("role", "assistant");
    }

    /** Makes {@code message} call tool {@code name} with {@code args} (JSON) under call id {@code id}. */
    static void toolCall(ObjectNode message, String id, String name, String args) {
        message.putNull("content").putArray("tool_calls").addObject().put("id", id).put("type", "function")
                .putObject("function").put("name", name).put("arguments", args);
    }

    /**
     * Answers {@code exchange} with a completion holding {@code message} (finish reason
     * {@code tool_calls} when it calls tools, else {@code stop}) and usage of 100 in, 10 out.
     */
    static void send(HttpExchange exchange, String completionId, ObjectNode message) throws IOException {
        ObjectNode response = EventJson.JSON.createObjectNode().put("id", completionId).put("object", "chat.completion")
                .put("created", 1).put("model", "gpt-4o-mini");
        response.putArray("choices").addObject().put("index", 0)
                .put("finish_reason", message.has("tool_calls") ? "tool_calls" : "stop").set("message", message);
        response.putObject("usage").put("prompt_tokens", 100).put("completion_tokens", 10).put("total_tokens", 110);
        byte[] bytes = response.toString().getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(200, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }
}
