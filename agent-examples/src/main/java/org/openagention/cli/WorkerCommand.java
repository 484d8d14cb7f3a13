// SPDX-License-Identifier: Apache-2.0
package org.openagention.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/**
 * {@code openagention worker --temporal HOST:PORT}: a Temporal worker serving the CLI's coding agent
 * ({@code coder}) and task graphs on a task queue, and, with {@code --host}, a host holding tasks'
 * clones of a shared git remote. Runs until stopped. Temporal's classes are reached only from
 * {@link TemporalCommands}, loaded when this command runs.
 */
@Command(name = "worker", mixinStandardHelpOptions = true,
        description = "Serve agent runs and task graphs from a Temporal cluster (until stopped).")
final class WorkerCommand implements Callable<Integer> {
    @ParentCommand
    OpenAgentionCli parent;

    @Option(names = "--temporal", required = true, paramLabel = "HOST:PORT", description = "The Temporal frontend, such as localhost:7233.")
    String temporal;

    @Option(names = "--namespace", paramLabel = "N", defaultValue = "default", description = "The Temporal namespace (default: ${DEFAULT-VALUE}).")
    String namespace;

    @Option(names = "--task-queue", paramLabel = "Q", defaultValue = "openagention", description = "The task queue of runs and graphs (default: ${DEFAULT-VALUE}).")
    String taskQueue;

    @Option(names = "--host", paramLabel = "NAME", description = "Also hold tasks' workspaces as host NAME (its own task queue); needs --dir.")
    String host;

    @Option(names = "--dir", paramLabel = "DIR", description = "Where a host keeps its clones.")
    Path dir;

    @Option(names = "--remote", paramLabel = "GIT_URL", description = "The shared git remote a host clones and pushes to (default: each graph's, from 'run --remote'; when both are given they must agree).")
    String remote;

    @Option(names = "--model", paramLabel = "PROVIDER:MODEL", description = "The model (default: from the environment).")
    String model;

    @Option(names = "--max-turns", paramLabel = "N", defaultValue = "50", description = "Turns per agent run (default: ${DEFAULT-VALUE}).")
    int maxTurns;

    @Override
    public Integer call() throws Exception {
        if (host != null && dir == null) {
            throw new CliException("--host needs --dir (where its clones go); --remote too unless every graph names"
                    + " its own (run --remote)", 2);
        }
        if (host == null && (dir != null || remote != null)) {
            throw new CliException("--dir and --remote are a host's: give --host NAME too", 2);
        }
        return TemporalCommands.worker(this);
    }
}
