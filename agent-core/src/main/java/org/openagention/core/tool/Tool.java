// SPDX-License-Identifier: Apache-2.0
package org.openagention.core.tool;

import java.util.Optional;
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
 * {@code URI}) are refused by {@link #of}, {@link #readOnly} and {@link #idempotent} with a
 * {@link org.openagention.core.ConfigurationException} naming the record, the component, its type
 * and what to use instead. Implement the interface directly for tools whose schema comes from elsewhere (an MCP
 * server): the registry still validates arguments against {@link #spec()}.
 *
 * <p>Implementations must be thread-safe: calls of one turn may run in parallel.
 *
 * <h2>Resuming a run: which calls run again</h2>
 * A journaled run that is killed and resumed never runs a call again whose result was journaled.
 * A call that was cut off while it ran (no result in the journal) is treated by what its tool
 * declares: a {@linkplain #readOnly() read-only} or {@linkplain #idempotent() idempotent} call runs
 * again; any other call is not, and the model gets an error result of kind
 * {@link ToolResult.ErrorKind#OUTCOME_UNKNOWN} saying the call may have run, with the tool's
 * {@linkplain #currentState(ToolCall) description of the state now} when it gives one.
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

    /**
     * Whether running a call twice with the same arguments leaves the same state as running it once
     * (writing a whole file, setting a value, an upsert). A resumed run runs such a call again when
     * it was cut off before its result was journaled; a mutating call of a tool that is not
     * idempotent is not run again blindly (see the class comment). Read-only tools are idempotent,
     * which is the default: {@code readOnly()}.
     */
    default boolean idempotent() {
        return readOnly();
    }

    /**
     * What the state {@code call} would have changed looks like now, in a few lines for the model
     * (a file's size and first lines, a record's current value); empty when the tool cannot say,
     * which is the default. Asked only when a resumed run finds that {@code call} started and has no
     * journaled result, so the model can see whether it took effect. Must be cheap and must not
     * change anything; an exception is reported to the model as "could not be described".
     */
    default Optional<String> currentState(ToolCall call) {
        return Optional.empty();
    }

    /**
     * Told that a resumed run took {@code call}'s result from its journal instead of running it
     * again; calls come in the order they first ran. A tool that keeps state across calls brings it
     * up to date here (the file tools re-learn which files the agent had read or written, from the
     * files as they are now, so an edit after the resume is not refused as unread). The default does
     * nothing. Must not change anything outside the tool; an exception is ignored.
     */
    default void replayed(ToolCall call, ToolResult result) {}

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
        return TypedTool.create(name, description, argsType, handler, TypedTool.Kind.MUTATING);
    }

    /**
     * A read-only tool whose arguments are the record (or class) {@code argsType}.
     *
     * @throws org.openagention.core.ConfigurationException when {@code argsType} reaches a type the
     *     schema cannot express
     */
    static <A> Tool readOnly(String name, String description, Class<A> argsType, ToolHandler<A> handler) {
        return TypedTool.create(name, description, argsType, handler, TypedTool.Kind.READ_ONLY);
    }

    /**
     * A mutating tool that is {@linkplain #idempotent() idempotent}, whose arguments are the record
     * (or class) {@code argsType}: a resumed run runs a call of it again when the call was cut off
     * before its result was journaled.
     *
     * <pre>{@code
     * record Put(String key, String value) {}
     * Tool put = Tool.idempotent("put", "Sets a key to a value", Put.class,
     *         (args, ctx) -> { store.put(args.key(), args.value()); return ToolResult.success("ok"); });
     * }</pre>
     *
     * @throws org.openagention.core.ConfigurationException when {@code argsType} reaches a type the
     *     schema cannot express
     */
    static <A> Tool idempotent(String name, String description, Class<A> argsType, ToolHandler<A> handler) {
        return TypedTool.create(name, description, argsType, handler, TypedTool.Kind.IDEMPOTENT);
    }
}
