// SPDX-License-Identifier: Apache-2.0
package org.openagention.mcp;

import java.util.Objects;

/**
 * A tool written for MCP: its result may carry text, images, audio and embedded resources, and
 * while it runs it may report progress, log, and ask the client for sampling or elicitation
 * ({@link McpCallContext}). Serve it with {@link McpToolServer.Builder#addTool(McpServedTool)};
 * plain agent {@code Tool}s are served with {@link McpToolServer.Builder#tools}. Immutable.
 *
 * <pre>{@code
 * McpServedTool chart = McpServedTool.of("chart", "Draws the build times as a PNG",
 *         "{\"type\":\"object\",\"properties\":{}}",
 *         (args, ctx) -> {
 *             ctx.progress(0, 1, "drawing");
 *             return McpToolResult.of(new McpContent.Image(png(), "image/png"));
 *         });
 * }</pre>
 */
public final class McpServedTool {
    /** Runs one call. An exception becomes an error result with its message. */
    @FunctionalInterface
    public interface Handler {
        McpToolResult call(String argumentsJson, McpCallContext context) throws Exception;
    }

    private final String name;
    private final String description;
    private final String inputSchemaJson;
    private final boolean readOnly;
    private final Handler handler;

    private McpServedTool(String name, String description, String inputSchemaJson, boolean readOnly, Handler handler) {
        this.name = Objects.requireNonNull(name, "name");
        this.description = Objects.requireNonNull(description, "description");
        this.inputSchemaJson = Objects.requireNonNull(inputSchemaJson, "inputSchemaJson");
        this.readOnly = readOnly;
        this.handler = Objects.requireNonNull(handler, "handler");
        if (name.isBlank()) {
            throw new IllegalArgumentException("a served tool needs a name");
        }
    }

    /** A tool that may change things (not {@code readOnlyHint}). */
    public static McpServedTool of(String name, String description, String inputSchemaJson, Handler handler) {
        return new McpServedTool(name, description, inputSchemaJson, false, handler);
    }

    /** This tool, advertised as only reading ({@code readOnlyHint: true}). */
    public McpServedTool asReadOnly() {
        return new McpServedTool(name, description, inputSchemaJson, true, handler);
    }

    public String name() {
        return name;
    }

    public String description() {
        return description;
    }

    /** The JSON Schema of the arguments (an object schema). */
    public String inputSchemaJson() {
        return inputSchemaJson;
    }

    public boolean readOnly() {
        return readOnly;
    }

    public Handler handler() {
        return handler;
    }
}
