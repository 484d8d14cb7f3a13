// SPDX-License-Identifier: Apache-2.0
package org.openagention.orchestration.graph;

import java.util.EnumSet;
import java.util.Set;

/**
 * Where a task is in its life: the states of a task's state machine and the moves allowed
 * between them.
 *
 * <pre>
 * PENDING -> RUNNING
 * RUNNING -> BLOCKED | REVIEW | DONE | FAILED
 * BLOCKED -> RUNNING
 * REVIEW  -> DONE | RUNNING (revise, or take back after a rejection)
 * FAILED  -> PENDING (retry)
 * </pre>
 *
 * Every other move is refused by {@link #moveTo} with an {@link IllegalTransitionException}
 * naming both states. {@code DONE} is terminal.
 */
public enum TaskState {
    /** Waiting for its dependencies or for a worker. */
    PENDING,
    /** A worker is on it (or its check is running). */
    RUNNING,
    /** Stopped on something outside the graph (a missing prerequisite, a person); resumes to running. */
    BLOCKED,
    /** Waiting for a reviewer's decision. */
    REVIEW,
    /** Finished and accepted. Terminal. */
    DONE,
    /** The last attempt failed; may go back to pending for a retry. */
    FAILED;

    private Set<TaskState> next() {
        switch (this) {
            case PENDING:
                return EnumSet.of(RUNNING);
            case RUNNING:
                return EnumSet.of(BLOCKED, REVIEW, DONE, FAILED);
            case BLOCKED:
                return EnumSet.of(RUNNING);
            case REVIEW:
                return EnumSet.of(DONE, RUNNING);
            case FAILED:
                return EnumSet.of(PENDING);
            default:
                return EnumSet.noneOf(TaskState.class);
        }
    }

    /** Whether the state machine allows moving from this state to {@code target}. */
    public boolean canMoveTo(TaskState target) {
        return next().contains(target);
    }

    /**
     * Checks the move from this state to {@code target} and returns {@code target}.
     *
     * @throws IllegalTransitionException when the move is not allowed; the message names both states
     */
    public TaskState moveTo(TaskState target) {
        if (!canMoveTo(target)) {
            throw new IllegalTransitionException("task", name().toLowerCase(), target.name().toLowerCase());
        }
        return target;
    }
}
