// SPDX-License-Identifier: Apache-2.0
package org.openagention.cli;

import java.io.IOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
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

    @Override
    public Integer call() throws IOException, InterruptedException {
        CliContext ctx = parent.context();
        if (port < 0 || port > 65_535) {
            throw new CliException("--port must be between 0 and 65535: " + port);
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
        ConsoleServer server;
        try {
            server = new ConsoleServer(dir.toAbsolutePath().normalize(), bind, port, Clock.systemUTC());
        } catch (IOException e) {
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
        if (!bind.isLoopbackAddress()) {
            ctx.out().println("(listening on " + host + ": anyone who can reach it and has the address above can"
                    + " approve calls)");
        }
        ctx.out().println("Stop with Ctrl-C.");
        stopped.await();
        return 0;
    }
}
