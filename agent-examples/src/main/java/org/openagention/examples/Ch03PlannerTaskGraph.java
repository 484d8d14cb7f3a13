// SPDX-License-Identifier: Apache-2.0
package org.openagention.examples;

import java.util.List;
import org.openagention.core.Agent;
import org.openagention.core.testing.FakeModel;
import org.openagention.orchestration.graph.IllegalTransitionException;
import org.openagention.orchestration.graph.InvalidGraphException;
import org.openagention.orchestration.graph.Task;
import org.openagention.orchestration.graph.TaskGraph;
import org.openagention.orchestration.graph.TaskState;
import org.openagention.orchestration.planning.LlmPlanner;
import org.openagention.orchestration.planning.Planner;
/**
 * Chapter 3, the planner and the task graph: a goal becomes tasks with dependencies, each task
 * moves through a small state machine, and the graph says what can run in which order.
 *
 * <p>Shows every invalid state transition of the course refused with a message naming both
 * states, a graph with an unknown dependency and a cycle refused with every problem listed, and a
 * model's plan with a cycle sent back to it until it proposes a valid one.
 */
public final class Ch03PlannerTaskGraph {

    public static void main(String[] args) {
        try (Example ex = Example.start(3, "the planner and the task graph", args)) {
            ex.step("A task's life: pending -> running -> review -> done, and a failed attempt back to pending");
            TaskState s = TaskState.PENDING;
            for (TaskState next : List.of(TaskState.RUNNING, TaskState.REVIEW, TaskState.DONE)) {
                ex.say(s + " -> " + next);
                s = s.moveTo(next);
            }
            ex.say("FAILED -> " + TaskState.FAILED.moveTo(TaskState.PENDING) + " (a retry)");

            ex.step("Invalid transitions are refused, naming both states");
            TaskState[][] invalid = {
                {TaskState.PENDING, TaskState.DONE}, {TaskState.DONE, TaskState.RUNNING},
                {TaskState.PENDING, TaskState.FAILED}, {TaskState.BLOCKED, TaskState.DONE},
                {TaskState.FAILED, TaskState.DONE}};
            for (TaskState[] move : invalid) {
                try {
                    move[0].moveTo(move[1]);
                } catch (IllegalTransitionException e) {
                    ex.refused(move[0] + " -> " + move[1], e);
                }
            }

            ex.step("A graph: tasks in dependency order, independent ones in the same parallel batch");
            TaskGraph graph = TaskGraph.builder()
                    .add(Task.builder("read").goal("Read the parser and its tests").build())
                    .add(Task.builder("fix").goal("Fix the off-by-one in the parser").dependsOn("read").build())
                    .add(Task.builder("docs").goal("Document the parser's grammar").dependsOn("read").build())
                    .add(Task.builder("test").goal("Add a regression test").dependsOn("fix").build())
                    .build();
            ex.say("order:   " + graph.topologicalOrder());
            ex.say("batches: " + graph.batches());

            ex.step("Without a valid plan nothing runs: an unknown dependency and a cycle, all reported at once");
            try {
                TaskGraph.builder()
                        .add(Task.builder("implement").goal("Implement the feature").dependsOn("design", "spec").build())
                        .add(Task.builder("design").goal("Design the feature").dependsOn("review").build())
                        .add(Task.builder("review").goal("Review the design").dependsOn("implement").build())
                        .build();
            } catch (InvalidGraphException e) {
                ex.refused("the graph", e);
            }

            ex.step("An LLM planner: the model proposes tasks as structured output, validated as a graph");
            FakeModel script = new FakeModel()
                    .enqueueText("{\"tasks\":[" + task("code", "Write the CSV parser", "tests") + ","
                            + task("tests", "Write tests for the CSV parser", "code", "mvn -q test") + "]}")
                    .enqueueText("{\"tasks\":[" + task("code", "Write the CSV parser", "") + ","
                            + task("tests", "Write tests for the CSV parser", "code", "mvn -q test") + "]}");
            Agent plannerAgent = Agent.builder().name("planner").model(ex.model(script)).build();
            Planner planner = LlmPlanner.builder(plannerAgent).build();
            TaskGraph planned = planner.plan("Add a CSV parser with tests");
            if (!ex.live()) {
                ex.say("the first plan had a cycle; the model was told so:");
                ex.say("  " + Example.oneLine(script.requests().get(1).messages().get(2).text()));
            }
            planned.tasks().forEach(t -> ex.say("task " + t.id() + " after " + t.dependencies() + ": " + t.goal()
                    + "; checked by " + t.check()));
            ex.say("batches: " + planned.batches());
        }
    }

    /** One task as the planner model writes it (LlmPlanner.PlannedTask as JSON): no command can tell it is done. */
    private static String task(String id, String goal, String dependsOn) {
        return "{\"id\":\"" + id + "\",\"goal\":\"" + goal + "\",\"dependsOn\":["
                + (dependsOn.isEmpty() ? "" : "\"" + dependsOn + "\"") + "]}";
    }

    /** A planned task with the shell command that tells whether it is done (its acceptance check). */
    private static String task(String id, String goal, String dependsOn, String acceptanceCommand) {
        String plain = task(id, goal, dependsOn);
        return plain.substring(0, plain.length() - 1) + ",\"acceptanceCommand\":\"" + acceptanceCommand + "\"}";
    }
}
