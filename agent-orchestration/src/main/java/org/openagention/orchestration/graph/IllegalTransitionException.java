// SPDX-License-Identifier: Apache-2.0
package org.openagention.orchestration.graph;

import org.openagention.core.AgentException;

/**
 * A state machine (a {@link TaskState task's}, a {@link org.openagention.orchestration.review.ReviewQueue review item's}) was asked for
 * a move it does not allow. The message names the thing, the state it was in and the state asked
 * for; {@link #from()} and {@link #to()} give them to code.
 */
public class IllegalTransitionException extends AgentException {
    private final String from;
    private final String to;

    public IllegalTransitionException(String what, String from, String to) {
        this(what, from, to, "");
    }

    public IllegalTransitionException(String what, String from, String to, String why) {
        super(what + " cannot move from " + from + " to " + to + (why.isEmpty() ? "" : ": " + why));
        this.from = from;
        this.to = to;
    }

    /** The state the thing was in. */
    public String from() {
        return from;
    }

    /** The state that was asked for. */
    public String to() {
        return to;
    }
}
