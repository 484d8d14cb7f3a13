// SPDX-License-Identifier: Apache-2.0
package org.openagention.core.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.Objects;
import org.openagention.core.ConfigurationException;
import org.openagention.core.tool.Tool;
import org.openagention.core.tool.ToolCall;
import org.openagention.core.tool.ToolContext;
import org.openagention.core.tool.ToolHandler;
import org.openagention.core.tool.ToolResult;
import org.openagention.core.tool.ToolSpec;

/** A tool whose arguments bind to a Java type, made by {@link Tool#of}. */
public final class TypedTool<A> implements Tool {
    private final ToolSpec spec;
    private final Class<A> argsType;
    private final ToolHandler<A> handler;
    private final Kind kind;

    /** What a typed tool's calls do to the world. */
    public enum Kind {
        /** Only reads. */
        READ_ONLY,
        /** Changes state, and a second run with the same arguments changes nothing more. */
        IDEMPOTENT,
        /** Changes state; not safe to run twice. */
        MUTATING
    }

    private TypedTool(ToolSpec spec, Class<A> argsType, ToolHandler<A> handler, Kind kind) {
        this.spec = spec;
        this.argsType = argsType;
        this.handler = handler;
        this.kind = kind;
    }

    public static <A> Tool create(String name, String description, Class<A> argsType, ToolHandler<A> handler,
            Kind kind) {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(argsType, "argsType");
        Objects.requireNonNull(handler, "handler");
        String schema;
        try {
            schema = Schemas.of(argsType);
        } catch (ConfigurationException e) {
            throw new ConfigurationException("tool '" + name + "': " + e.getMessage(), e);
        }
        return new TypedTool<>(new ToolSpec(name, description, schema), argsType, handler, kind);
    }

    @Override
    public ToolSpec spec() {
        return spec;
    }

    @Override
    public boolean readOnly() {
        return kind == Kind.READ_ONLY;
    }

    @Override
    public boolean idempotent() {
        return kind != Kind.MUTATING;
    }

    @Override
    public ToolResult call(ToolCall call, ToolContext context) throws Exception {
        JsonNode node;
        try {
            node = ToolArguments.parse(call.argumentsJson());
        } catch (JsonProcessingException e) {
            return ToolArguments.malformed(spec, e);
        }
        return callParsed(node, context);
    }

    /** Runs with arguments already parsed and validated by the registry. */
    public ToolResult callParsed(JsonNode arguments, ToolContext context) throws Exception {
        A args;
        try {
            args = Json.MAPPER.treeToValue(arguments, argsType);
        } catch (JsonProcessingException e) {
            return ToolResult.error(ToolResult.ErrorKind.INVALID_ARGUMENTS,
                    "The arguments for " + spec.name() + " could not be read: " + e.getOriginalMessage()
                            + ". Call it again with arguments matching its schema.");
        }
        ToolResult result = handler.handle(args, context);
        if (result == null) {
            throw new IllegalStateException("the handler of tool '" + spec.name() + "' returned null instead of a ToolResult");
        }
        return result;
    }
}
