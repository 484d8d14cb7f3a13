// SPDX-License-Identifier: Apache-2.0
package org.openagention.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.openagention.core.tool.Tool;
import org.openagention.core.tool.ToolRegistry;
import org.openagention.mcp.McpServerMain;
import org.openagention.tools.CodingTools;
import org.openagention.tools.Workspace;
import org.openagention.tools.shell.Sandbox;
import org.openagention.tools.shell.ShellOptions;
import org.openagention.tools.shell.ShellTool;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/**
 * {@code openagention mcp-server --repo DIR}: serves the coding tools on {@code DIR} over MCP (stdio
 * by default, streamable HTTP with {@code --http PORT}), for any MCP client. Standard output
 * carries only protocol messages.
 *
 * <p>Safe by default: the file and search tools are confined to {@code DIR}, and {@code shell},
 * which could reach anything the user can, is served only with {@code --allow-shell}, and then
 * inside the bubblewrap sandbox (no network, only {@code DIR} writable). Where bubblewrap cannot
 * run, the command refuses to start unless {@code --unsandboxed-shell} accepts a shell without
 * confinement.
 */
@Command(name = "mcp-server", mixinStandardHelpOptions = true,
        description = "Serve the coding tools (files, search; shell with --allow-shell) on a repository over MCP"
                + " (stdio, or HTTP with --http).",
        footer = {"", "An MCP client starts it as a stdio server with the command:",
                "  java -jar /path/to/openagention.jar mcp-server --repo /path/to/project",
                "Standard output carries only MCP messages. Over stdio it serves until its input ends; over",
                "HTTP until it is stopped (SIGTERM or Ctrl-C), whatever its standard input is.",
                "The tools run in DIR without asking: add --read-only to serve only the tools that read.",
                "shell is served only with --allow-shell, sandboxed by bubblewrap (no network, only DIR",
                "writable); where bubblewrap cannot run, add --unsandboxed-shell to serve it unconfined."})
final class McpServerCommand implements Callable<Integer> {
    @ParentCommand
    OpenAgentionCli parent;

    @Option(names = "--repo", required = true, paramLabel = "DIR", description = "The directory the tools work in.")
    Path repo;

    @Option(names = "--http", paramLabel = "PORT", description = "Serve streamable HTTP on 127.0.0.1:PORT instead of stdio (0: any free port).")
    Integer httpPort;

    @Option(names = "--read-only", description = "Serve only the tools that read (read_file, list_dir, glob, grep).")
    boolean readOnly;

    @Option(names = "--allow-shell", description = "Also serve shell, sandboxed by bubblewrap (no network, only DIR writable).")
    boolean allowShell;

    @Option(names = "--unsandboxed-shell", description = "With --allow-shell: run shell without the sandbox"
            + " (it can then read and write anything you can, and use the network).")
    boolean unsandboxedShell;

    @Option(names = "--skills", paramLabel = "DIR", description = "Serve the skills (SKILL.md folders) under DIR as MCP prompts"
            + " (repeatable; default: DIR/.skills when it exists).")
    List<Path> skills = new ArrayList<>();

    @Override
    public Integer call() throws InterruptedException {
        Path dir = Options.directory(repo, "--repo");
        ShellOptions shell = shellOptions();
        List<String> args = httpPort == null ? List.of("--repo", dir.toString())
                : List.of("--repo", dir.toString(), "--http", String.valueOf(httpPort));
        McpServerMain.ToolSource tools = root -> ToolRegistry.of(tools(Workspace.local(root), shell));
        McpServerMain.PromptSource prompts = root -> SkillPrompts.of(skillRoots(root), parent.context().err());
        return McpServerMain.run(args, tools, prompts, System.in, parent.context().out(), parent.context().err());
    }

    private List<Path> skillRoots(Path root) {
        if (!skills.isEmpty()) {
            return skills;
        }
        Path local = root.resolve(".skills");
        return Files.isDirectory(local) ? List.of(local) : List.of();
    }

    /** How shell is served: null for not at all. Refuses options that contradict each other or a sandbox that cannot run. */
    private ShellOptions shellOptions() {
        if (unsandboxedShell && !allowShell) {
            throw new CliException("--unsandboxed-shell needs --allow-shell (shell is not served without it)");
        }
        if (allowShell && readOnly) {
            throw new CliException("--allow-shell and --read-only contradict each other: shell can write");
        }
        if (!allowShell) {
            return null;
        }
        if (unsandboxedShell) {
            return ShellOptions.defaults();
        }
        Sandbox sandbox = Sandbox.bubblewrap();
        if (!sandbox.isAvailable()) {
            throw new CliException("--allow-shell serves shell inside the bubblewrap sandbox, which cannot run here: "
                    + sandbox.unavailableReason().orElse("unknown reason") + ". Refusing to start; add"
                    + " --unsandboxed-shell to serve a shell that can reach anything you can.");
        }
        return ShellOptions.defaults().sandboxed(true);
    }

    private List<Tool> tools(Workspace ws, ShellOptions shell) {
        if (readOnly) {
            return CodingTools.readOnly(ws);
        }
        if (shell == null) {
            return CodingTools.all(ws).stream().filter(t -> !t.name().equals(ShellTool.NAME)).toList();
        }
        return CodingTools.all(ws, shell);
    }
}
