// SPDX-License-Identifier: Apache-2.0
package org.openagention.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/**
 * {@code openagention approve RUN_ID CALL_ID --allow|--deny --temporal HOST:PORT}: decides a tool
 * call a durable run on Temporal waits on (a signal to the run; the run may be days into its wait).
 */
@Command(name = "approve", mixinStandardHelpOptions = true,
        description = "Allow or deny a tool call a run on Temporal waits on.")
final class ApproveCommand implements Callable<Integer> {
    @ParentCommand
    OpenAgentionCli parent;

    @Parameters(index = "0", paramLabel = "RUN_ID", description = "The run, as printed when it started.")
    String runId;

    @Parameters(index = "1", paramLabel = "CALL_ID", description = "The call waiting for a decision.")
    String callId;

    @ArgGroup(exclusive = true, multiplicity = "1")
    Decision decision;

    /** Exactly one of --allow and --deny. */
    static final class Decision {
        @Option(names = "--allow", required = true, description = "Let the call run.")
        boolean allow;

        @Option(names = "--deny", required = true, description = "Refuse the call; the model is told why.")
        boolean deny;
    }

    @Option(names = "--reason", paramLabel = "TEXT", defaultValue = "decided from the command line", description = "Why (the model sees it on a denial).")
    String reason;

    @Option(names = "--by", paramLabel = "NAME", description = "Who decided (default: $USER).")
    String by;

    @Option(names = "--temporal", required = true, paramLabel = "HOST:PORT", description = "The Temporal frontend.")
    String temporal;

    @Option(names = "--namespace", paramLabel = "N", defaultValue = "default", description = "The Temporal namespace (default: ${DEFAULT-VALUE}).")
    String namespace;

    @Override
    public Integer call() {
        return TemporalCommands.approve(this);
    }
}
