// SPDX-License-Identifier: Apache-2.0
package org.openagention.orchestration.review;

import org.openagention.core.Agent;
import org.openagention.core.RunOptions;
import org.openagention.orchestration.internal.AgentReviewer;

/**
 * Decides on a piece of work in the {@link ReviewQueue}: a person (through any callback: a
 * console prompt, a web form) or an agent ({@link #agent(Agent)}).
 *
 * <pre>{@code
 * Reviewer person = item -> askOnConsole(item.content())
 *         ? ReviewDecision.approve("alice")
 *         : ReviewDecision.revise("alice", readFeedback());
 * Task t = Task.builder("docs").goal("Document the API").reviewer(person).build();
 * }</pre>
 *
 * <p>Called on a worker thread, possibly for several items at once: implementations must be
 * thread-safe. It may block while a person decides. An exception thrown here fails the attempt
 * as {@link org.openagention.orchestration.graph.FailureKind#WORKER_ERROR}.
 */
@FunctionalInterface
public interface Reviewer {

    ReviewDecision review(ReviewItem item);

    /**
     * A reviewer agent: asked, with structured output, for a decision ({@code approve},
     * {@code reject} or {@code revise}) and feedback. The work under review is quoted to it as
     * data; the agent's name is the reviewer's name.
     */
    static Reviewer agent(Agent agent) {
        return new AgentReviewer(agent, RunOptions.defaults());
    }

    /** Like {@link #agent(Agent)}, each review run with {@code options} (limits, a journal; no run id). */
    static Reviewer agent(Agent agent, RunOptions options) {
        if (options.runId().isPresent()) {
            throw new IllegalArgumentException("a reviewer's run options cannot carry a run id: each review is a run");
        }
        return new AgentReviewer(agent, options);
    }
}
