// SPDX-License-Identifier: Apache-2.0
package org.openagention.mcp.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.modelcontextprotocol.spec.McpError;
import io.modelcontextprotocol.spec.McpSchema;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeoutException;
import org.openagention.core.tool.ToolResult;

/**
 * Turns what an MCP server answered into the {@link ToolResult} the model reads: content blocks
 * as text, {@code structuredContent} as JSON (appended, or alone when there is no text), and
 * {@code isError} results, JSON-RPC errors, timeouts and lost connections as errors the model can
 * act on. Stateless.
 */
public final class ResultMapping {
    /** JSON-RPC "invalid params": the arguments did not fit the tool. */
    static final int INVALID_PARAMS = -32602;
    /** JSON-RPC "method not found". */
    static final int METHOD_NOT_FOUND = -32601;

    private ResultMapping() {}

    /** The model-facing result of a completed {@code tools/call}. */
    public static ToolResult toToolResult(String server, String tool, McpSchema.CallToolResult result) {
        String text = text(result);
        if (Boolean.TRUE.equals(result.isError())) {
            return ToolResult.error(text.isEmpty()
                    ? "MCP tool '" + tool + "' of server '" + server + "' reported an error without a message."
                    : text);
        }
        return ToolResult.success(text);
    }

    /** The content blocks as text, then the structured content as JSON unless a text block already carries it. */
    static String text(McpSchema.CallToolResult result) {
        List<String> parts = new ArrayList<>();
        List<McpSchema.Content> content = result.content() == null ? List.of() : result.content();
        for (McpSchema.Content c : content) {
            parts.add(describe(c));
        }
        String joined = String.join("\n", parts);
        Object structured = result.structuredContent();
        if (structured == null) {
            return joined;
        }
        String json = McpJson.write(structured);
        if (content.stream().anyMatch(c -> c instanceof McpSchema.TextContent t && sameJson(t.text(), json))) {
            return joined;
        }
        return joined.isEmpty() ? json : joined + "\n\nStructured content (JSON):\n" + json;
    }

    private static String describe(McpSchema.Content c) {
        if (c instanceof McpSchema.TextContent t) {
            return t.text();
        }
        if (c instanceof McpSchema.ImageContent i) {
            return "[image: " + i.mimeType() + ", " + base64Bytes(i.data()) + " bytes]";
        }
        if (c instanceof McpSchema.AudioContent a) {
            return "[audio: " + a.mimeType() + ", " + base64Bytes(a.data()) + " bytes]";
        }
        if (c instanceof McpSchema.EmbeddedResource r) {
            if (r.resource() instanceof McpSchema.TextResourceContents t) {
                return "[resource " + t.uri() + "]\n" + t.text();
            }
            McpSchema.ResourceContents rc = r.resource();
            return "[resource " + rc.uri() + ": binary" + (rc.mimeType() == null ? "" : ", " + rc.mimeType()) + "]";
        }
        if (c instanceof McpSchema.ResourceLink l) {
            return "[resource link " + l.uri() + (l.name() == null ? "" : " (" + l.name() + ")")
                    + (l.description() == null ? "" : ": " + l.description()) + "]";
        }
        return "[" + c.type() + " content]";
    }

    private static long base64Bytes(String data) {
        return data == null ? 0 : data.length() * 3L / 4;
    }

    private static boolean sameJson(String text, String json) {
        String t = text.strip();
        if (!t.startsWith("{") && !t.startsWith("[")) {
            return false;
        }
        try {
            JsonNode a = McpJson.MAPPER.readTree(t);
            JsonNode b = McpJson.MAPPER.readTree(json);
            return a.equals(b);
        } catch (JsonProcessingException e) {
            return false;
        }
    }

    /** A JSON-RPC error answer as an error result that names the server, the tool and the code. */
    public static ToolResult fromJsonRpcError(String server, String tool, McpError error) {
        McpSchema.JSONRPCResponse.JSONRPCError e = error.getJsonRpcError();
        Integer code = e == null ? null : e.code();
        String message = e == null ? error.getMessage() : e.message();
        String text = "MCP server '" + server + "' refused the call to '" + tool + "': " + message
                + (code == null ? "" : " (JSON-RPC error " + code + ")");
        if (code != null && code == INVALID_PARAMS) {
            return ToolResult.error(ToolResult.ErrorKind.INVALID_ARGUMENTS, text);
        }
        if (code != null && code == METHOD_NOT_FOUND) {
            return ToolResult.error(ToolResult.ErrorKind.UNKNOWN_TOOL, text);
        }
        return ToolResult.error(ToolResult.ErrorKind.TOOL_FAILED, text);
    }

    /** A call that got no answer in time. */
    public static ToolResult timedOut(String server, String tool, Duration timeout) {
        return ToolResult.error(ToolResult.ErrorKind.TIMEOUT, "MCP tool '" + tool + "' of server '" + server
                + "' did not answer within " + human(timeout) + "; the call was abandoned.");
    }

    /** A call lost with its connection; the next call reconnects. */
    public static ToolResult connectionLost(String server, String tool, String why) {
        return ToolResult.error(ToolResult.ErrorKind.TOOL_FAILED, "The call to MCP tool '" + tool + "' of server '" + server
                + "' failed because the connection to the server was lost (" + why
                + "). The server will be reconnected on the next call.");
    }

    /** The first {@link McpError} or {@link TimeoutException} in the cause chain, else the root. */
    public static Throwable significant(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (c instanceof McpError || c instanceof TimeoutException) {
                return c;
            }
            if (c.getCause() == c) {
                break;
            }
        }
        Throwable root = t;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root;
    }

    static String human(Duration d) {
        long ms = d.toMillis();
        return ms % 1000 == 0 ? (ms / 1000) + " s" : ms + " ms";
    }
}
