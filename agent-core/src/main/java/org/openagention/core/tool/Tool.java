package org.openagention.core.tool;

import org.openagention.core.internal.TypedTool;

/**
 * A capability the model may call: a {@link ToolSpec} the model sees and a body that runs.
 *
 * <p>Most tools are made from a record of arguments:
 *
 * <pre>{@code
 * record Add(int a, int b) {}
 * Tool add = Tool.of("add", "Adds two integers", Add.class,
 *         (args, ctx) -> ToolResult.success(String.valueOf(args.a() + args.b())));
 * }</pre>
 *
 * The schema is generated from the record (nested records, enums, lists, {@code Optional} fields,
 * and {@link Description} annotations), and arguments are checked against it before the handler
 * runs. A {@code Map<String, V>} component is a JSON object whose keys the model chooses and whose
 * values are {@code V} (any supported type, records and maps included); {@code Map<String, Object>}
 * is any JSON object, its values bound as {@code String}, {@code Integer}, {@code Long},
 * {@code BigInteger}, {@code Double}, {@code Boolean}, {@code null}, {@code List<Object>} and
 * {@code Map<String, Object>}. Types a JSON Schema cannot express ({@code Object} outside map
 * values, raw collections, maps with keys other than {@code String}, interfaces and abstract
 * classes, {@code java.time} and other JDK types besides {@code String}, numbers, {@code UUID} and
 * {@code URI}) are refused by {@link #of} and {@link #readOnly} with a
 * {@link org.openagention.core.ConfigurationException} naming the record, the component, its type
 * and what to use instead. Implement the interface directly for tools whose schema comes from elsewhere (an MCP
 * server): the registry still validates arguments against {@link #spec()}.
 *
 * <p>Implementations must be thread-safe: calls of one turn may run in parallel.
 */
public interface Tool {

    /** The name, description and argument schema the model sees. */
    ToolSpec spec();

    /**
     * Runs the call. The registry has already checked that the arguments parse and match the
     * schema. Exceptions are reported to the model as errors.
     */
    ToolResult call(ToolCall call, ToolContext context) throws Exception;

    /**
     * Whether this tool only reads. Read-only calls of one turn run in parallel and never need a
     * checkpoint or an isolated workspace; anything that changes state must return false.
     */
    default boolean readOnly() {
        return false;
    }

    /** The tool's name, as in its spec. */
    default String name() {
        return spec().name();
    }

    /**
     * A mutating tool whose arguments are the record (or class) {@code argsType}.
     *
     * @throws org.openagention.core.ConfigurationException when {@code argsType} reaches a type the
     *     schema cannot express
     */
    static <A> Tool of(String name, String description, Class<A> argsType, ToolHandler<A> handler) {
        return TypedTool.create(name, description, argsType, handler, false);
    }

    /**
     * A read-only tool whose arguments are the record (or class) {@code argsType}.
     *
     * @throws org.openagention.core.ConfigurationException when {@code argsType} reaches a type the
     *     schema cannot express
     */
    static <A> Tool readOnly(String name, String description, Class<A> argsType, ToolHandler<A> handler) {
        return TypedTool.create(name, description, argsType, handler, true);
    }
}
