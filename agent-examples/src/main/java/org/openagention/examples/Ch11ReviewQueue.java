// SPDX-License-Identifier: Apache-2.0
package org.openagention.examples;

import java.util.function.Supplier;
import org.openagention.core.Agent;
import org.openagention.core.testing.FakeModel;
import org.openagention.orchestration.OrchestrationResult;
import org.openagention.orchestration.Orchestrator;
import org.openagention.orchestration.graph.IllegalTransitionException;
import org.openagention.orchestration.graph.Task;
import org.openagention.orchestration.graph.TaskGraph;
import org.openagention.orchestration.lanes.TaskWorkspaces;
import org.openagention.orchestration.lanes.WorkerFactory;
import org.openagention.orchestration.review.ReviewQueue;
import org.openagention.orchestration.review.ReviewState;
import org.openagention.orchestration.review.Reviewer;
/**
 * Chapter 11, the review queue: finished work waits for a reviewer, who approves it, rejects it
 * for good, or sends it back with feedback; revised work is resubmitted and waits again.
 *
 * <p>Shows every invalid move of the queue refused (deciding twice, revising a rejected item,
 * resubmitting a pending one, blank feedback, a duplicate id), then a reviewer agent in an
 * orchestrated run sending work back once, the worker's second attempt getting the feedback.
 */
public final class Ch11ReviewQueue {

    public static void main(String[] args) {
        try (Example ex = Example.start(11, "the review queue", args)) {
            ex.step("An item's life: pending -> revised -> resubmitted (pending again) -> approved");
            ReviewQueue queue = new ReviewQueue();
            queue.enqueue("r1", "docs", "Added a README section");
            ex.say("revise: " + queue.revise("r1", "alice", "Say which Java version is needed").state());
            ex.say("resubmit: " + queue.resubmit("r1", "Added a README section (Java 17+)").state()
                    + ", submission " + queue.get("r1").orElseThrow().revision());
            ex.say("approve: " + queue.approve("r1", "alice").state());
            queue.enqueue("r2", "refactor", "Rewrote the parser from scratch");
            queue.reject("r2", "bob", "Too risky for this release");
            queue.enqueue("r3", "tests", "Added parser tests");
            ex.say("pending now: " + queue.list(ReviewState.PENDING).stream().map(i -> i.id()).toList()
                    + ", rejected: " + queue.list(ReviewState.REJECTED).stream().map(i -> i.id()).toList());

            ex.step("Invalid moves are refused, naming the item and both states");
            attempt(ex, "approving r1 twice", () -> queue.approve("r1", "carol"));
            attempt(ex, "revising rejected r2", () -> queue.revise("r2", "carol", "Try again"));
            attempt(ex, "resubmitting pending r3", () -> queue.resubmit("r3", "New content"));
            attempt(ex, "a revision without feedback", () -> queue.revise("r3", "carol", "  "));
            attempt(ex, "a duplicate id", () -> queue.enqueue("r3", "tests", "Again"));

            ex.step("In a run: a reviewer agent sends the work back once; the feedback reaches the next attempt");
            FakeModel reviewerModel = new FakeModel()
                    .enqueueText("{\"decision\":\"revise\",\"feedback\":\"Mention that Java 17 or later is required.\"}")
                    .enqueueText("{\"decision\":\"approve\",\"feedback\":\"\"}");
            FakeModel workerModel = new FakeModel()
                    .enqueueText("README section: build with mvn package.")
                    .enqueueText("README section: build with mvn package; needs Java 17 or later.");
            Reviewer reviewer = Reviewer.agent(Agent.builder().name("reviewer-agent").model(ex.model(reviewerModel)).build());
            Task docs = Task.builder("docs").goal("Write the README's build section").reviewer(reviewer).build();
            Orchestrator orchestrator = Orchestrator.builder()
                    .workers(WorkerFactory.agents((task, ws) -> Agent.builder().model(ex.model(workerModel)).build()))
                    .workspaces(TaskWorkspaces.directories(ex.tempDir()))
                    .addListener(ex.orchestrationTrace())
                    .build();
            OrchestrationResult result = orchestrator.run(TaskGraph.builder().add(docs).build());
            ex.say("final output: " + result.task("docs").orElseThrow().output());
            if (!ex.live()) {
                String second = workerModel.requests().get(1).messages().get(0).text();
                ex.say("attempt 2 began with: " + Example.oneLine(second.substring(0, second.indexOf("Your task"))));
            }
            orchestrator.reviewQueue().list().forEach(i -> ex.say("queue item " + i.id() + " for " + i.taskId()
                    + ": " + i.state() + " after " + i.revision() + " submissions"));
        }
    }

    private static void attempt(Example ex, String what, Supplier<?> move) {
        try {
            move.get();
            ex.say("UNEXPECTED: " + what + " was allowed");
        } catch (IllegalTransitionException | IllegalArgumentException e) {
            ex.refused(what, e);
        }
    }
}
