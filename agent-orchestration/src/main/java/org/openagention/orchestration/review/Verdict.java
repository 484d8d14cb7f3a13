// SPDX-License-Identifier: Apache-2.0
package org.openagention.orchestration.review;

import java.util.Objects;

/**
 * What an {@link AcceptanceCheck} concluded about an attempt: passed, failed (retried by the
 * task's {@link org.openagention.orchestration.graph.Task#retry() retry policy}), or blocked on something outside the graph.
 *
 * <p>A closed set of immutable records.
 */
public sealed interface Verdict {

    /** The text the check produced (a command's output, a reason); kept in the journal and reports. */
    String output();

    /** The work is accepted. */
    record Passed(String output) implements Verdict {
        public Passed {
            Objects.requireNonNull(output, "output");
        }
    }

    /** The work is not accepted; {@code output} is fed back to the next attempt. */
    record Failed(String output) implements Verdict {
        public Failed {
            Objects.requireNonNull(output, "output");
        }
    }

    /**
     * The task cannot go on until something outside the graph changes (a missing credential, a
     * person's answer). The task moves to {@link org.openagention.orchestration.graph.TaskState#BLOCKED}; a run with nothing else to do
     * ends as {@link org.openagention.orchestration.RunStatus#STALLED}, and {@link org.openagention.orchestration.Orchestrator#resume} tries it again.
     */
    record Blocked(String output) implements Verdict {
        public Blocked {
            Objects.requireNonNull(output, "output");
        }
    }

    static Verdict passed(String output) {
        return new Passed(output);
    }

    static Verdict failed(String output) {
        return new Failed(output);
    }

    static Verdict blocked(String reason) {
        return new Blocked(reason);
    }
}
