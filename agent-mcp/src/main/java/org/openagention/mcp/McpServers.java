// SPDX-License-Identifier: Apache-2.0
package org.openagention.mcp;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;
import org.openagention.core.ConfigurationException;
import org.openagention.core.tool.Tool;
import org.openagention.mcp.internal.ToolNaming;

/**
 * Several MCP servers connected at once (typically the servers of an {@link McpManifest}), with
 * all their tools in one list.
 *
 * <p>Tool names are prefixed with their server's name, so two servers offering {@code search}
 * give {@code github__search} and {@code docs__search}. Server names that would give the same
 * prefix once made provider-safe (say {@code my.server} and {@code my_server}) are refused.
 * Connecting is all or nothing: if one server cannot be reached, the ones already started are
 * closed and the {@link McpConnectionException} names the server. See {@link McpClient} for how
 * tool changes, errors and reconnects behave. Thread-safe.
 *
 * <pre>{@code
 * McpManifest manifest = McpManifest.read(Path.of(".mcp.json"), System.getenv());
 * try (McpServers servers = McpServers.connect(manifest, McpOptions.defaults())) {
 *     Agent agent = Agent.builder().model(model).tools(servers.tools()).build();
 *     agent.run("List the files you can see");
 * }
 * }</pre>
 */
public final class McpServers implements AutoCloseable {
    private final List<McpClient> clients;

    private McpServers(List<McpClient> clients) {
        this.clients = List.copyOf(clients);
    }

    /** Connects to every server of {@code manifest}. */
    public static McpServers connect(McpManifest manifest, McpOptions options) {
        return connect(manifest.servers(), options);
    }

    /**
     * Connects to every server in {@code configs}, in order.
     *
     * @throws ConfigurationException when two servers share a name or a tool-name prefix
     * @throws McpConnectionException when a server cannot be reached (the others are closed)
     */
    public static McpServers connect(List<? extends McpServerConfig> configs, McpOptions options) {
        Objects.requireNonNull(configs, "configs");
        Objects.requireNonNull(options, "options");
        Map<String, String> prefixes = new HashMap<>();
        for (McpServerConfig c : configs) {
            String prefix = ToolNaming.sanitise(c.name());
            String other = prefixes.putIfAbsent(prefix, c.name());
            if (other != null) {
                throw new ConfigurationException(other.equals(c.name())
                        ? "two MCP servers are named '" + c.name() + "': server names must be unique"
                        : "MCP servers '" + other + "' and '" + c.name() + "' would both prefix their tools with '"
                                + prefix + ToolNaming.SEPARATOR + "': rename one of them");
            }
        }
        List<McpClient> connected = new ArrayList<>();
        try {
            for (McpServerConfig c : configs) {
                connected.add(McpClient.connect(c, options));
            }
        } catch (RuntimeException e) {
            connected.forEach(McpClient::close);
            throw e;
        }
        return new McpServers(connected);
    }

    /** Every server's current tools, server by server in configuration order. */
    public List<Tool> tools() {
        List<Tool> all = new ArrayList<>();
        clients.forEach(c -> all.addAll(c.tools()));
        return List.copyOf(all);
    }

    /** The connected servers, in configuration order. */
    public List<McpClient> clients() {
        return clients;
    }

    /** The server named {@code name}. */
    public Optional<McpClient> client(String name) {
        return clients.stream().filter(c -> c.name().equals(name)).findFirst();
    }

    /** Adds a listener told of the whole new tool list whenever any server's tools change. */
    public void addToolsListener(Consumer<List<Tool>> listener) {
        Objects.requireNonNull(listener, "listener");
        clients.forEach(c -> c.addToolsListener(changed -> listener.accept(tools())));
    }

    /** Closes every server (each one's failure to close is not allowed to stop the others). Idempotent. */
    @Override
    public void close() {
        RuntimeException first = null;
        for (McpClient c : clients) {
            try {
                c.close();
            } catch (RuntimeException e) {
                if (first == null) {
                    first = e;
                } else {
                    first.addSuppressed(e);
                }
            }
        }
        if (first != null) {
            throw first;
        }
    }
}
