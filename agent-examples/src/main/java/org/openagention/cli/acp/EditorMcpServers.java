// SPDX-License-Identifier: Apache-2.0
package org.openagention.cli.acp;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.openagention.core.AgentException;
import org.openagention.core.tool.Tool;
import org.openagention.mcp.McpClient;
import org.openagention.mcp.McpServerConfig;

/**
 * The MCP servers an editor passes in {@code session/new} or {@code session/load}, connected
 * with the SDK's MCP client: stdio servers started in the session's directory, and HTTP servers.
 * Their tools join the session's as {@code server__tool}, under the session's approval mode
 * (tools the policy does not know are asked about). A server that cannot start fails the request,
 * naming it. Closed with the session's process.
 */
final class EditorMcpServers implements AutoCloseable {
    private final List<McpClient> clients = new ArrayList<>();

    static EditorMcpServers connect(JsonNode servers, Path cwd) {
        EditorMcpServers out = new EditorMcpServers();
        try {
            for (JsonNode s : servers) {
                out.clients.add(McpClient.connect(config(s, cwd)));
            }
        } catch (AgentException | IllegalArgumentException e) {
            out.close();
            throw new JsonRpc.RpcError(JsonRpc.RpcError.INVALID_PARAMS, "an MCP server of the session could not be"
                    + " used: " + e.getMessage());
        }
        return out;
    }

    private static McpServerConfig config(JsonNode s, Path cwd) {
        String name = s.path("name").asText("");
        String type = s.path("type").asText("stdio");
        if (type.equals("http")) {
            return new McpServerConfig.Http(name, URI.create(s.path("url").asText("")), pairs(s.path("headers")));
        }
        if (!type.equals("stdio")) {
            throw new IllegalArgumentException("MCP server '" + name + "': the " + type
                    + " transport is not supported (use stdio or http)");
        }
        List<String> args = new ArrayList<>();
        s.path("args").forEach(a -> args.add(a.asText()));
        return new McpServerConfig.Stdio(name, s.path("command").asText(""), args, pairs(s.path("env")),
                Optional.of(cwd));
    }

    /** ACP's [{name, value}] lists as a map. */
    private static Map<String, String> pairs(JsonNode list) {
        Map<String, String> out = new LinkedHashMap<>();
        list.forEach(p -> out.put(p.path("name").asText(), p.path("value").asText()));
        return out;
    }

    List<Tool> tools() {
        List<Tool> tools = new ArrayList<>();
        clients.forEach(c -> tools.addAll(c.tools()));
        return tools;
    }

    @Override
    public void close() {
        clients.forEach(McpClient::close);
    }
}
