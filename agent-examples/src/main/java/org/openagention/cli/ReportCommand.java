// SPDX-License-Identifier: Apache-2.0
package org.openagention.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.openagention.core.journal.JournalStore;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/**
 * {@code openagention report RUN_ID}: writes the run's HTML report from its journal and prints the
 * file's path; with {@code --temporal HOST:PORT}, from a run on Temporal (an agent run, or a graph
 * run with each attempt's agent run).
 */
@Command(name = "report", mixinStandardHelpOptions = true,
        description = "Write a run's self-contained HTML report (task graph, timeline, diffs, costs, errors) and print its path.")
final class ReportCommand implements Callable<Integer> {
    @ParentCommand
    OpenAgentionCli parent;

    @Parameters(index = "0", paramLabel = "RUN_ID", description = "The run, as printed when it started.")
    String runId;

    @Option(names = "--repo", paramLabel = "DIR", description = "The repository the run worked on (default: the current directory).")
    Path repo;

    @Option(names = "--journal-dir", paramLabel = "DIR", description = "Where the journals are (default: DIR/.openagention/runs).")
    Path journalDir;

    @Option(names = {"-o", "--out"}, paramLabel = "FILE", description = "The HTML file to write (default: RUN_ID.html beside the journal).")
    Path out;

    @Option(names = "--temporal", paramLabel = "HOST:PORT", description = "Read the run from a Temporal cluster instead of a journal directory.")
    String temporal;

    @Option(names = "--namespace", paramLabel = "N", defaultValue = "default", description = "The Temporal namespace (with --temporal; default: ${DEFAULT-VALUE}).")
    String namespace;

    @Override
    public Integer call() {
        if (temporal != null) {
            return TemporalCommands.report(this); // Temporal's classes load only here
        }
        Path dir = Options.journalDir(repo == null ? Path.of(".") : Options.directory(repo, "--repo"), journalDir);
        JournalStore store = JournalRead.open(dir);
        Path written = write(store, dir, runId, out);
        parent.context().out().println(written);
        return 0;
    }

    /** Writes the report of {@code runId} to {@code out} (null: beside the journal) and returns its path. */
    static Path write(JournalStore store, Path dir, String runId, Path out) {
        RunRecord record = RunRecord.read(store, runId, JournalRead.entries(store, dir, runId), Demo.prices());
        Path file = (out != null ? out : dir.resolve(runId + ".html")).toAbsolutePath().normalize();
        try {
            if (file.getParent() != null) {
                Files.createDirectories(file.getParent());
            }
            Files.writeString(file, HtmlReport.render(record), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new CliException("cannot write the report " + file + ": " + e.getMessage(), 1);
        }
        return file;
    }
}
