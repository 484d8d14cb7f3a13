// SPDX-License-Identifier: Apache-2.0
package org.openagention.cli.acp;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import org.openagention.core.tool.ToolCall;
import org.openagention.core.tool.ToolResult;

/**
 * How one of our tool calls looks in the editor: its ACP kind (read, edit, search, execute,
 * think...), a title, the file locations it touches (absolute, for the editor's follow-along) and
 * its result as tool call content.
 */
final class ToolCallView {
    private ToolCallView() {}

    /** The ACP tool kind of a tool of ours. */
    static String kind(String tool) {
        return switch (tool) {
            case "read_file", "list_dir", "load_skill", "read_skill_file" -> "read";
            case "write_file", "edit_file", "apply_patch" -> "edit";
            case "grep", "glob" -> "search";
            case "shell" -> "execute";
            case "todo_write" -> "think";
            default -> "other"; // MCP servers' tools and tools of your own: the editor cannot know what they do
        };
    }

    /** A short title: the tool and its main argument. */
    static String title(ToolCall call) {
        JsonNode a = AcpJson.parse(call.argumentsJson());
        for (String key : new String[] {"command", "path", "pattern", "name"}) {
            if (a.path(key).isTextual()) {
                String v = a.path(key).asText();
                return call.name() + " " + (v.length() > 120 ? v.substring(0, 120) + "…" : v);
            }
        }
        return call.name();
    }

    /** The files the call touches, absolute under {@code cwd}. */
    static ArrayNode locations(ToolCall call, Path cwd) {
        ArrayNode out = AcpJson.array();
        JsonNode a = AcpJson.parse(call.argumentsJson());
        if (a.path("path").isTextual()) {
            ObjectNode loc = AcpJson.object().put("path", cwd.resolve(a.path("path").asText()).normalize().toString());
            if (a.path("offset").isInt()) {
                loc.put("line", a.path("offset").asInt());
            }
            out.add(loc);
        }
        return out;
    }

    /** The {@code tool_call} update announcing {@code call} (pending until it runs). */
    static ObjectNode announced(ToolCall call, Path cwd) {
        ObjectNode u = AcpJson.object().put("sessionUpdate", "tool_call").put("toolCallId", call.id())
                .put("title", title(call)).put("kind", kind(call.name())).put("status", "pending");
        u.set("locations", locations(call, cwd));
        u.set("rawInput", AcpJson.parse(call.argumentsJson()));
        return u;
    }

    /** A {@code tool_call_update} with only a status. */
    static ObjectNode status(String toolCallId, String status) {
        return AcpJson.object().put("sessionUpdate", "tool_call_update").put("toolCallId", toolCallId)
                .put("status", status);
    }

    /** The {@code tool_call_update} that ends a call: its status and its result as text content. */
    static ObjectNode finished(ToolCall call, ToolResult result) {
        boolean failed = result instanceof ToolResult.Error;
        String text = result instanceof ToolResult.Success s ? s.text() : ((ToolResult.Error) result).text();
        ObjectNode u = status(call.id(), failed ? "failed" : "completed");
        ArrayNode content = AcpJson.array();
        content.add(AcpJson.object().put("type", "content").set("content", AcpJson.text(clip(text))));
        u.set("content", content);
        return u;
    }

    /** A {@code diff} tool call content. */
    static ObjectNode diff(String absolutePath, String oldText, String newText) {
        ObjectNode d = AcpJson.object().put("type", "diff").put("path", absolutePath).put("newText", newText);
        if (oldText == null) {
            d.putNull("oldText");
        } else {
            d.put("oldText", oldText);
        }
        return d;
    }

    static String clip(String text) {
        return text.length() > 20_000 ? text.substring(0, 20_000) + "\n… (" + (text.length() - 20_000)
                + " more characters)" : text;
    }
}
