// SPDX-License-Identifier: Apache-2.0
package org.openagention.tools.process;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * How one {@link Command#run} ended and what it printed. The output texts are head and tail with
 * the total size stated when the command printed more than the command's capture limits.
 *
 * <p>Immutable and thread-safe.
 */
public final class CommandResult {
    /** How a run ended. */
    public enum Ending {
        /** The program exited by itself; {@link #exitCode()} says how. */
        EXITED,
        /** It ran past its timeout and was killed with everything it started. */
        TIMED_OUT,
        /** The caller cancelled it; it was killed with everything it started. */
        CANCELLED
    }

    private final List<String> argv;
    private final Duration timeout;
    private final Ending ending;
    private final int exitCode;
    private final String output;
    private final long outputBytes;
    private final String errors;
    private final long errorBytes;

    CommandResult(List<String> argv, Duration timeout, Ending ending, int exitCode, String output,
            long outputBytes, String errors, long errorBytes) {
        this.argv = List.copyOf(argv);
        this.timeout = timeout;
        this.ending = Objects.requireNonNull(ending, "ending");
        this.exitCode = exitCode;
        this.output = Objects.requireNonNull(output, "output");
        this.outputBytes = outputBytes;
        this.errors = Objects.requireNonNull(errors, "errors");
        this.errorBytes = errorBytes;
    }

    /** The program and arguments that ran. */
    public List<String> argv() {
        return argv;
    }

    public Ending ending() {
        return ending;
    }

    /** The exit code when the command {@linkplain Ending#EXITED exited}, else -1. */
    public int exitCode() {
        return exitCode;
    }

    /** Whether it exited with code 0. */
    public boolean succeeded() {
        return ending == Ending.EXITED && exitCode == 0;
    }

    /** Standard output (with standard error when merged), head and tail when long. */
    public String output() {
        return output;
    }

    /** How many bytes the command wrote to {@link #output()} in all. */
    public long outputBytes() {
        return outputBytes;
    }

    /** Standard error when kept apart, head and tail when long; empty when merged into the output. */
    public String errors() {
        return errors;
    }

    /** How many bytes the command wrote to {@link #errors()} in all. */
    public long errorBytes() {
        return errorBytes;
    }

    /** One line naming the command and how it ended, e.g. {@code `git merge x` exited with 1}. */
    public String describe() {
        String command = "`" + String.join(" ", argv) + "`";
        switch (ending) {
            case TIMED_OUT:
                return command + " did not finish within "
                        + (timeout.toMillis() % 1000 == 0 ? timeout.toSeconds() + " s" : timeout.toMillis() + " ms")
                        + " and was killed with every process it started";
            case CANCELLED:
                return command + " was cancelled and killed with every process it started";
            default:
                return command + " exited with " + exitCode;
        }
    }

    @Override
    public String toString() {
        return "CommandResult[" + describe() + ", " + outputBytes + " bytes of output]";
    }
}
