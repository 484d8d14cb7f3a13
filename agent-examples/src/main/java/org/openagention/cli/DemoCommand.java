// SPDX-License-Identifier: Apache-2.0
package org.openagention.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/**
 * {@code openagention demo}: the offline demo, a recorded session on the bundled sample project (see
 * {@link Demo}). Exit status 0 when the run completed and the sample project's tests pass on the
 * merged main branch.
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = "Run the bundled recorded session (no model needed) on a sample project copied to a temporary"
                + " git repository: planner, workers in worktrees, real edits, tests, reviews, merges, report.")
final class DemoCommand implements Callable<Integer> {
    @ParentCommand
    OpenAgentionCli parent;

    @Option(names = "--dir", paramLabel = "DIR", description = "Put the sample project in DIR/shop (default: a new temporary directory).")
    Path dir;

    @Option(names = "--journal-dir", paramLabel = "DIR", description = "Where to write the journals (default: the sample project's .openagention/runs).")
    Path journalDir;

    @Option(names = "--parallelism", paramLabel = "N", defaultValue = "2", description = "Tasks run at once (default: ${DEFAULT-VALUE}).")
    int parallelism;

    @Option(names = "--json", description = "Print one JSON object per event instead of the progress table.")
    boolean json;

    @Option(names = "--progress", paramLabel = "MODE", defaultValue = "auto",
            description = "auto (a live table on a terminal, log lines otherwise), live or plain.")
    String progress;

    @Override
    public Integer call() {
        if (parallelism < 1) {
            throw new CliException("--parallelism must be at least 1: " + parallelism);
        }
        Path work = dir == null ? Demo.tempDir() : prepared(dir);
        return run(parent.context(), work, journalDir, parallelism, json, progress);
    }

    private static Path prepared(Path dir) {
        Path abs = dir.toAbsolutePath().normalize();
        if (Files.exists(abs.resolve("shop"))) {
            throw new CliException("--dir " + dir + " already holds a 'shop' directory: give an empty or new directory");
        }
        if (Files.exists(abs) && !Files.isDirectory(abs)) {
            throw new CliException("--dir " + dir + ": not a directory");
        }
        return abs;
    }

    static int run(CliContext ctx, Path work, Path journalDir, int parallelism, boolean json, String progressMode) {
        Progress progress = json ? Progress.json(ctx.out())
                : Progress.text(ctx.terminal(RunCommand.checkProgress(progressMode)), Demo.prices());
        Demo.Outcome outcome = Demo.run(work, journalDir, parallelism, progress);
        String verdict = outcome.success()
                ? "Demo finished: every task done and merged; the sample project's tests pass on main.\n"
                        + "(Tokens and costs are the recorded session's: no model was called, nothing was spent.)\n"
                        + "To look around: cd " + outcome.project() + " && git log --oneline --graph"
                : "Demo failed: " + outcome.detail();
        progress.note(outcome.success() ? "done" : "failed", verdict);
        return outcome.success() ? 0 : 1;
    }
}
