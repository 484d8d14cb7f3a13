package org.openagention.cli;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** The git command line, for the few things the CLI does itself (sample repositories, task diffs). */
final class Git {
    private Git() {}

    /** What a git command printed and how it exited. */
    record Result(int exitCode, String out) {
        boolean ok() {
            return exitCode == 0;
        }
    }

    static Result run(Path dir, String... args) {
        List<String> command = new ArrayList<>();
        command.add("git");
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true);
        pb.environment().put("GIT_TERMINAL_PROMPT", "0");
        pb.environment().put("LC_ALL", "C");
        try {
            Process p = pb.start();
            p.getOutputStream().close();
            String out;
            try (InputStream in = p.getInputStream()) {
                out = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
            if (!p.waitFor(2, TimeUnit.MINUTES)) {
                p.destroyForcibly();
                return new Result(-1, "git " + String.join(" ", args) + " timed out");
            }
            return new Result(p.exitValue(), out);
        } catch (IOException e) {
            return new Result(-1, "cannot run git: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Result(-1, "interrupted while running git");
        }
    }

    /** Runs git and returns its output; a failure is a {@link CliException} quoting git. */
    static String check(Path dir, String... args) {
        Result r = run(dir, args);
        if (!r.ok()) {
            throw new CliException("git " + String.join(" ", args) + " failed in " + dir + ": " + r.out().strip());
        }
        return r.out();
    }

    /** Keeps {@code pattern} out of git status without touching tracked files (.git/info/exclude). */
    static void exclude(Path repo, String pattern) {
        Result dir = run(repo, "rev-parse", "--git-common-dir");
        if (!dir.ok()) {
            return;
        }
        Path exclude = repo.resolve(dir.out().strip()).resolve("info").resolve("exclude");
        try {
            java.nio.file.Files.createDirectories(exclude.getParent());
            String current = java.nio.file.Files.exists(exclude)
                    ? java.nio.file.Files.readString(exclude, StandardCharsets.UTF_8) : "";
            if (!current.lines().anyMatch(l -> l.strip().equals(pattern))) {
                java.nio.file.Files.writeString(exclude, current + (current.isEmpty() || current.endsWith("\n") ? "" : "\n")
                        + pattern + "\n", StandardCharsets.UTF_8);
            }
        } catch (IOException e) {
            throw new CliException("cannot write " + exclude + ": " + e.getMessage());
        }
    }
}
