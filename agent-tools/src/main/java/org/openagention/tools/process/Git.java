// SPDX-License-Identifier: Apache-2.0
package org.openagention.tools.process;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.openagention.tools.WorkspaceException;

/**
 * The {@code git} command line, run through {@link Command}: one process tree per call, killed on
 * timeout, standard output and standard error captured apart. Every call runs with prompts off,
 * messages in the C locale (so they can be parsed), and without the inherited variables that
 * would point git at another repository ({@code GIT_DIR}, {@code GIT_WORK_TREE} and the like;
 * {@code GIT_CEILING_DIRECTORIES} is kept, it only stops the search for one); variables given
 * with {@link #withEnv} are set after that.
 *
 * <p>A failing git command is data from {@link #run} and an exception from {@link #check}, whose
 * message names the command, the directory, the exit code and what git wrote to standard error.
 * Git that cannot be started, runs past its timeout, or is interrupted is a
 * {@link WorkspaceException} from both.
 *
 * <pre>{@code
 * Git git = Git.create();
 * String head = git.check(repo, "rev-parse", "HEAD");
 * if (!git.run(repo, "diff", "--quiet").ok()) {
 *     System.out.println("the working tree has changes");
 * }
 * }</pre>
 *
 * Immutable and thread-safe; concurrency on one repository is the caller's business.
 */
public final class Git {
    /** How long one git call may take unless {@link #withTimeout} says otherwise. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofMinutes(10);
    private static final String[] REDIRECTING_VARIABLES = {"GIT_DIR", "GIT_WORK_TREE", "GIT_INDEX_FILE",
        "GIT_OBJECT_DIRECTORY", "GIT_ALTERNATE_OBJECT_DIRECTORIES", "GIT_COMMON_DIR", "GIT_PREFIX",
        "GIT_NAMESPACE", "GIT_CONFIG_PARAMETERS", "GIT_CONFIG_COUNT"};

    /**
     * What one git call did.
     *
     * @param command git and its arguments
     * @param exitCode git's exit code
     * @param out standard output, untrimmed
     * @param err standard error, untrimmed
     */
    public record Result(List<String> command, Path directory, int exitCode, String out, String err) {
        public Result {
            command = List.copyOf(command);
            Objects.requireNonNull(directory, "directory");
            Objects.requireNonNull(out, "out");
            Objects.requireNonNull(err, "err");
        }

        public boolean ok() {
            return exitCode == 0;
        }

        /** Standard output, trimmed; a {@link WorkspaceException} saying {@link #describe} when the call failed. */
        public String orThrow() {
            if (!ok()) {
                throw new WorkspaceException(describe());
            }
            return out.strip();
        }

        /** What git printed on both streams, trimmed, standard error first. */
        public String text() {
            return (err.strip() + "\n" + out.strip()).strip();
        }

        /** The command, where it ran and what git said, for error messages. */
        public String describe() {
            return "`" + String.join(" ", command) + "` failed in " + directory + " (exit " + exitCode + ")"
                    + (text().isEmpty() ? "" : ": " + text());
        }
    }

    private final String executable;
    private final Map<String, String> env;
    private final Duration timeout;

    private Git(String executable, Map<String, String> env, Duration timeout) {
        this.executable = executable;
        this.env = Map.copyOf(env);
        this.timeout = timeout;
    }

    /** Git from the {@code PATH}. */
    public static Git create() {
        return executable("git");
    }

    /** The git program at {@code executable} (or found on the {@code PATH} when it names no directory). */
    public static Git executable(String executable) {
        Objects.requireNonNull(executable, "executable");
        if (executable.isBlank()) {
            throw new IllegalArgumentException("the git executable must not be blank");
        }
        return new Git(executable, Map.of(), DEFAULT_TIMEOUT);
    }

    /** This git with {@code more} added to the variables of every call (GIT_DIR for a separate store, say). */
    public Git withEnv(Map<String, String> more) {
        Map<String, String> all = new HashMap<>(env);
        all.putAll(more);
        return new Git(executable, all, timeout);
    }

    /** This git with another time limit per call. */
    public Git withTimeout(Duration perCall) {
        Objects.requireNonNull(perCall, "perCall");
        if (perCall.isNegative() || perCall.isZero()) {
            throw new IllegalArgumentException("a git timeout must be positive but was " + perCall);
        }
        return new Git(executable, env, perCall);
    }

    /** Runs git in {@code dir}. A non-zero exit is returned, not thrown. */
    public Result run(Path dir, String... args) {
        return run(dir, List.of(args));
    }

    /** As {@link #run(Path, String...)}. */
    public Result run(Path dir, List<String> args) {
        Objects.requireNonNull(dir, "dir");
        List<String> argv = new ArrayList<>(args.size() + 1);
        argv.add(executable);
        argv.addAll(args);
        Command.Builder command = Command.builder(argv).directory(dir).timeout(timeout)
                .mergeErrors(false).headBytes(Command.MAX_CAPTURE_BYTES).tailBytes(0).killBackgroundJobs(false)
                .removeEnv(REDIRECTING_VARIABLES).putEnv("GIT_TERMINAL_PROMPT", "0").putEnv("LC_ALL", "C");
        env.forEach(command::putEnv);
        CommandResult r;
        try {
            r = command.build().run();
        } catch (IOException e) {
            throw new WorkspaceException("cannot run git ('" + executable + "') in " + dir
                    + ": is git installed and on the PATH? (" + e.getMessage() + ")", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new WorkspaceException("interrupted while running `" + String.join(" ", argv) + "`", e);
        }
        if (r.ending() != CommandResult.Ending.EXITED) {
            throw new WorkspaceException(r.describe() + (r.errors().isBlank() ? "" : ": " + r.errors().strip()));
        }
        return new Result(argv, dir, r.exitCode(), r.output(), r.errors());
    }

    /** Runs git in {@code dir} and returns its trimmed output; a {@link WorkspaceException} naming the command and git's message when it fails. */
    public String check(Path dir, String... args) {
        return run(dir, args).orThrow();
    }

    /** As {@link #check(Path, String...)}. */
    public String check(Path dir, List<String> args) {
        return run(dir, args).orThrow();
    }

    /**
     * The {@code -c} options that let git commit in {@code dir}: {@code commit.gpgsign=false}
     * always (no prompt for a key), and a stand-in identity when the repository has none
     * configured (identity variables such as {@code GIT_AUTHOR_NAME} still take precedence).
     */
    public List<String> commitOptions(Path dir) {
        List<String> opts = new ArrayList<>(List.of("-c", "commit.gpgsign=false"));
        if (!run(dir, "config", "user.name").ok()) {
            opts.addAll(List.of("-c", "user.name=OpenAgention"));
        }
        if (!run(dir, "config", "user.email").ok()) {
            opts.addAll(List.of("-c", "user.email=openagention@localhost"));
        }
        return opts;
    }

    /** The non-blank lines of {@code text}, trimmed: what most git listings need. */
    public static List<String> lines(String text) {
        List<String> out = new ArrayList<>();
        for (String line : text.split("\n")) {
            if (!line.isBlank()) {
                out.add(line.strip());
            }
        }
        return out;
    }

    @Override
    public String toString() {
        return "Git[" + executable + (env.isEmpty() ? "" : ", " + env.keySet()) + "]";
    }
}
