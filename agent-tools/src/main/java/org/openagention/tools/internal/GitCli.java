package org.openagention.tools.internal;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import org.openagention.tools.WorkspaceException;

/**
 * Runs the {@code git} command line: one process per call, output captured, environment cleaned
 * of variables that would point git at another repository, prompts disabled and messages in the
 * C locale so they can be parsed.
 *
 * <p>Immutable and thread-safe; concurrency on one repository is the caller's business.
 */
public final class GitCli {
    private static final List<String> INHERITED_GIT_VARIABLES = List.of("GIT_DIR", "GIT_WORK_TREE", "GIT_INDEX_FILE",
            "GIT_OBJECT_DIRECTORY", "GIT_ALTERNATE_OBJECT_DIRECTORIES", "GIT_COMMON_DIR", "GIT_PREFIX",
            "GIT_NAMESPACE", "GIT_CEILING_DIRECTORIES", "GIT_CONFIG_PARAMETERS", "GIT_CONFIG_COUNT");

    /** What one git call did. */
    public record Result(List<String> command, int exitCode, String out, String err) {
        public boolean ok() {
            return exitCode == 0;
        }

        /** Standard output, trimmed; throws when the call failed. */
        public String orThrow() {
            if (!ok()) {
                throw new WorkspaceException(describe());
            }
            return out.strip();
        }

        /** The command and what it printed, for error messages. */
        public String describe() {
            String text = (err.strip() + "\n" + out.strip()).strip();
            return "`" + String.join(" ", command) + "` failed (exit " + exitCode + ")"
                    + (text.isEmpty() ? "" : ": " + text);
        }
    }

    private final String executable;
    private final Map<String, String> env;

    /**
     * @param executable the git program ("git" to search the PATH)
     * @param env variables to set for every call (GIT_DIR and GIT_WORK_TREE for a shadow store)
     */
    public GitCli(String executable, Map<String, String> env) {
        this.executable = executable;
        this.env = Map.copyOf(env);
    }

    /** This runner with {@code env} added to the variables of every call. */
    public GitCli withEnv(Map<String, String> more) {
        Map<String, String> all = new java.util.HashMap<>(env);
        all.putAll(more);
        return new GitCli(executable, all);
    }

    /** Runs git in {@code dir}. Never throws for a non-zero exit; throws when git cannot start. */
    public Result run(Path dir, String... args) {
        return run(dir, List.of(args));
    }

    public Result run(Path dir, List<String> args) {
        List<String> command = new ArrayList<>(args.size() + 1);
        command.add(executable);
        command.addAll(args);
        ProcessBuilder pb = new ProcessBuilder(command).directory(dir.toFile());
        Map<String, String> e = pb.environment();
        INHERITED_GIT_VARIABLES.forEach(e::remove);
        e.put("GIT_TERMINAL_PROMPT", "0");
        e.put("LC_ALL", "C");
        e.putAll(env);
        Process p;
        try {
            p = pb.start();
        } catch (IOException ex) {
            throw new WorkspaceException("cannot run git ('" + executable + "'): is git installed and on the PATH? ("
                    + ex.getMessage() + ")", ex);
        }
        try {
            p.getOutputStream().close();
            CompletableFuture<String> err = CompletableFuture.supplyAsync(() -> readAll(p.getErrorStream()));
            String out = readAll(p.getInputStream());
            int code = p.waitFor();
            return new Result(command, code, out, err.get());
        } catch (IOException | ExecutionException ex) {
            throw new WorkspaceException("git failed to run: " + String.join(" ", command) + ": " + ex.getMessage(), ex);
        } catch (InterruptedException ex) {
            p.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new WorkspaceException("interrupted while running " + String.join(" ", command), ex);
        }
    }

    /** Runs git in {@code dir} and returns its trimmed output, or throws with git's message. */
    public String check(Path dir, String... args) {
        return run(dir, args).orThrow();
    }

    private static String readAll(InputStream in) {
        try (in) {
            ByteArrayOutputStream buffer = new ByteArrayOutputStream();
            in.transferTo(buffer);
            return buffer.toString(StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The {@code -c} options that let git commit here: {@code commit.gpgsign=false} always (no
     * prompt for a key), and a stand-in identity when the repository has none configured.
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
}
