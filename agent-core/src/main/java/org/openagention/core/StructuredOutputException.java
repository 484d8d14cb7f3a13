// SPDX-License-Identifier: Apache-2.0
package org.openagention.core;

import java.util.List;
import java.util.Objects;

/**
 * The model did not produce a valid structured answer within its attempts, or the run ended
 * before it could. Carries every attempt with the exact errors found.
 */
public class StructuredOutputException extends AgentException {
    private final List<Attempt> attempts;
    private final RunResult run;

    /** One answer the model gave and what was wrong with it. */
    public record Attempt(int number, String answer, List<String> errors) {
        public Attempt {
            Objects.requireNonNull(answer, "answer");
            errors = List.copyOf(errors);
        }
    }

    public StructuredOutputException(String message, List<Attempt> attempts, RunResult run) {
        super(message);
        this.attempts = List.copyOf(attempts);
        this.run = run;
    }

    /** Every attempt, in order. */
    public List<Attempt> attempts() {
        return attempts;
    }

    /** The run as it ended. */
    public RunResult run() {
        return run;
    }
}
