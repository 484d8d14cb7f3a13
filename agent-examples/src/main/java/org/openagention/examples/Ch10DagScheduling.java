// SPDX-License-Identifier: Apache-2.0
package org.openagention.examples;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.openagention.core.Agent;
import org.openagention.core.model.ModelResponse;
import org.openagention.core.testing.FakeModel;
import org.openagention.orchestration.OrchestrationEvent;
import org.openagention.orchestration.OrchestrationResult;
import org.openagention.orchestration.Orchestrator;
import org.openagention.orchestration.graph.InvalidGraphException;
import org.openagention.orchestration.graph.Task;
import org.openagention.orchestration.graph.TaskGraph;
import org.openagention.orchestration.graph.TaskState;
import org.openagention.orchestration.lanes.TaskWorkspaces;
import org.openagention.orchestration.lanes.WorkerFactory;
import org.openagention.orchestration.review.AcceptanceCheck;
import org.openagention.orchestration.review.Verdict;
/**
 * Chapter 10, DAG scheduling: a task starts only when everything it depends on is done, and
 * independent tasks run side by side.
 *
 * <p>Shows a five-task diamond split into parallel batches with its critical path, the ready set
 * as tasks finish, a run that never starts a task before its dependencies, structural cycles
 * reported with their path, an unknown task id refused, and a runtime stall (a blocked task its
 * dependents wait on forever) ending the run as STALLED instead of hanging.
 */
public final class Ch10DagScheduling {

    public static void main(String[] args) {
        try (Example ex = Example.start(10, "DAG scheduling", args)) {
            TaskGraph diamond = TaskGraph.builder()
                    .add(task("setup", 1))
                    .add(task("api", 3, "setup"))
                    .add(task("ui", 1, "setup"))
                    .add(task("integrate", 2, "api", "ui"))
                    .add(task("release", 1, "integrate"))
                    .build();

            ex.step("The diamond in parallel batches, and the chain that decides how long it takes");
            ex.say("batches: " + diamond.batches());
            ex.say("critical path (by estimated cost): " + diamond.criticalPath().stream().map(Task::id).toList());

            ex.step("The ready set as tasks finish: dependents wait for all their dependencies");
            Map<String, TaskState> states = new HashMap<>();
            for (String finished : List.of("setup", "ui", "api")) {
                states.put(finished, TaskState.DONE);
                ex.say("after " + finished + " is done, ready: "
                        + diamond.ready(states).stream().map(Task::id).toList());
            }

            ex.step("Running it with 2 workers at once: no task starts before its dependencies are done");
            Orchestrator orchestrator = Orchestrator.builder()
                    .workers(WorkerFactory.agents((task, ws) -> Agent.builder().name(task.id())
                            .model(FakeModel.answering(r -> ModelResponse.ofText("finished " + task.id()))).build()))
                    .workspaces(TaskWorkspaces.directories(ex.tempDir()))
                    .parallelism(2)
                    .addListener(e -> {
                        if (e instanceof OrchestrationEvent.AttemptStarted s) {
                            ex.say("start " + s.taskId());
                        }
                    })
                    .build();
            ex.say("run " + orchestrator.run(diamond).status());

            ex.step("Structural cycles are found before anything runs, each with its path");
            try {
                TaskGraph.builder().add(task("a", 1, "c")).add(task("b", 1, "a")).add(task("c", 1, "b"))
                        .add(task("d", 1, "d")).build();
            } catch (InvalidGraphException e) {
                ex.refused("the graph", e);
            }
            try {
                diamond.require("deploy");
            } catch (IllegalArgumentException e) {
                ex.refused("an unknown task id", e);
            }

            ex.step("A runtime stall: 'keys' is blocked on a person, so 'deploy' can never start");
            TaskGraph stalled = TaskGraph.builder()
                    .add(task("build", 1))
                    .add(Task.builder("keys").goal("Get the deploy keys")
                            .check(ctx -> Verdict.blocked("waiting for someone to provide the deploy keys")).build())
                    .add(task("deploy", 1, "build", "keys"))
                    .build();
            OrchestrationResult result = orchestrator.run(stalled);
            ex.say("run " + result.status() + ": " + result.detail());
            ex.say("states: " + result.states());
        }
    }

    private static Task task(String id, double cost, String... dependsOn) {
        return Task.builder(id).goal("Do " + id).dependsOn(dependsOn).estimatedCost(cost)
                .check(AcceptanceCheck.none()).build();
    }
}
