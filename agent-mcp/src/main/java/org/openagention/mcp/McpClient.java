// SPDX-License-Identifier: Apache-2.0
package org.openagention.mcp;

import io.modelcontextprotocol.spec.McpSchema;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.openagention.core.tool.Tool;
import org.openagention.core.tool.ToolContext;
import org.openagention.core.tool.ToolResult;
import org.openagention.mcp.internal.BridgedTool;
import org.openagention.mcp.internal.ServerConnection;
import org.openagention.mcp.internal.ToolNaming;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A live connection to one MCP server whose tools are offered as {@link Tool}s.
 *
 * <p>Each server tool becomes a tool named {@code server__tool} (made provider-safe: characters
 * outside {@code [A-Za-z0-9_-]} become {@code _}, long names are cut to 64 with a hash, and a clash
 * gets {@code -2}, {@code -3}...). Its description and input schema are the server's, and the
 * server's {@code readOnlyHint} annotation becomes {@link Tool#readOnly()}. A call's content is
 * the result text, with {@code structuredContent} appended as JSON (or as the whole text when
 * there is no text content); an {@code isError} result, a JSON-RPC error, a call that outlives
 * {@link McpOptions#callTimeout()} and a lost connection all come back as error results the model
 * can read, never as exceptions.
 *
 * <p><b>Changes.</b> When the server sends {@code notifications/tools/list_changed}, the tool list
 * is fetched again: {@link #tools()} returns the new set from then on, and listeners added with
 * {@link #addToolsListener} are told. An {@code Agent} keeps the tools it was built with: a call
 * to a tool the server has since removed comes back as the server's error, and to offer new tools,
 * build a new agent from the listener ({@code agent.toBuilder().tools(...).build()}).
 *
 * <p><b>Reconnecting.</b> If a stdio server exits, or an HTTP server drops the session, the call
 * in flight is reported as failed and the next call starts (or reconnects to) the server again.
 *
 * <p><b>Closing.</b> {@link #close()} ends the session and, for a stdio server, the whole process
 * tree it launched (TERM, a short grace, then KILL). Thread-safe: tools may be called in
 * parallel.
 *
 * <pre>{@code
 * try (McpClient everything = McpClient.connect(
 *         McpServerConfig.stdio("everything", "npx", "-y", "@modelcontextprotocol/server-everything"))) {
 *     Agent agent = Agent.builder().model(model).tools(everything.tools()).build();
 *     RunResult result = agent.run("Echo hello through the everything server");
 * }
 * }</pre>
 */
public final class McpClient implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(McpClient.class);

    private final McpServerConfig config;
    private final ServerConnection connection;
    private final List<Consumer<List<Tool>>> listeners = new CopyOnWriteArrayList<>();
    private final Map<String, String> assignedNames = new HashMap<>();
    private volatile List<Tool> tools = List.of();

    private McpClient(McpServerConfig config, McpOptions options) {
        this.config = config;
        this.connection = new ServerConnection(config, options, this::toolsListed);
    }

    /** Connects to {@code config} with {@link McpOptions#defaults()}. */
    public static McpClient connect(McpServerConfig config) {
        return connect(config, McpOptions.defaults());
    }

    /**
     * Launches or reaches the server, completes the {@code initialize} handshake and lists its
     * tools.
     *
     * @throws McpConnectionException when the server cannot be started or reached, or does not
     *     answer in {@link McpOptions#connectTimeout()}; nothing is left running then
     */
    public static McpClient connect(McpServerConfig config, McpOptions options) {
        Objects.requireNonNull(config, "config");
        Objects.requireNonNull(options, "options");
        McpClient client = new McpClient(config, options);
        client.connection.connect();
        return client;
    }

    /** The server's name, as configured: the prefix of its tools' names. */
    public String name() {
        return config.name();
    }

    public McpServerConfig config() {
        return config;
    }

    /** The server's tools as last listed (refreshed on {@code tools/list_changed} and on reconnect). */
    public List<Tool> tools() {
        return tools;
    }

    /**
     * Calls the server's tool {@code mcpToolName} (its own name, not the prefixed one) outside any
     * agent run. Never throws for what the server does: failures are error results.
     */
    public ToolResult call(String mcpToolName, String argumentsJson) {
        Objects.requireNonNull(mcpToolName, "mcpToolName");
        Objects.requireNonNull(argumentsJson, "argumentsJson");
        return connection.call(mcpToolName, argumentsJson, ToolContext.standalone());
    }

    /**
     * Adds a listener told of the new tool list each time the server's tools change (after a
     * {@code tools/list_changed} notification or a reconnect). Called on an I/O thread: keep it
     * short; a listener that throws is logged and ignored.
     */
    public void addToolsListener(Consumer<List<Tool>> listener) {
        listeners.add(Objects.requireNonNull(listener, "listener"));
    }

    /** Whether the session is open (a stdio server that exited makes this false until the next call). */
    public boolean isConnected() {
        return connection.isConnected();
    }

    /** The process id of a stdio server while it runs, else -1 (for diagnostics and tests). */
    public long serverPid() {
        return connection.pid();
    }

    /** Ends the session and every process the server launched. Idempotent. */
    @Override
    public void close() {
        connection.close();
    }

    @Override
    public String toString() {
        return "McpClient[" + config.name() + ", " + tools.size() + " tools]";
    }

    private void toolsListed(List<McpSchema.Tool> listed) {
        List<Tool> fresh;
        synchronized (assignedNames) {
            Set<String> taken = new HashSet<>();
            Map<String, String> names = new HashMap<>();
            for (McpSchema.Tool t : listed) {
                String previous = assignedNames.get(t.name());
                if (previous != null && taken.add(previous)) {
                    names.put(t.name(), previous);
                }
            }
            for (McpSchema.Tool t : listed) {
                if (!names.containsKey(t.name())) {
                    String name = ToolNaming.unique(ToolNaming.prefixed(config.name(), t.name()), taken);
                    taken.add(name);
                    names.put(t.name(), name);
                }
            }
            assignedNames.putAll(names);
            fresh = listed.stream().<Tool>map(t -> new BridgedTool(names.get(t.name()), config.name(), t, connection)).toList();
        }
        tools = fresh;
        for (Consumer<List<Tool>> l : listeners) {
            try {
                l.accept(fresh);
            } catch (RuntimeException e) {
                log.warn("a tools listener of MCP server '{}' threw", config.name(), e);
            }
        }
    }
}
