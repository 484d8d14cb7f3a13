package org.openagention.orchestration.internal;

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
 * The few git commands the worktree lanes run themselves (the rest goes through
 * {@link org.openagention.tools.WorktreeManager}): one {@code git} process per call in a given
 * directory, output captured, prompts off, messages in the C locale, and variables that would
 * point git at another repository removed. Thread-safe.
 */
final class Git {
    private static final List<String> REDIRECTING = List.of("GIT_DIR", "GIT_WORK_TREE", "GIT_INDEX_FILE",
            "GIT_OBJECT_DIRECTORY", "GIT_ALTERNATE_OBJECT_DIRECTORIES", "GIT_COMMON_DIR", "GIT_PREFIX", "GIT_NAMESPACE");

    /** What one call did. */
    record Result(List<String> command, int exit, String out, String err) {
        boolean ok() {
            return exit == 0;
        }

        /** What git printed, both streams, trimmed. */
        String text() {
            return (out.strip() + "\n" + err.strip()).strip();
        }

        String describe() {
            return "`" + String.join(" ", command) + "` failed (exit " + exit + ")" + (text().isEmpty() ? "" : ": " + text());
        }
    }

    Result run(Path dir, List<String> args) {
        List<String> command = new ArrayList<>(args.size() + 1);
        command.add("git");
        command.addAll(args);
        ProcessBuilder pb = new ProcessBuilder(command).directory(dir.toFile());
        Map<String, String> env = pb.environment();
        REDIRECTING.forEach(env::remove);
        env.put("GIT_TERMINAL_PROMPT", "0");
        env.put("LC_ALL", "C");
        Process p;
        try {
            p = pb.start();
        } catch (IOException e) {
            throw new WorkspaceException("cannot run git: is it installed and on the PATH? (" + e.getMessage() + ")", e);
        }
        try {
            p.getOutputStream().close();
            CompletableFuture<String> err = CompletableFuture.supplyAsync(() -> readAll(p.getErrorStream()));
            String out = readAll(p.getInputStream());
            return new Result(command, p.waitFor(), out, err.get());
        } catch (IOException | ExecutionException e) {
            throw new WorkspaceException("git failed to run: " + String.join(" ", command) + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            p.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new WorkspaceException("interrupted while running " + String.join(" ", command), e);
        }
    }

    Result run(Path dir, String... args) {
        return run(dir, List.of(args));
    }

    /** Runs git and returns its trimmed output; throws with git's message when it fails. */
    String check(Path dir, String... args) {
        Result r = run(dir, args);
        if (!r.ok()) {
            throw new WorkspaceException(r.describe());
        }
        return r.out().strip();
    }

    /** The non-blank lines of {@code text}, trimmed. */
    static List<String> lines(String text) {
        List<String> out = new ArrayList<>();
        for (String line : text.split("\n")) {
            if (!line.isBlank()) {
                out.add(line.strip());
            }
        }
        return out;
    }

    /**
     * The {@code -c} options a commit needs here: no signing, and a stand-in identity where none is
     * configured (identity variables such as {@code GIT_AUTHOR_NAME} still take precedence).
     */
    List<String> commitOptions(Path dir) {
        List<String> opts = new ArrayList<>(List.of("-c", "commit.gpgsign=false"));
        if (!run(dir, "config", "user.name").ok()) {
            opts.addAll(List.of("-c", "user.name=OpenAgention"));
        }
        if (!run(dir, "config", "user.email").ok()) {
            opts.addAll(List.of("-c", "user.email=openagention@localhost"));
        }
        return opts;
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
}
