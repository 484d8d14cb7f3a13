// SPDX-License-Identifier: Apache-2.0
package org.openagention.mcp;

import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * How to reach one MCP server: a command to launch and talk to over stdio, or a streamable HTTP
 * endpoint.
 *
 * <p>A closed set: {@link Stdio} or {@link Http}. Values are immutable; collections are copied.
 * {@link McpManifest} builds them from the {@code mcpServers} JSON layout, or build them in code:
 *
 * <pre>{@code
 * McpServerConfig everything = McpServerConfig.stdio("everything", "npx", "-y", "@modelcontextprotocol/server-everything");
 * McpServerConfig remote = McpServerConfig.http("docs", URI.create("http://127.0.0.1:3001/mcp"));
 * }</pre>
 */
public sealed interface McpServerConfig {

    /** The server's name: the prefix of its tools' names ({@code name__tool}). */
    String name();

    /**
     * A server launched as a child process, speaking newline-delimited JSON-RPC on stdin/stdout.
     *
     * @param env variables added to (or overriding) this process's environment for the child
     * @param workingDirectory the child's working directory; empty for this process's
     */
    record Stdio(String name, String command, List<String> args, Map<String, String> env,
            Optional<Path> workingDirectory) implements McpServerConfig {
        public Stdio {
            requireName(name);
            Objects.requireNonNull(command, "command");
            if (command.isBlank()) {
                throw new IllegalArgumentException("MCP server '" + name + "': the command is empty");
            }
            args = List.copyOf(args);
            env = Map.copyOf(env);
            Objects.requireNonNull(workingDirectory, "workingDirectory");
        }
    }

    /**
     * A server reached over the streamable HTTP transport.
     *
     * @param url the MCP endpoint, such as {@code http://127.0.0.1:3001/mcp}
     * @param headers sent with every request (an {@code Authorization} header, for example)
     */
    record Http(String name, URI url, Map<String, String> headers) implements McpServerConfig {
        public Http {
            requireName(name);
            Objects.requireNonNull(url, "url");
            String scheme = url.getScheme();
            if (!"http".equalsIgnoreCase(scheme) && !"https".equalsIgnoreCase(scheme)) {
                throw new IllegalArgumentException("MCP server '" + name + "': url '" + url
                        + "' is not an http or https URL");
            }
            headers = Map.copyOf(headers);
        }
    }

    /** A stdio server launched as {@code command args...} with no extra environment. */
    static Stdio stdio(String name, String command, String... args) {
        return new Stdio(name, command, List.of(args), Map.of(), Optional.empty());
    }

    /** A streamable HTTP server at {@code url}, with no extra headers. */
    static Http http(String name, URI url) {
        return new Http(name, url, Map.of());
    }

    private static void requireName(String name) {
        Objects.requireNonNull(name, "name");
        if (name.isBlank()) {
            throw new IllegalArgumentException("an MCP server name must not be empty");
        }
    }
}
