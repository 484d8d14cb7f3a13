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

/** {@code openagention report RUN_ID}: writes the run's HTML report from its journal and prints the file's path. */
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

    @Override
    public Integer call() {
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
