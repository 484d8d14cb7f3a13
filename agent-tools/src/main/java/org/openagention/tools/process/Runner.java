// SPDX-License-Identifier: Apache-2.0
package org.openagention.tools.process;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.openagention.core.context.HeadTailBuffer;

/** Runs one {@link Command} as its own process tree and captures its output as head and tail. */
final class Runner {
    private static final boolean SETSID = onPath("setsid");
    private static final File NULL_DEVICE = new File(System.getProperty("os.name", "").startsWith("Windows") ? "NUL" : "/dev/null");

    private Runner() {}

    static CommandResult run(Command command, BooleanSupplier cancelled) throws IOException, InterruptedException {
        // A program that cannot be found starts without setsid, so that starting it fails here, clearly.
        boolean ownSession = SETSID && findable(command);
        List<String> argv = new ArrayList<>();
        if (ownSession) {
            argv.add("setsid");
        }
        argv.addAll(command.argv());
        // Input comes from a file, not a pipe: a program that never reads it cannot block the writer.
        Path inputFile = null;
        if (command.input().isPresent()) {
            inputFile = Files.createTempFile("openagention-input-", ".txt");
            Files.writeString(inputFile, command.input().get());
        }
        try {
            return run(command, cancelled, argv, ownSession, inputFile);
        } finally {
            if (inputFile != null) {
                Files.deleteIfExists(inputFile);
            }
        }
    }

    private static CommandResult run(Command command, BooleanSupplier cancelled, List<String> argv, boolean ownSession,
            Path inputFile) throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder(argv)
                .redirectErrorStream(command.mergesErrors())
                .redirectInput(ProcessBuilder.Redirect.from(inputFile == null ? NULL_DEVICE : inputFile.toFile()));
        command.directory().ifPresent(dir -> pb.directory(dir.toFile()));
        Map<String, String> env = pb.environment();
        Map<String, String> wanted = command.environment(env);
        env.clear();
        env.putAll(wanted);
        if (ownSession) {
            Reaper.ready();
        }
        Process process;
        try {
            process = pb.start();
        } catch (IOException e) {
            throw new IOException("cannot start `" + command + "`" + command.directory().map(d -> " in " + d).orElse("")
                    + ": " + e.getMessage(), e);
        }
        ProcessTree tree = ProcessTree.of(process, ownSession);
        if (ownSession) {
            Reaper.watch(process.pid());
        }
        HeadTailBuffer out = new HeadTailBuffer(command.headBytes(), command.tailBytes());
        HeadTailBuffer err = new HeadTailBuffer(command.headBytes(), command.tailBytes());
        Thread outReader = drain(process.getInputStream(), out, "openagention-process-output-" + process.pid());
        Thread errReader = command.mergesErrors() ? null
                : drain(process.getErrorStream(), err, "openagention-process-errors-" + process.pid());
        CommandResult.Ending ending = CommandResult.Ending.EXITED;
        long deadline = System.nanoTime() + command.timeout().toNanos();
        try {
            long poll = 5;
            while (!process.waitFor(Math.min(poll, Math.max(1, (deadline - System.nanoTime()) / 1_000_000)), TimeUnit.MILLISECONDS)) {
                tree.snapshot();
                if (cancelled.getAsBoolean()) {
                    ending = CommandResult.Ending.CANCELLED;
                    break;
                }
                if (System.nanoTime() - deadline >= 0) {
                    ending = CommandResult.Ending.TIMED_OUT;
                    break;
                }
                poll = Math.min(100, poll * 2);
            }
        } finally {
            // Also after a normal exit (unless asked not to): background jobs do not outlive the call.
            if (process.isAlive() || ending != CommandResult.Ending.EXITED || command.killsBackgroundJobs()) {
                tree.kill();
            }
            if (ownSession) {
                Reaper.release(process.pid());
            }
        }
        outReader.join(5_000);
        if (errReader != null) {
            errReader.join(5_000);
        }
        int exit = ending == CommandResult.Ending.EXITED ? process.exitValue() : -1;
        return new CommandResult(command.argv(), command.timeout(), ending, exit, out.text(), out.total(), err.text(),
                err.total());
    }

    private static Thread drain(InputStream in, HeadTailBuffer into, String name) {
        Thread reader = new Thread(() -> {
            byte[] buf = new byte[64 * 1024];
            try (in) {
                int n;
                while ((n = in.read(buf)) > 0) {
                    into.write(buf, 0, n);
                }
            } catch (IOException closed) {
                // The process is gone and its pipe closed; what was read is kept.
            }
        }, name);
        reader.setDaemon(true);
        reader.start();
        return reader;
    }

    private static boolean findable(Command command) {
        String program = command.argv().get(0);
        if (program.contains("/")) {
            Path p = Path.of(program);
            return executable(p.isAbsolute() ? p : command.directory().orElse(Path.of("")).resolve(p));
        }
        return onPath(program);
    }

    private static boolean onPath(String name) {
        String path = System.getenv("PATH");
        if (path == null) {
            return false;
        }
        for (String dir : path.split(File.pathSeparator)) {
            if (!dir.isEmpty() && executable(Path.of(dir, name))) {
                return true;
            }
        }
        return false;
    }

    private static boolean executable(Path candidate) {
        return Files.isExecutable(candidate) && !Files.isDirectory(candidate);
    }
}
