package org.openagention.tools.shell;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/** Runs one command line as its own process tree and captures its merged output. */
final class CommandRunner {
    /** How a run ended. */
    enum Ending { EXITED, TIMED_OUT, CANCELLED }

    /** The outcome of one run; {@code exitCode} is meaningful when {@code ending} is EXITED. */
    record Outcome(Ending ending, int exitCode, String output, long outputBytes) {}

    private static final Path BASH = Path.of("/bin/bash");
    private static final Path SH = Path.of("/bin/sh");
    private static final boolean SETSID = Sandbox.onPath("setsid").isPresent();

    private final Supplier<Path> directory;
    private final ShellOptions options;
    private final Sandbox sandbox;
    private final Map<String, String> environment;

    /**
     * @param directory where each command runs, asked for on every run: a lazy workspace makes its
     *     own root on the first command (a command may write), so it must not be fixed up front
     */
    CommandRunner(Supplier<Path> directory, ShellOptions options, Sandbox sandbox, Map<String, String> environment) {
        this.directory = directory;
        this.options = options;
        this.sandbox = sandbox;
        this.environment = environment;
    }

    /** The shell commands run with: bash where installed, else POSIX sh. */
    static Path shell() {
        return Files.isExecutable(BASH) ? BASH : SH;
    }

    List<String> argv(String command) {
        return argv(command, directory.get());
    }

    private List<String> argv(String command, Path dir) {
        List<String> argv = new ArrayList<>();
        if (SETSID) {
            argv.add("setsid");
        }
        if (options.sandboxed()) {
            argv.addAll(sandbox.prefix(dir));
        }
        argv.add(shell().toString());
        argv.add("-c");
        argv.add(command);
        return argv;
    }

    Outcome run(String command, Duration timeout, BooleanSupplier cancelled) throws IOException, InterruptedException {
        Path dir = directory.get();
        ProcessBuilder pb = new ProcessBuilder(argv(command, dir))
                .directory(dir.toFile())
                .redirectErrorStream(true)
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
        pb.environment().clear();
        pb.environment().putAll(environment);
        Process process = pb.start();
        ProcessTree tree = ProcessTree.of(process, SETSID);
        OutputCapture capture = new OutputCapture(options.headBytes(), options.tailBytes());
        Thread reader = new Thread(() -> drain(process.getInputStream(), capture), "openagention-shell-output-" + process.pid());
        reader.setDaemon(true);
        reader.start();
        Ending ending = Ending.EXITED;
        long deadline = System.nanoTime() + timeout.toNanos();
        try {
            long poll = 5;
            while (!process.waitFor(Math.min(poll, Math.max(1, (deadline - System.nanoTime()) / 1_000_000)), TimeUnit.MILLISECONDS)) {
                tree.snapshot();
                if (cancelled.getAsBoolean()) {
                    ending = Ending.CANCELLED;
                    break;
                }
                if (System.nanoTime() - deadline >= 0) {
                    ending = Ending.TIMED_OUT;
                    break;
                }
                poll = Math.min(100, poll * 2);
            }
        } finally {
            // Also after a normal exit: background jobs never outlive the call.
            tree.killAll();
        }
        reader.join(5_000);
        int exit = ending == Ending.EXITED ? process.exitValue() : -1;
        return new Outcome(ending, exit, capture.text(), capture.total());
    }

    private static void drain(InputStream in, OutputCapture capture) {
        byte[] buf = new byte[64 * 1024];
        try (in) {
            int n;
            while ((n = in.read(buf)) > 0) {
                capture.write(buf, 0, n);
            }
        } catch (IOException closed) {
            // The process is gone and its pipe closed; what was read is kept.
        }
    }
}
