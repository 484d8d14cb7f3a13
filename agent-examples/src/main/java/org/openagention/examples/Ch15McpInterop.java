// SPDX-License-Identifier: Apache-2.0
package org.openagention.examples;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.openagention.core.Agent;
import org.openagention.core.ConfigurationException;
import org.openagention.core.testing.FakeModel;
import org.openagention.core.tool.Tool;
import org.openagention.core.tool.ToolRegistry;
import org.openagention.mcp.McpClient;
import org.openagention.mcp.McpConnectionException;
import org.openagention.mcp.McpManifest;
import org.openagention.mcp.McpServerConfig;
import org.openagention.mcp.McpServerMain;
import org.openagention.mcp.McpToolServer;
import org.openagention.tools.ApprovalPolicy;
import org.openagention.tools.Approver;
import org.openagention.tools.Workspace;
import org.openagention.tools.files.FileTools;

/**
 * Chapter 15, MCP servers and tool interop: tools served once over the Model Context Protocol
 * work with any MCP client, and any MCP server's tools work in our agents, with no adapter per
 * pair.
 *
 * <p>Serves our file tools (behind a read-only approval policy) over loopback HTTP and over
 * stdio from a child process, and calls them from an agent. Shows a call the server's policy
 * denies, a tool the server does not have, a third-party server (skipped with a message when it
 * is not installed), a manifest with {@code ${ENV}} expansion, a bad manifest entry, and a
 * server that cannot be started, each reported clearly.
 */
public final class Ch15McpInterop {
    /** The tools our MCP server offers for a repository: the file tools, read-only by policy. */
    public static final class ProjectTools implements McpServerMain.ToolSource {
        @Override
        public ToolRegistry tools(Path repo) {
            return ToolRegistry.of(FileTools.all(Workspace.local(repo)))
                    .withInterceptors(List.of(ApprovalPolicy.readOnly().asInterceptor(Approver.nobody())));
        }
    }

    public static void main(String[] args) throws Exception {
        try (Example ex = Example.start(15, "MCP servers and tool interop", args)) {
            Path repo = ex.tempDir();
            Files.writeString(repo.resolve("README.md"), "# Inventory service\nStock levels per warehouse.\n");
            McpToolServer server = McpToolServer.builder().name("project").tools(new ProjectTools().tools(repo)).build();

            ex.step("Our tools served over MCP (streamable HTTP on loopback) and discovered by our MCP client");
            try (McpToolServer.HttpEndpoint http = server.startHttp(0);
                    McpClient project = McpClient.connect(McpServerConfig.http("project", http.uri()))) {
                ex.say("endpoint " + http.uri());
                project.tools().forEach(t -> ex.say(t.name() + (t.readOnly() ? " (read-only)" : "")));

                ex.step("An agent uses the MCP tools; the server's policy and unknown names come back as errors");
                FakeModel script = new FakeModel()
                        .enqueueToolCall("project__read_file", "{\"path\":\"README.md\"}")
                        .enqueueToolCall("project__write_file", "{\"path\":\"README.md\",\"content\":\"hacked\"}")
                        .enqueueToolCall("project__delete_repository", "{}")
                        .enqueueText("The service tracks stock levels per warehouse; I may only read it.");
                Agent.builder().model(ex.model(script)).tools(project.tools()).addListener(ex.trace()).build()
                        .run("What is this service? Improve its README.");
                ex.say("README.md unchanged: " + Files.readString(repo.resolve("README.md")).startsWith("# Inventory"));
            }

            ex.step("The same server as a child process over stdio (the way IDEs launch MCP servers)");
            String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
            try (McpClient stdio = McpClient.connect(McpServerConfig.stdio("project", java, "-cp",
                    System.getProperty("java.class.path"), McpServerMain.class.getName(),
                    "--tools", ProjectTools.class.getName(), "--repo", repo.toString()))) {
                ex.say("list_dir over stdio: " + Example.oneLine(stdio.call("list_dir", "{}").text()));
            }

            ex.step("A third-party server: the reference 'everything' server from npm, if installed");
            String npmCache = System.getenv().getOrDefault("OPENAGENTION_NPM_CACHE",
                    Path.of(System.getProperty("user.home"), ".cache/openagention/npm").toString());
            Path everything = Path.of(npmCache, "node_modules/@modelcontextprotocol/server-everything/dist/index.js");
            if (!Files.isRegularFile(everything)) {
                ex.say("skipped: " + everything + " is not installed (run .ci/install-mcp-servers.sh to get it)");
            } else {
                try (McpClient peer = McpClient.connect(McpServerConfig.stdio("everything", "node", everything.toString(),
                        "stdio"))) {
                    ex.say(peer.tools().size() + " tools, such as " + peer.tools().stream().map(Tool::name).limit(3).toList());
                    ex.say("echo: " + peer.call("echo", "{\"message\":\"hello over MCP\"}").text());
                } catch (McpConnectionException e) {
                    ex.say("skipped: the everything server did not start: " + e.getMessage());
                }
            }

            ex.step("Manifests in the mcpServers layout, with ${ENV} expansion; bad entries and dead servers reported");
            McpManifest manifest = McpManifest.parse("{\"mcpServers\":{\"project\":{\"url\":\"${PROJECT_URL}\"},"
                    + "\"old\":{\"url\":\"http://127.0.0.1:1/mcp\",\"disabled\":true}}}",
                    Map.of("PROJECT_URL", "http://127.0.0.1:4000/mcp"));
            ex.say("parsed: " + manifest.servers());
            try {
                McpManifest.parse("{\"mcpServers\":{\"legacy\":{\"type\":\"sse\",\"url\":\"http://127.0.0.1:4000/sse\"}}}", Map.of());
            } catch (ConfigurationException e) {
                ex.refused("a manifest entry", e);
            }
            try {
                McpClient.connect(McpServerConfig.stdio("ghost", "openagention-no-such-server"));
            } catch (McpConnectionException e) {
                ex.refused("connecting", e);
            }
        }
    }
}
