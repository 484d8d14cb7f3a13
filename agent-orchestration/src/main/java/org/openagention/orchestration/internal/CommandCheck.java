package org.openagention.orchestration.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import org.openagention.orchestration.AcceptanceCheck;
import org.openagention.orchestration.CheckContext;
import org.openagention.orchestration.Verdict;

/**
 * Runs a command as a real process in the task's workspace: exit 0 passes. The output is read
 * while the process runs (so a chatty process cannot block on a full pipe) and kept as head and
 * tail when long. On timeout the process and its descendants are killed.
 */
public final class CommandCheck implements AcceptanceCheck {
    static final int MAX_OUTPUT = 16_000;

    private final List<String> command;
    private final Duration timeout;

    public CommandCheck(List<String> command, Duration timeout) {
        this.command = List.copyOf(command);
        this.timeout = Objects.requireNonNull(timeout, "timeout");
        if (this.command.isEmpty() || this.command.get(0).isBlank()) {
            throw new IllegalArgumentException("a command check needs a program to run");
        }
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("a command check needs a positive timeout: " + timeout);
        }
    }

    public List<String> command() {
        return command;
    }

    public Duration timeout() {
        return timeout;
    }

    @Override
    public Verdict verify(CheckContext context) throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder(command).directory(context.workspace().root().toFile())
                .redirectErrorStream(true).redirectInput(ProcessBuilder.Redirect.from(nullDevice()));
        Process p;
        try {
            p = pb.start();
        } catch (IOException e) {
            return Verdict.failed("the check command " + command + " could not start: " + e.getMessage());
        }
        OutputCollector out = new OutputCollector(p.getInputStream());
        Thread reader = new Thread(out, "check-output-" + context.task().id());
        reader.setDaemon(true);
        reader.start();
        boolean finished;
        try {
            finished = p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            kill(p);
            throw e;
        }
        if (!finished) {
            kill(p);
        }
        reader.join(5_000);
        String text = out.text();
        if (!finished) {
            return Verdict.failed("the check command " + String.join(" ", command) + " did not finish within "
                    + timeout + " and was killed. Output:\n" + text);
        }
        int exit = p.exitValue();
        if (exit == 0) {
            return Verdict.passed(text);
        }
        return Verdict.failed("the check command " + String.join(" ", command) + " exited with " + exit + ". Output:\n"
                + text);
    }

    private static java.io.File nullDevice() {
        return new java.io.File(System.getProperty("os.name").startsWith("Windows") ? "NUL" : "/dev/null");
    }

    private static void kill(Process p) {
        p.descendants().forEach(ProcessHandle::destroyForcibly);
        p.destroyForcibly();
        try {
            p.waitFor(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public String toString() {
        return "command " + command + " (timeout " + timeout + ")";
    }

    /** Reads a stream to its end, keeping the first and last part when it is long. */
    private static final class OutputCollector implements Runnable {
        private final InputStream in;
        private final StringBuilder head = new StringBuilder();
        private final StringBuilder tail = new StringBuilder();
        private long total;

        OutputCollector(InputStream in) {
            this.in = in;
        }

        @Override
        public void run() {
            byte[] buf = new byte[8192];
            try (in) {
                int n;
                while ((n = in.read(buf)) > 0) {
                    append(new String(buf, 0, n, StandardCharsets.UTF_8));
                }
            } catch (IOException e) {
                // The process was killed; what was read stands.
            } catch (UncheckedIOException e) {
                // same
            }
        }

        private synchronized void append(String s) {
            total += s.length();
            if (head.length() < MAX_OUTPUT / 2) {
                int take = Math.min(s.length(), MAX_OUTPUT / 2 - head.length());
                head.append(s, 0, take);
                s = s.substring(take);
            }
            tail.append(s);
            if (tail.length() > MAX_OUTPUT) {
                tail.delete(0, tail.length() - MAX_OUTPUT / 2);
            }
        }

        synchronized String text() {
            if (total <= MAX_OUTPUT) {
                return head.toString() + tail;
            }
            String end = tail.length() > MAX_OUTPUT / 2 ? tail.substring(tail.length() - MAX_OUTPUT / 2) : tail.toString();
            return head + "\n[... " + (total - head.length() - end.length()) + " characters of " + total
                    + " left out ...]\n" + end;
        }
    }
}
