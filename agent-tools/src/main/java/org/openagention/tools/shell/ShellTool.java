// SPDX-License-Identifier: Apache-2.0
package org.openagention.tools.shell;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.openagention.core.tool.Description;
import org.openagention.core.tool.Tool;
import org.openagention.core.tool.ToolContext;
import org.openagention.core.tool.ToolResult;
import org.openagention.tools.Workspace;
import org.openagention.tools.internal.PathGuard;
import org.openagention.tools.process.Command;
import org.openagention.tools.process.CommandResult;

/**
 * The {@code shell} tool: runs one command line per call with {@code bash -c} (POSIX {@code sh -c}
 * where bash is missing) in the workspace root.
 *
 * <p>Each call is one process tree in its own session. On timeout, on cancellation of the run, and
 * also when the command itself exits, every process it started (background jobs, {@code nohup}
 * children) is killed: nothing outlives the call. Standard output and standard error are merged
 * in the order they were written; the model sees the first and last
 * {@link ShellOptions#headBytes()}/{@link ShellOptions#tailBytes()} bytes and the total size,
 * and memory stays bounded however much the command prints. Standard input is empty. The
 * environment is the JVM's minus variables whose names look like secrets ({@code *KEY*},
 * {@code *TOKEN*}, {@code *SECRET*}, {@code *PASSWORD*}, {@code *CREDENTIAL*}, {@code AWS_*} and
 * the like) unless {@linkplain ShellOptions.Builder#allowEnv allowed}. A non-zero exit, a timeout
 * or a cancellation is an error result carrying the output, so the model can read what happened.
 *
 * <p>With {@link ShellOptions#sandboxed()} the command runs inside the bubblewrap {@link Sandbox};
 * where that cannot run, {@link #create} throws and nothing is ever run unsandboxed instead.
 * Commands run through {@link Command}, the SDK's one command runner.
 *
 * <pre>{@code
 * Tool shell = ShellTool.create(Workspace.local(repo), ShellOptions.defaults().sandboxed(true));
 * }</pre>
 *
 * The tool is thread-safe: parallel calls run as separate processes.
 */
public final class ShellTool {
    /** The tool's name, as models know it. */
    public static final String NAME = "shell";
    private static final Path BASH = Path.of("/bin/bash");
    private static final Path SH = Path.of("/bin/sh");

    record Args(
            @Description("The command line to run with bash -c in the workspace root, e.g. \"mvn -q test\" or \"ls -la src\"")
            String command,
            @JsonProperty("timeout_seconds")
            @Description("Seconds before the command and everything it started are killed; defaults and a maximum apply")
            Optional<Integer> timeoutSeconds) {}

    private ShellTool() {}

    /** A shell tool with {@link ShellOptions#defaults()}. */
    public static Tool create(Workspace workspace) {
        return create(workspace, ShellOptions.defaults());
    }

    /**
     * A shell tool for {@code workspace} configured by {@code options}.
     *
     * @throws SandboxUnavailableException when {@code options} ask for the sandbox and it cannot
     *     run here (the message says why)
     */
    public static Tool create(Workspace workspace, ShellOptions options) {
        return create(workspace, options, options.sandboxed() ? Sandbox.bubblewrap() : null);
    }

    static Tool create(Workspace workspace, ShellOptions options, Sandbox sandbox) {
        return create(workspace, options, sandbox, System.getenv());
    }

    static Tool create(Workspace workspace, ShellOptions options, Sandbox sandbox, Map<String, String> parentEnv) {
        Objects.requireNonNull(workspace, "workspace");
        Objects.requireNonNull(options, "options");
        if (options.sandboxed()) {
            sandbox.requireAvailable();
        }
        Map<String, String> environment = Environments.build(parentEnv, options.allowedEnv(), options.environment());
        String description = "Runs a command line with bash in the workspace root and returns its "
                + "exit code and merged stdout/stderr (long output keeps its start and end). Each call is a fresh "
                + "process: cd and variables do not carry over, stdin is empty, background jobs are killed when the "
                + "command ends. Default timeout " + options.defaultTimeout().toSeconds() + " s, at most "
                + options.maxTimeout().toSeconds() + " s."
                + (options.sandboxed() ? " Sandboxed: no network, only the workspace and /tmp are writable." : "");
        return Tool.of(NAME, description, Args.class,
                (args, ctx) -> run(workspace, options, sandbox, environment, args, ctx));
    }

    /** The shell commands run with: bash where installed, else POSIX sh. */
    static Path shell() {
        return Files.isExecutable(BASH) ? BASH : SH;
    }

    /**
     * The command for one call, in {@code dir}: asked for on every call, since a lazy workspace
     * makes its own root on the first command (a command may write).
     */
    static Command command(String line, Path dir, ShellOptions options, Sandbox sandbox, Map<String, String> environment,
            Duration timeout) {
        List<String> argv = new ArrayList<>();
        if (options.sandboxed()) {
            argv.addAll(sandbox.prefix(dir));
        }
        argv.add(shell().toString());
        argv.add("-c");
        argv.add(line);
        return Command.builder(argv).directory(dir).environment(environment).timeout(timeout)
                .headBytes(options.headBytes()).tailBytes(options.tailBytes()).build();
    }

    private static ToolResult run(Workspace workspace, ShellOptions options, Sandbox sandbox,
            Map<String, String> environment, Args args, ToolContext ctx) {
        if (args.command() == null || args.command().isBlank()) {
            return ToolResult.error(ToolResult.ErrorKind.INVALID_ARGUMENTS, "command is empty: give the command line to run");
        }
        Duration timeout = options.defaultTimeout();
        String note = "";
        if (args.timeoutSeconds().isPresent()) {
            int seconds = args.timeoutSeconds().get();
            if (seconds <= 0) {
                return ToolResult.error(ToolResult.ErrorKind.INVALID_ARGUMENTS,
                        "timeout_seconds must be a positive number of seconds but was " + seconds);
            }
            timeout = Duration.ofSeconds(seconds);
            if (timeout.compareTo(options.maxTimeout()) > 0) {
                timeout = options.maxTimeout();
                note = "[timeout capped at the maximum of " + timeout.toSeconds() + " s]\n";
            }
        }
        CommandResult outcome;
        Path dir = workspace.isolate();
        try {
            outcome = command(args.command(), dir, options, sandbox, environment, timeout).run(ctx::isCancelled);
        } catch (IOException e) {
            // The JDK's message names the working directory: the model sees it relative to the workspace.
            String why = PathGuard.withoutRoot(dir, PathGuard.withoutRoot(workspace.root(), String.valueOf(e.getMessage())));
            return ToolResult.error("could not start the command: " + why);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return ToolResult.error(ToolResult.ErrorKind.CANCELLED, "interrupted; the command and its processes were killed");
        }
        String output = outcome.outputBytes() == 0 ? "(no output)" : outcome.output();
        switch (outcome.ending()) {
            case TIMED_OUT:
                return ToolResult.error(ToolResult.ErrorKind.TIMEOUT, note + "The command timed out after "
                        + timeout.toSeconds() + " s; it and every process it started were killed. Output until then:\n" + output);
            case CANCELLED:
                return ToolResult.error(ToolResult.ErrorKind.CANCELLED,
                        "The run was cancelled; the command and every process it started were killed. Output until then:\n" + output);
            default:
                if (outcome.exitCode() != 0) {
                    return ToolResult.error(note + "The command failed with exit code " + outcome.exitCode() + ". Output:\n" + output);
                }
                return ToolResult.success(note + output + (output.endsWith("\n") ? "" : "\n") + "[exit code 0]");
        }
    }
}
