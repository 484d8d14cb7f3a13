// SPDX-License-Identifier: Apache-2.0
package org.openagention.cli;

import java.io.IOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/**
 * {@code openagention serve}: the web console on a journal directory ({@link ConsoleServer}),
 * until the process is stopped.
 */
@Command(name = "serve", mixinStandardHelpOptions = true,
        description = "A web console for the runs of a journal directory: live progress, reports, approvals.",
        footer = {"", "Examples:",
                "  openagention serve --repo .",
                "  openagention run \"Fix the failing test\" --repo . --approval ask --web-approvals   (in another terminal)",
                "  openagention serve --repo . --temporal localhost:7233   (also the Temporal agent runs' approvals)",
                "",
                "Open the address it prints: it carries the token every request needs. The console listens on"
                        + " loopback unless --host says otherwise."})
final class ServeCommand implements Callable<Integer> {
    @ParentCommand
    OpenAgentionCli parent;

    @Option(names = "--repo", paramLabel = "DIR", description = "The repository whose runs to show (its .openagention/runs).")
    Path repo;

    @Option(names = "--journal-dir", paramLabel = "DIR", description = "The journal directory to show (default: DIR/.openagention/runs).")
    Path journalDir;

    @Option(names = "--port", paramLabel = "P", defaultValue = "8765", description = "The port (default: ${DEFAULT-VALUE}; 0 for any free one).")
    int port;

    @Option(names = "--host", paramLabel = "ADDRESS", defaultValue = "127.0.0.1",
            description = "The address to listen on (default: ${DEFAULT-VALUE}, this machine only).")
    String host;

    @Option(names = "--temporal", paramLabel = "HOST:PORT",
            description = "Also show the approvals Temporal agent runs wait on, and send the console's decisions as their signals.")
    String temporal;

    @Option(names = "--namespace", paramLabel = "N", defaultValue = "default",
            description = "With --temporal: the namespace (default: ${DEFAULT-VALUE}).")
    String namespace;

    @Option(names = "--task-queue", paramLabel = "Q", defaultValue = "openagention",
            description = "With --temporal: the task queue whose open agent runs to show (default: ${DEFAULT-VALUE}).")
    String taskQueue;

    @Option(names = "--temporal-run", paramLabel = "RUN_ID",
            description = "With --temporal: a further run to show, on any task queue (repeatable; for clusters that do not list runs).")
    List<String> temporalRuns = new ArrayList<>();

    @Override
    public Integer call() throws IOException, InterruptedException {
        CliContext ctx = parent.context();
        if (port < 0 || port > 65_535) {
            throw new CliException("--port must be between 0 and 65535: " + port);
        }
        if (temporal == null && !temporalRuns.isEmpty()) {
            throw new CliException("--temporal-run needs --temporal HOST:PORT", 2);
        }
        Path dir = journalDir != null ? journalDir
                : Options.journalDir(Options.directory(repo != null ? repo : Path.of("."), "--repo"), null);
        Files.createDirectories(dir);
        InetAddress bind;
        try {
            bind = InetAddress.getByName(host);
        } catch (UnknownHostException e) {
            throw new CliException("--host " + host + " is not an address of this machine");
        }
        // Only here is the Temporal side loaded: serve without --temporal never touches its classes.
        List<ApprovalSource> sources = temporal == null ? List.of()
                : List.of(TemporalConsoleSource.connect(temporal, namespace, taskQueue, temporalRuns));
        ConsoleServer server;
        try {
            server = new ConsoleServer(dir.toAbsolutePath().normalize(), bind, port, Clock.systemUTC(), sources);
        } catch (IOException e) {
            sources.forEach(ApprovalSource::close);
            throw new CliException("cannot listen on " + host + ":" + port + ": " + e.getMessage()
                    + " (choose another --port, or 0 for any free one)");
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.close();
            stopped.countDown();
        }));
        ctx.out().println("OpenAgention console for " + dir.toAbsolutePath().normalize());
        ctx.out().println("Open " + server.url());
        if (temporal != null) {
            ctx.out().println("with the approvals of Temporal agent runs at " + temporal + " (namespace " + namespace
                    + ", task queue " + taskQueue + "), decided as 'console'");
        }
        if (!bind.isLoopbackAddress()) {
            ctx.out().println("(listening on " + host + ": anyone who can reach it and has the address above can"
                    + " approve calls)");
        }
        ctx.out().println("Stop with Ctrl-C.");
        stopped.await();
        return 0;
    }
}
