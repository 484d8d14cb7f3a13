// SPDX-License-Identifier: Apache-2.0
package org.openagention.mcp;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.openagention.core.ConfigurationException;
import org.openagention.mcp.internal.ManifestParser;

/**
 * Several MCP servers described in the {@code mcpServers} JSON layout that other coding agents and
 * IDEs read:
 *
 * <pre>{@code
 * {
 *   "mcpServers": {
 *     "everything": { "command": "npx", "args": ["-y", "@modelcontextprotocol/server-everything"],
 *                     "env": { "LOG_LEVEL": "${LOG_LEVEL:-info}" } },
 *     "docs":       { "url": "http://127.0.0.1:3001/mcp",
 *                     "headers": { "Authorization": "Bearer ${DOCS_TOKEN}" } }
 *   }
 * }
 * }</pre>
 *
 * <p>An entry with {@code command} (and optional {@code args}, {@code env}, {@code cwd}) is a
 * stdio server; one with {@code url} (and optional {@code headers}) is a streamable HTTP server.
 * {@code type} may say {@code stdio} or {@code http} ({@code streamable-http} too) explicitly;
 * the legacy {@code sse} transport is refused. Entries with {@code "disabled": true} are skipped,
 * and fields this library does not use are ignored. In every string value, {@code ${NAME}} and
 * {@code ${NAME:-default}} are replaced from the environment map given to the parser (never read
 * behind the caller's back) and {@code $$} is a literal {@code $}.
 *
 * <p>Every bad entry is a {@link ConfigurationException} naming the server and the field. Immutable
 * and thread-safe.
 *
 * <pre>{@code
 * McpManifest manifest = McpManifest.read(Path.of(".mcp.json"), System.getenv());
 * try (McpServers servers = McpServers.connect(manifest.servers(), McpOptions.defaults())) {
 *     Agent agent = Agent.builder().model(model).tools(servers.tools()).build();
 * }
 * }</pre>
 */
public final class McpManifest {
    private final List<McpServerConfig> servers;

    private McpManifest(List<McpServerConfig> servers) {
        this.servers = List.copyOf(servers);
    }

    /**
     * Parses manifest JSON. Relative {@code cwd} values are kept as written.
     *
     * @param env the variables {@code ${NAME}} references are read from
     * @throws ConfigurationException naming the server and field of the first bad entry
     */
    public static McpManifest parse(String json, Map<String, String> env) {
        Objects.requireNonNull(json, "json");
        Objects.requireNonNull(env, "env");
        return new McpManifest(ManifestParser.parse(json, env, Optional.empty(), "MCP manifest"));
    }

    /**
     * Reads a manifest file. Relative {@code cwd} values are resolved against the file's folder.
     *
     * @throws ConfigurationException when the file cannot be read or an entry is bad
     */
    public static McpManifest read(Path file, Map<String, String> env) {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(env, "env");
        String json;
        try {
            json = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new ConfigurationException("cannot read MCP manifest " + file + ": " + e, e);
        }
        Path base = file.toAbsolutePath().getParent();
        return new McpManifest(ManifestParser.parse(json, env, Optional.ofNullable(base), "MCP manifest " + file));
    }

    /** The enabled servers, in the order the manifest lists them. */
    public List<McpServerConfig> servers() {
        return servers;
    }

    /** The server named {@code name}, if the manifest has it (and it is enabled). */
    public Optional<McpServerConfig> server(String name) {
        return servers.stream().filter(s -> s.name().equals(name)).findFirst();
    }

    @Override
    public String toString() {
        return "McpManifest" + servers.stream().map(McpServerConfig::name).toList();
    }
}
