// SPDX-License-Identifier: Apache-2.0
package org.openagention.mcp.internal;

import com.fasterxml.jackson.databind.JsonMappingException;
import io.modelcontextprotocol.spec.McpSchema;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Checks the {@code params} of an incoming message before the SDK sees them. The SDK reads them
 * with Jackson and, when their shape is wrong (a string where an object belongs, an
 * {@code arguments} that is not an object, a {@code tools/call} without a name), answers
 * {@code -32603} and logs Jackson's stack trace. Both server transports ask here first and answer
 * such a request with JSON-RPC's invalid-params error ({@code -32602}) and a one-line warning.
 * Stateless.
 */
public final class RequestParams {
    /** JSON-RPC's "invalid params" error code. */
    public static final int INVALID_PARAMS = -32602;

    private static final Map<String, Class<?>> TYPES = Map.of(
            McpSchema.METHOD_INITIALIZE, McpSchema.InitializeRequest.class,
            McpSchema.METHOD_TOOLS_CALL, McpSchema.CallToolRequest.class,
            McpSchema.METHOD_TOOLS_LIST, McpSchema.PaginatedRequest.class,
            McpSchema.METHOD_LOGGING_SET_LEVEL, McpSchema.SetLevelRequest.class);

    private RequestParams() {}

    /** What is wrong with {@code params} (as the SDK parsed them) for {@code method}, or empty when nothing is. */
    public static Optional<String> problem(String method, Object params) {
        if (params == null) {
            return McpSchema.METHOD_TOOLS_CALL.equals(method)
                    ? Optional.of("Invalid params: tools/call needs params {\"name\": TOOL, \"arguments\": {...}}")
                    : Optional.empty();
        }
        if (!(params instanceof Map)) {
            return Optional.of("Invalid params: the params of " + method + " must be a JSON object, not " + kind(params));
        }
        Class<?> type = TYPES.get(method);
        if (type == null) {
            return Optional.empty();
        }
        Object value;
        try {
            value = McpJson.MAPPER.convertValue(params, type);
        } catch (IllegalArgumentException e) {
            return Optional.of("Invalid params for " + method + ": " + where(e) + " has the wrong type");
        }
        if (value instanceof McpSchema.CallToolRequest call && (call.name() == null || call.name().isBlank())) {
            return Optional.of("Invalid params for tools/call: 'name' (the tool to call) is missing");
        }
        return Optional.empty();
    }

    /** The error response to {@code request} for {@code problem}. */
    public static McpSchema.JSONRPCResponse error(McpSchema.JSONRPCRequest request, String problem) {
        return McpSchema.JSONRPCResponse.error(request.id(),
                new McpSchema.JSONRPCResponse.JSONRPCError(INVALID_PARAMS, problem));
    }

    /** The part of the params a mapping failure is about: {@code 'arguments'}, or {@code the params}. */
    private static String where(IllegalArgumentException e) {
        if (e.getCause() instanceof JsonMappingException m && !m.getPath().isEmpty()) {
            List<JsonMappingException.Reference> path = m.getPath();
            return "'" + path.stream().map(r -> r.getFieldName() != null ? r.getFieldName() : "[" + r.getIndex() + "]")
                    .collect(Collectors.joining(".")) + "'";
        }
        return "the params";
    }

    private static String kind(Object params) {
        if (params instanceof List) {
            return "an array";
        }
        if (params instanceof String) {
            return "a string";
        }
        if (params instanceof Number) {
            return "a number";
        }
        return params instanceof Boolean ? "a boolean" : "a " + params.getClass().getSimpleName();
    }
}
