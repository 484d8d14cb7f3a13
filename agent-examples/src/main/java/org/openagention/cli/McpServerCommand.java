package org.openagention.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.openagention.core.tool.ToolRegistry;
import org.openagention.mcp.McpServerMain;
import org.openagention.tools.CodingTools;
import org.openagention.tools.Workspace;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/**
 * {@code openagention mcp-server --repo DIR}: serves the coding tools on {@code DIR} over MCP (stdio
 * by default, streamable HTTP with {@code --http PORT}), for any MCP client. Standard output
 * carries only protocol messages.
 */
@Command(name = "mcp-server", mixinStandardHelpOptions = true,
        description = "Serve the coding tools (files, search, shell) on a repository over MCP (stdio, or HTTP with --http).",
        footer = {"", "An MCP client starts it as a stdio server with the command:",
                "  java -jar /path/to/openagention.jar mcp-server --repo /path/to/project",
                "Standard output carries only MCP messages; it serves until its input ends.",
                "The tools run in DIR without asking: add --read-only to serve only the tools that read."})
final class McpServerCommand implements Callable<Integer> {
    @ParentCommand
    OpenAgentionCli parent;

    @Option(names = "--repo", required = true, paramLabel = "DIR", description = "The directory the tools work in.")
    Path repo;

    @Option(names = "--http", paramLabel = "PORT", description = "Serve streamable HTTP on 127.0.0.1:PORT instead of stdio (0: any free port).")
    Integer httpPort;

    @Option(names = "--read-only", description = "Serve only the tools that read (read_file, list_dir, glob, grep).")
    boolean readOnly;

    @Override
    public Integer call() throws InterruptedException {
        Path dir = Options.directory(repo, "--repo");
        List<String> args = httpPort == null ? List.of("--repo", dir.toString())
                : List.of("--repo", dir.toString(), "--http", String.valueOf(httpPort));
        McpServerMain.ToolSource tools = root -> {
            Workspace ws = Workspace.local(root);
            return ToolRegistry.of(readOnly ? CodingTools.readOnly(ws) : CodingTools.all(ws));
        };
        return McpServerMain.run(args, tools, System.in, parent.context().out(), parent.context().err());
    }
}
