// SPDX-License-Identifier: Apache-2.0
package org.openagention.orchestration.internal;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import org.openagention.orchestration.review.AcceptanceCheck;
import org.openagention.orchestration.review.CheckContext;
import org.openagention.orchestration.review.Verdict;
import org.openagention.tools.process.Command;
import org.openagention.tools.process.CommandResult;

/**
 * Runs a command as a real process in the task's workspace through the SDK's one command runner
 * ({@link Command}): exit 0 passes. The output (standard output and error merged) is kept as head
 * and tail with the total size stated when long. On timeout, and when the command ends, the
 * process and everything it started are killed.
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
        CommandResult r;
        try {
            r = Command.builder(command).directory(context.workspace().root()).timeout(timeout)
                    .headBytes(MAX_OUTPUT / 2).tailBytes(MAX_OUTPUT / 2).build().run();
        } catch (IOException e) {
            return Verdict.failed("the check command could not start: " + e.getMessage());
        }
        String line = String.join(" ", command);
        switch (r.ending()) {
            case EXITED:
                return r.exitCode() == 0 ? Verdict.passed(r.output())
                        : Verdict.failed("the check command " + line + " exited with " + r.exitCode() + ". Output:\n" + r.output());
            default:
                return Verdict.failed("the check command " + line + " did not finish within " + timeout
                        + " and was killed. Output:\n" + r.output());
        }
    }

    @Override
    public String toString() {
        return "command " + command + " (timeout " + timeout + ")";
    }
}
