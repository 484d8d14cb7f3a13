// SPDX-License-Identifier: Apache-2.0
package org.openagention.tools.process;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.BooleanSupplier;

/**
 * One command to run as a child process, and the one runner every part of the SDK uses for it
 * (the {@code shell} tool, acceptance checks, git).
 *
 * <p>{@link #run} starts the program as the leader of its own session ({@code setsid}, where
 * installed) with empty standard input (or the {@linkplain Builder#input given text}), captures standard output (and standard error, merged
 * into it or kept apart) as its first {@link Builder#headBytes} and last {@link Builder#tailBytes}
 * bytes with the total size stated, so memory stays bounded however much it prints, and waits up
 * to the timeout. On timeout, on cancellation, on interruption, and also after a normal exit
 * (unless {@link Builder#killBackgroundJobs} is off), the whole {@link ProcessTree} is killed:
 * nothing the command started outlives the call.
 *
 * <p>Immutable and thread-safe; the builder is not thread-safe. Defaults: the JVM's working
 * directory and environment, a 10 minute timeout, 16 KiB of head and of tail, standard error
 * merged into standard output.
 *
 * <pre>{@code
 * CommandResult r = Command.builder("mvn", "-q", "test")
 *         .directory(repo)
 *         .timeout(Duration.ofMinutes(5))
 *         .putEnv("MAVEN_OPTS", "-Xmx1g")
 *         .build()
 *         .run();
 * if (!r.succeeded()) {
 *     System.out.println(r.describe() + "\n" + r.output());
 * }
 * }</pre>
 */
public final class Command {
    /** The largest head or tail capture allowed (16 MiB each). */
    public static final int MAX_CAPTURE_BYTES = 16 * 1024 * 1024;

    private final List<String> argv;
    private final Path directory;
    private final Map<String, String> baseEnvironment;
    private final Map<String, String> putEnv;
    private final Set<String> removeEnv;
    private final Duration timeout;
    private final int headBytes;
    private final int tailBytes;
    private final boolean mergeErrors;
    private final boolean killBackgroundJobs;
    private final String input;

    private Command(Builder b) {
        this.argv = List.copyOf(b.argv);
        this.directory = b.directory;
        this.baseEnvironment = b.baseEnvironment == null ? null : Map.copyOf(b.baseEnvironment);
        this.putEnv = Map.copyOf(b.putEnv);
        this.removeEnv = Set.copyOf(b.removeEnv);
        this.timeout = b.timeout;
        this.headBytes = b.headBytes;
        this.tailBytes = b.tailBytes;
        this.mergeErrors = b.mergeErrors;
        this.killBackgroundJobs = b.killBackgroundJobs;
        this.input = b.input;
    }

    /**
     * A builder for running {@code program} with {@code args}.
     *
     * @throws IllegalArgumentException when the program is blank
     */
    public static Builder builder(String program, String... args) {
        List<String> argv = new ArrayList<>();
        argv.add(program);
        argv.addAll(List.of(args));
        return builder(argv);
    }

    /**
     * A builder for running {@code argv} (the program, then its arguments).
     *
     * @throws IllegalArgumentException when {@code argv} is empty or its program blank
     */
    public static Builder builder(List<String> argv) {
        return new Builder(argv);
    }

    /** A builder holding this command, to change some of it. */
    public Builder toBuilder() {
        Builder b = new Builder(argv);
        b.directory = directory;
        b.baseEnvironment = baseEnvironment;
        b.putEnv.putAll(putEnv);
        b.removeEnv.addAll(removeEnv);
        b.timeout = timeout;
        b.headBytes = headBytes;
        b.tailBytes = tailBytes;
        b.mergeErrors = mergeErrors;
        b.killBackgroundJobs = killBackgroundJobs;
        b.input = input;
        return b;
    }

    /**
     * Runs the command to its end, its timeout, or an interruption.
     *
     * @throws IOException when the program cannot be started (the message names it)
     * @throws InterruptedException when the calling thread is interrupted; the tree is killed first
     */
    public CommandResult run() throws IOException, InterruptedException {
        return run(() -> false);
    }

    /**
     * As {@link #run()}, also stopping (and killing the tree) as soon as {@code cancelled} says so;
     * it is polled while the command runs.
     */
    public CommandResult run(BooleanSupplier cancelled) throws IOException, InterruptedException {
        return Runner.run(this, Objects.requireNonNull(cancelled, "cancelled"));
    }

    /** The text given on standard input; empty when standard input is empty. */
    public Optional<String> input() {
        return Optional.ofNullable(input);
    }

    /** The program and its arguments. */
    public List<String> argv() {
        return argv;
    }

    /** Where it runs; empty for the JVM's working directory. */
    public Optional<Path> directory() {
        return Optional.ofNullable(directory);
    }

    /** The environment it gets, computed from {@code parent} (the JVM's, unless replaced). */
    Map<String, String> environment(Map<String, String> parent) {
        Map<String, String> env = new LinkedHashMap<>(baseEnvironment == null ? parent : baseEnvironment);
        removeEnv.forEach(env::remove);
        env.putAll(putEnv);
        return env;
    }

    /** Whether the environment replaces the JVM's instead of starting from it. */
    boolean replacesEnvironment() {
        return baseEnvironment != null;
    }

    public Duration timeout() {
        return timeout;
    }

    public int headBytes() {
        return headBytes;
    }

    public int tailBytes() {
        return tailBytes;
    }

    /** Whether standard error is merged into standard output (in the order written). */
    public boolean mergesErrors() {
        return mergeErrors;
    }

    /** Whether processes the command left running when it exited are killed too. */
    public boolean killsBackgroundJobs() {
        return killBackgroundJobs;
    }

    /** The command line as one string, for messages. */
    @Override
    public String toString() {
        return String.join(" ", argv);
    }

    /** Builds a {@link Command}; each setter checks its value and says what is wrong. */
    public static final class Builder {
        private final List<String> argv;
        private Path directory;
        private Map<String, String> baseEnvironment;
        private final Map<String, String> putEnv = new LinkedHashMap<>();
        private final Set<String> removeEnv = new LinkedHashSet<>();
        private Duration timeout = Duration.ofMinutes(10);
        private int headBytes = 16 * 1024;
        private int tailBytes = 16 * 1024;
        private boolean mergeErrors = true;
        private boolean killBackgroundJobs = true;
        private String input;

        private Builder(List<String> argv) {
            Objects.requireNonNull(argv, "argv");
            argv.forEach(a -> Objects.requireNonNull(a, "an argument is null"));
            if (argv.isEmpty() || argv.get(0).isBlank()) {
                throw new IllegalArgumentException("a command needs a program to run: " + argv);
            }
            this.argv = List.copyOf(argv);
        }

        public Builder directory(Path dir) {
            this.directory = Objects.requireNonNull(dir, "dir");
            return this;
        }

        /** Starts from {@code env} instead of the JVM's environment ({@link #putEnv} and {@link #removeEnv} still apply). */
        public Builder environment(Map<String, String> env) {
            this.baseEnvironment = Map.copyOf(env);
            return this;
        }

        /** Sets a variable (after removals). */
        public Builder putEnv(String name, String value) {
            putEnv.put(Objects.requireNonNull(name, "name"), Objects.requireNonNull(value, "value"));
            return this;
        }

        /** Removes variables inherited from the starting environment. */
        public Builder removeEnv(String... names) {
            for (String name : names) {
                removeEnv.add(Objects.requireNonNull(name, "name"));
            }
            return this;
        }

        public Builder timeout(Duration timeout) {
            Objects.requireNonNull(timeout, "timeout");
            if (timeout.isNegative() || timeout.isZero()) {
                throw new IllegalArgumentException("a command needs a positive timeout but was " + timeout);
            }
            this.timeout = timeout;
            return this;
        }

        /** How many bytes of the start of each output stream are kept. */
        public Builder headBytes(int bytes) {
            this.headBytes = capture(bytes, "headBytes");
            return this;
        }

        /** How many bytes of the end of each output stream are kept. */
        public Builder tailBytes(int bytes) {
            this.tailBytes = capture(bytes, "tailBytes");
            return this;
        }

        /** Whether standard error goes into the output (the default) or is captured apart. */
        public Builder mergeErrors(boolean merge) {
            this.mergeErrors = merge;
            return this;
        }

        /**
         * Whether processes the command started and left running when it exited (background
         * jobs, daemons of its session) are killed then (the default), or left alone. Off saves a
         * scan of the process table per run, for programs that start none, such as git. On
         * timeout, cancellation or interruption the whole tree is killed either way.
         */
        public Builder killBackgroundJobs(boolean on) {
            this.killBackgroundJobs = on;
            return this;
        }

        /** Text the program reads on its standard input (UTF-8), such as a JSON event; empty input by default. */
        public Builder input(String text) {
            this.input = Objects.requireNonNull(text, "text");
            return this;
        }

        public Command build() {
            return new Command(this);
        }

        private static int capture(int bytes, String what) {
            if (bytes < 0 || bytes > MAX_CAPTURE_BYTES) {
                throw new IllegalArgumentException(what + " must be between 0 and " + MAX_CAPTURE_BYTES + " but was " + bytes);
            }
            return bytes;
        }
    }
}
