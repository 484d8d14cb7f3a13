// SPDX-License-Identifier: Apache-2.0
package org.openagention.cli;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Runs the CLI in this JVM (with its own streams and environment) or as a child process, for tests. */
final class Cli {
    private Cli() {}

    record Outcome(int exitCode, String out, String err) {}

    static Outcome inProcess(Map<String, String> env, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        try (PrintStream o = new PrintStream(out, true, StandardCharsets.UTF_8);
                PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8)) {
            int code = OpenAgentionCli.execute(args, new CliContext(o, e, env, null));
            return new Outcome(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
        }
    }

    /**
     * Runs the CLI's main class in a child JVM on this JVM's class path (the shaded jar is built only
     * in the package phase, after the tests). The environment is this one's without model configuration,
     * plus {@code env}.
     */
    static Outcome child(Path workDir, Map<String, String> env, String... args) throws IOException, InterruptedException {
        Running p = start(workDir, env, args);
        if (!p.process().waitFor(2, TimeUnit.MINUTES)) {
            p.process().destroyForcibly();
            throw new AssertionError("the CLI did not end within 2 minutes: " + List.of(args));
        }
        return p.outcome();
    }

    /** A child CLI process, its output drained as it runs. */
    record Running(Process process, CompletableOutput out, CompletableOutput err) {
        /** Waits for the end of the output (the process has ended, or was killed). */
        Outcome outcome() throws InterruptedException {
            return new Outcome(process.waitFor(), out.text(), err.text());
        }
    }

    /** Starts the CLI as {@link #child} does, without waiting for it. */
    static Running start(Path workDir, Map<String, String> env, String... args) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-Djava.io.tmpdir=" + System.getProperty("java.io.tmpdir"));
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(OpenAgentionCli.class.getName());
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command).directory(workDir.toFile());
        for (String v : List.of("ANTHROPIC_API_KEY", "ANTHROPIC_BASE_URL", "OPENAI_API_KEY", "OPENAI_BASE_URL",
                "OPENAGENTION_MODEL")) {
            pb.environment().remove(v);
        }
        pb.environment().putAll(env);
        Process p = pb.start();
        p.getOutputStream().close();
        return new Running(p, new CompletableOutput(p.getInputStream()), new CompletableOutput(p.getErrorStream()));
    }

    /** Drains a stream on its own thread, so a full pipe never blocks the child. */
    static final class CompletableOutput {
        private final Thread thread;
        private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();

        CompletableOutput(InputStream in) {
            thread = new Thread(() -> {
                try (in) {
                    in.transferTo(bytes);
                } catch (IOException e) {
                    // the process ended; what was read stands
                }
            });
            thread.start();
        }

        String text() throws InterruptedException {
            thread.join();
            return bytes.toString(StandardCharsets.UTF_8);
        }
    }
}
