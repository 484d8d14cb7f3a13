// SPDX-License-Identifier: Apache-2.0
package org.openagention.cli;

import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import org.openagention.core.AgentException;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code openagention} command line: {@code run} (the coding agent, or with {@code --plan} the
 * whole orchestrated system, on a repository), {@code demo} (the offline recorded session on a
 * bundled sample project), {@code report} (a run's HTML report from its journal),
 * {@code mcp-server} (the coding tools over MCP), {@code acp} (the agent inside an editor, over the
 * Agent Client Protocol), {@code serve} (a live web console for the runs of a journal directory and
 * their approvals), and for Temporal {@code worker} (a worker process) and {@code approve} (a
 * decision for a waiting call).
 *
 * <pre>
 * java -jar agent-examples/target/openagention.jar demo
 * java -jar agent-examples/target/openagention.jar run "Fix the failing test" --repo . --plan
 * </pre>
 *
 * <p>Bad input (an unknown option, a missing or wrong {@code --repo}, no model configured, an
 * unreadable journal) ends with one line on standard error and exit code 2; a run that does not
 * succeed ends with exit code 1; never a stack trace (set {@code OPENAGENTION_DEBUG=1} to see
 * one for an internal error).
 */
@Command(name = "openagention", mixinStandardHelpOptions = true, versionProvider = BuildInfo.class,
        description = "Coding agents on your repository: one agent, or a planner, workers in git worktrees,"
                + " checks, reviews and merges.",
        footer = {"", "New here? 'openagention demo' runs a recorded session on a sample project, no model needed.",
                "'openagention COMMAND --help' tells more about each command."},
        subcommands = {RunCommand.class, DemoCommand.class, ReportCommand.class, McpServerCommand.class,
                org.openagention.cli.acp.AcpCommand.class, ServeCommand.class, WorkerCommand.class, ApproveCommand.class,
                CommandLine.HelpCommand.class})
public final class OpenAgentionCli implements Callable<Integer> {
    private final CliContext context;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    private OpenAgentionCli(CliContext context) {
        this.context = context;
    }

    /** Runs the command line and exits with its status. */
    public static void main(String[] args) {
        logDefault("defaultLogLevel", "warn");
        logDefault("logFile", "System.err");
        // Warnings (a provider call retried, say) as "WARN - what happened", without thread and class names.
        logDefault("showThreadName", "false");
        logDefault("showLogName", "false");
        System.exit(execute(args, CliContext.system()));
    }

    /** Sets an SLF4J simple logger property unless {@code -D} gave it. */
    private static void logDefault(String property, String value) {
        String key = "org.slf4j.simpleLogger." + property;
        System.setProperty(key, System.getProperty(key, value));
    }

    /** Runs the command line with {@code context}'s streams, environment and console; returns the exit status. */
    static int execute(String[] args, CliContext context) {
        CommandLine cl = commandLine(args, new OpenAgentionCli(context));
        cl.setOut(new PrintWriter(context.out(), true));
        cl.setErr(new PrintWriter(context.err(), true));
        cl.setParameterExceptionHandler((e, a) -> {
            String command = e.getCommandLine().getCommandName();
            context.err().println("openagention: " + JournalRead.oneLine(e.getMessage()) + " (see 'openagention"
                    + (command.equals("openagention") ? "" : " " + command) + " --help')");
            return 2;
        });
        cl.setExecutionExceptionHandler((e, line, parsed) -> failure(e, context));
        return cl.execute(args);
    }

    /**
     * The command line for {@code args}: when they start with a command's name, the root with that
     * command alone, so that a start (an MCP client's {@code mcp-server}, say) does not inspect the
     * others; else the whole CLI (for {@code --help}, {@code --version}, {@code help} and mistakes).
     */
    private static CommandLine commandLine(String[] args, OpenAgentionCli root) {
        if (args.length > 0 && !args[0].equals("help")) {
            for (Class<?> c : OpenAgentionCli.class.getAnnotation(Command.class).subcommands()) {
                Command command = c.getAnnotation(Command.class);
                if (command != null && (command.name().equals(args[0]) || List.of(command.aliases()).contains(args[0]))) {
                    CommandLine cl = new CommandLine(CommandLine.Model.CommandSpec.wrapWithoutInspection(root).name("openagention"));
                    try {
                        cl.addSubcommand(command.name(), CommandLine.defaultFactory().create(c), command.aliases());
                    } catch (Exception e) {
                        break; // the whole CLI then reports it as before
                    }
                    return cl;
                }
            }
        }
        return new CommandLine(root);
    }

    private static int failure(Exception e, CliContext context) {
        if (e instanceof CliException c) {
            context.err().println("openagention: " + c.getMessage());
            return c.exitCode();
        }
        if (e instanceof AgentException) {
            context.err().println("openagention: " + JournalRead.oneLine(e.getMessage()));
            return 2;
        }
        context.err().println("openagention: internal error: " + e.getClass().getSimpleName() + ": "
                + JournalRead.oneLine(e.getMessage()) + " (set OPENAGENTION_DEBUG=1 for the stack trace)");
        if ("1".equals(context.env().get("OPENAGENTION_DEBUG"))) {
            e.printStackTrace(context.err());
        }
        return 1;
    }

    CliContext context() {
        return context;
    }

    @Override
    public Integer call() {
        context.err().println("openagention: give a command: run, demo, report, mcp-server, acp, serve, worker or approve"
                + " (see 'openagention --help')");
        return 2;
    }
}
