// SPDX-License-Identifier: Apache-2.0
package org.openagention.orchestration.review;

import java.time.Duration;
import java.util.List;
import org.openagention.orchestration.internal.CommandCheck;
import org.openagention.orchestration.internal.NoCheck;

/**
 * Decides whether an attempt at a task is accepted. Runs on the worker's thread right after the
 * worker answers, in the task's workspace. A review by a person or an agent comes after the
 * check, through the {@link ReviewQueue} (see {@link org.openagention.orchestration.graph.Task.Builder#reviewer}).
 *
 * <pre>{@code
 * Task t = Task.builder("fix-parser").goal("Make the parser tests pass")
 *         .check(AcceptanceCheck.command(List.of("mvn", "-q", "test"), Duration.ofMinutes(5)))
 *         .build();
 * }</pre>
 *
 * <p>Implementations must be thread-safe (checks of parallel tasks run at once). An exception
 * thrown here fails the attempt as {@link org.openagention.orchestration.graph.FailureKind#WORKER_ERROR}. Only the built-in checks
 * ({@link #none()}, {@link #command}) can be rebuilt from a journal by
 * {@link org.openagention.orchestration.Orchestrator#resume(String)}; a run with custom checks resumes with
 * {@link org.openagention.orchestration.Orchestrator#resume(String, TaskGraph)}.
 */
@FunctionalInterface
public interface AcceptanceCheck {

    /**
     * Checks the attempt.
     *
     * @throws Exception when the check itself could not run
     */
    Verdict verify(CheckContext context) throws Exception;

    /** Accepts every attempt whose worker finished with an answer. */
    static AcceptanceCheck none() {
        return NoCheck.INSTANCE;
    }

    /**
     * Runs {@code command} (program and arguments, no shell) as a process in the task's workspace:
     * exit code 0 passes. Output (stdout and stderr together, its head and tail when long) is kept
     * as the verdict's output. A command still running after {@code timeout} is killed with its
     * child processes and fails.
     */
    static AcceptanceCheck command(List<String> command, Duration timeout) {
        return new CommandCheck(command, timeout);
    }

    /** {@link #command(List, Duration)} with a timeout of 10 minutes. */
    static AcceptanceCheck command(String... command) {
        return new CommandCheck(List.of(command), Duration.ofMinutes(10));
    }

    /** A shell script run by {@code sh -c} in the task's workspace (POSIX systems), with a 10 minute timeout. */
    static AcceptanceCheck shell(String script) {
        return new CommandCheck(List.of("sh", "-c", script), Duration.ofMinutes(10));
    }
}
