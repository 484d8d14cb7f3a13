// SPDX-License-Identifier: Apache-2.0
package org.openagention.core.tool;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import org.openagention.core.ConfigurationException;
import org.openagention.core.internal.SchemaValidator;
import org.openagention.core.internal.ToolArguments;
import org.openagention.core.internal.ToolStartHook;
import org.openagention.core.internal.TypedTool;
import org.openagention.core.journal.JournalException;

/**
 * The tools of an agent, by name, and the one place a model's tool call is dispatched.
 *
 * <p>{@link #execute} never throws for anything the model did: an unknown tool, arguments that are
 * not JSON or do not match the schema, and a handler that throws each come back as a
 * {@link ToolResult.Error} naming the problem. Arguments are validated before any interceptor or
 * handler runs. Immutable and thread-safe.
 */
public final class ToolRegistry {
    private final Map<String, Entry> tools;
    private final List<ToolInterceptor> interceptors;
    private final List<ToolSpec> specs;

    private record Entry(Tool tool, SchemaValidator validator) {}

    private ToolRegistry(Map<String, Entry> tools, List<ToolInterceptor> interceptors) {
        this.tools = tools;
        this.interceptors = List.copyOf(interceptors);
        List<ToolSpec> s = new ArrayList<>(tools.size());
        tools.values().forEach(e -> s.add(e.tool.spec()));
        this.specs = List.copyOf(s);
    }

    /**
     * A registry of {@code tools}.
     *
     * @throws ConfigurationException when two tools share a name, or a schema is not JSON
     */
    public static ToolRegistry of(List<? extends Tool> tools) {
        Map<String, Entry> map = new LinkedHashMap<>();
        for (Tool tool : tools) {
            Objects.requireNonNull(tool, "tool");
            ToolSpec spec = tool.spec();
            if (map.containsKey(spec.name())) {
                throw new ConfigurationException("two tools are named '" + spec.name()
                        + "': tool names must be unique within an agent");
            }
            SchemaValidator validator;
            try {
                validator = SchemaValidator.of(spec.inputSchemaJson());
            } catch (IllegalStateException e) {
                throw new ConfigurationException("the input schema of tool '" + spec.name() + "' is not JSON: " + e.getMessage(), e);
            }
            map.put(spec.name(), new Entry(tool, validator));
        }
        return new ToolRegistry(map, List.of());
    }

    public static ToolRegistry of(Tool... tools) {
        return of(List.of(tools));
    }

    /** This registry with {@code interceptors} around every call, the first outermost. */
    public ToolRegistry withInterceptors(List<ToolInterceptor> interceptors) {
        return new ToolRegistry(tools, interceptors);
    }

    /** The specs the model sees, in registration order. */
    public List<ToolSpec> specs() {
        return specs;
    }

    public List<Tool> tools() {
        List<Tool> list = new ArrayList<>(tools.size());
        tools.values().forEach(e -> list.add(e.tool));
        return list;
    }

    public Optional<Tool> find(String name) {
        Entry e = tools.get(name);
        return e == null ? Optional.empty() : Optional.of(e.tool);
    }

    /** Whether the named tool exists and only reads. */
    public boolean isReadOnly(String name) {
        Entry e = tools.get(name);
        return e != null && e.tool.readOnly();
    }

    /** Whether the named tool exists and may safely run twice with the same arguments ({@link Tool#idempotent()}). */
    public boolean isIdempotent(String name) {
        Entry e = tools.get(name);
        return e != null && (e.tool.readOnly() || e.tool.idempotent());
    }

    /** Runs one call through validation, the interceptors and the tool. Never throws for the model's mistakes. */
    public ToolResult execute(ToolCall call, ToolContext context) {
        Entry entry = tools.get(call.name());
        if (entry == null) {
            return ToolResult.error(ToolResult.ErrorKind.UNKNOWN_TOOL, "Unknown tool: " + call.name()
                    + ". Available tools: " + String.join(", ", tools.keySet()) + ".");
        }
        Object checked = check(entry, call.argumentsJson());
        if (checked instanceof ToolResult error) {
            return error;
        }
        try {
            if (interceptors.isEmpty()) {
                return invoke(entry, call, (JsonNode) checked, context);
            }
            return new Chain(entry, context, 0, call, (JsonNode) checked, null).proceed(call);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return ToolResult.error(ToolResult.ErrorKind.CANCELLED, "The call to " + call.name() + " was interrupted.");
        } catch (JournalException e) {
            throw e; // the call's intent could not be journaled: the tool did not run, and the run cannot go on
        } catch (Exception | LinkageError | AssertionError e) {
            return ToolResult.error(ToolResult.ErrorKind.HANDLER_EXCEPTION, "Tool " + call.name() + " failed: "
                    + e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage()));
        }
    }

    /** The parsed arguments, or the error result that describes what is wrong with them. */
    private static Object check(Entry entry, String argumentsJson) {
        JsonNode node;
        try {
            node = ToolArguments.parse(argumentsJson);
        } catch (JsonProcessingException e) {
            return ToolArguments.malformed(entry.tool.spec(), e);
        }
        if (!node.isObject()) {
            return ToolArguments.notAnObject(entry.tool.spec(), node);
        }
        List<String> errors = entry.validator.validate(node);
        if (!errors.isEmpty()) {
            return ToolArguments.invalid(entry.tool.spec(), errors);
        }
        return node;
    }

    /** Calls the tool itself, with arguments already validated (and parsed, for a typed tool). */
    private static ToolResult invoke(Entry entry, ToolCall call, JsonNode args, ToolContext context) throws Exception {
        if (context instanceof ToolStartHook hook) {
            hook.starting(entry.tool, call);
        }
        if (entry.tool instanceof TypedTool<?> typed) {
            return typed.callParsed(args, context);
        }
        ToolResult result = entry.tool.call(call, context);
        if (result == null) {
            throw new IllegalStateException("tool '" + call.name() + "' returned null instead of a ToolResult");
        }
        return result;
    }

    /**
     * The interceptor chain of one call. It checks the interceptors' contract: each calls
     * {@link #proceed} at most once and returns a result (its own, to short-circuit, or the
     * chain's); a breach fails the call with an error naming the interceptor.
     */
    private final class Chain implements ToolInterceptor.Chain {
        private final Entry entry;
        private final ToolContext context;
        private final int index;
        private final ToolCall call;
        private final JsonNode parsed;
        /** The interceptor this chain was handed to; null for the outermost chain. */
        private final ToolInterceptor owner;
        private final AtomicBoolean proceeded = new AtomicBoolean();

        Chain(Entry entry, ToolContext context, int index, ToolCall call, JsonNode parsed, ToolInterceptor owner) {
            this.entry = entry;
            this.context = context;
            this.index = index;
            this.call = call;
            this.parsed = parsed;
            this.owner = owner;
        }

        @Override
        public ToolCall call() {
            return call;
        }

        @Override
        public Tool tool() {
            return entry.tool;
        }

        @Override
        public ToolContext context() {
            return context;
        }

        @Override
        public ToolResult proceed(ToolCall next) throws Exception {
            if (proceeded.getAndSet(true) && owner != null) {
                throw new IllegalStateException("tool interceptor " + owner
                        + " called proceed() twice; an interceptor calls it at most once per call");
            }
            JsonNode args = parsed;
            if (!next.argumentsJson().equals(call.argumentsJson())) {
                Object checked = check(entry, next.argumentsJson());
                if (checked instanceof ToolResult error) {
                    return error;
                }
                args = (JsonNode) checked;
            }
            if (index < interceptors.size()) {
                ToolInterceptor interceptor = interceptors.get(index);
                ToolResult result = interceptor.intercept(new Chain(entry, context, index + 1, next, args, interceptor));
                if (result == null) {
                    throw new IllegalStateException("tool interceptor " + interceptor
                            + " returned null; return chain.proceed(call) or a result of its own");
                }
                return result;
            }
            return invoke(entry, next, args, context);
        }
    }
}
