// SPDX-License-Identifier: Apache-2.0
package org.openagention.examples;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.openagention.core.Agent;
import org.openagention.core.RetryPolicy;
import org.openagention.core.model.Model;
import org.openagention.core.model.ModelResponse;
import org.openagention.core.testing.FakeModel;
import org.openagention.orchestration.OrchestrationResult;
import org.openagention.orchestration.Orchestrator;
import org.openagention.orchestration.graph.TaskGraph;
import org.openagention.orchestration.lanes.WorkerFactory;
import org.openagention.orchestration.planning.LlmPlanner;
import org.openagention.orchestration.review.Reviewer;
import org.openagention.tools.CodingTools;

/**
 * Chapter 19, assembling the system: little new code, the parts of the earlier chapters
 * connected. A planner turns the goal into a task graph, the orchestrator runs each task in its
 * own git worktree with a worker agent and the coding tools, the project's own tests accept or
 * reject each attempt, a reviewer agent approves, and accepted work is merged into main in
 * dependency order.
 *
 * <p>Runs on a real git repository with a bug and a missing feature, whose tests fail before and
 * pass after. Shows a worker's first fix failing the tests and its retry starting from the
 * test output.
 */
public final class Ch19AssembledSystem {

    public static void main(String[] args) throws Exception {
        try (Example ex = Example.start(19, "assembling the system", args)) {
            Path repo = ex.gitRepo(
                    "src/add.sh", "add() { echo $(( $1 - $2 )); }\n",
                    "tests/test_add.sh", ". src/add.sh; [ \"$(add 2 3)\" = 5 ] || { echo \"add 2 3 gave $(add 2 3)\"; exit 1; }\n",
                    "tests/test_mul.sh", ". src/mul.sh; [ \"$(mul 2 3)\" = 6 ] || { echo \"mul 2 3 gave $(mul 2 3)\"; exit 1; }\n",
                    "README.md", "# calc\n\nOperations: add.\n");
            ex.step("Before: the project's tests fail");
            ex.say(tests(repo));

            ex.step("The planner turns the goal into a task graph (structured output, validated)");
            FakeModel plannerModel = new FakeModel().enqueueText("{\"tasks\":["
                    + "{\"id\":\"fix-add\",\"goal\":\"Fix add in src/add.sh: it subtracts\",\"dependsOn\":[],\"acceptanceCommand\":\"sh tests/test_add.sh\"},"
                    + "{\"id\":\"add-mul\",\"goal\":\"Add mul to src/mul.sh\",\"dependsOn\":[],\"acceptanceCommand\":\"sh tests/test_mul.sh\"},"
                    + "{\"id\":\"docs\",\"goal\":\"List mul in README.md\",\"dependsOn\":[\"fix-add\",\"add-mul\"]}]}");
            Model reviewerModel = ex.model(FakeModel.answering(r -> ModelResponse.ofText("{\"decision\":\"approve\",\"feedback\":\"\"}")));
            LlmPlanner planner = LlmPlanner.builder(Agent.builder().name("planner").model(ex.model(plannerModel)).build())
                    .taskDefaults(t -> t.reviewer(Reviewer.agent(Agent.builder().name("reviewer").model(reviewerModel).build()))
                            .retry(RetryPolicy.builder().maxAttempts(2).initialBackoff(Duration.ZERO).build()))
                    .build();
            TaskGraph graph = planner.plan("Fix add, add mul, and document it.");
            graph.tasks().forEach(t -> ex.say(t.id() + " after " + t.dependencies() + ", checked by " + t.check()));

            ex.step("The orchestrator runs it: a worktree per task, workers with the coding tools, checks, review, merge");
            Map<String, FakeModel> workers = Map.of(
                    "fix-add", new FakeModel()
                            .enqueueToolCall("apply_patch", patch("src/add.sh", "add() { echo $(( $1 - $2 )); }", "add() { echo $(( $1 * $2 )); }"))
                            .enqueueText("Fixed add.")
                            .enqueueToolCall("apply_patch", patch("src/add.sh", "add() { echo $(( $1 * $2 )); }", "add() { echo $(( $1 + $2 )); }"))
                            .enqueueText("add adds."),
                    "add-mul", new FakeModel()
                            .enqueueToolCall("write_file", "{\"path\":\"src/mul.sh\",\"content\":\"mul() { echo $(( $1 * $2 )); }\\n\"}")
                            .enqueueText("Added mul."),
                    "docs", new FakeModel()
                            .enqueueToolCall("apply_patch", patch("README.md", "Operations: add.", "Operations: add, mul."))
                            .enqueueText("Documented mul."));
            OrchestrationResult result = Orchestrator.builder()
                    .workers(WorkerFactory.agents((task, ws) -> Agent.builder().name(task.id())
                            .model(ex.model(workers.get(task.id()))).tools(CodingTools.all(ws))
                            .instructions("You are a careful engineer. Change only what the task needs.").build()))
                    .repository(repo)   // a git worktree per task that writes, merged into the checked-out branch
                    .parallelism(2)
                    .addListener(ex.orchestrationTrace())
                    .build()
                    .run("ch19", "Fix add, add mul, and document it.", graph);
            ex.say("run " + result.status() + "; spent " + result.spend().tokens() + " tokens");
            if (!ex.live()) {
                String retry = workers.get("fix-add").requests().get(2).messages().get(0).text();
                ex.say("fix-add's second attempt began with the failure:\n"
                        + retry.substring(0, retry.indexOf("Checkpoint of what")).strip());
            }

            ex.step("After: main has every task's work, and the tests pass");
            ex.say(Example.git(repo, "log", "--oneline", "--first-parent", "main").replaceAll("(?m)^[0-9a-f]+ ", "  "));
            ex.say(tests(repo));
        }
    }

    private static String tests(Path repo) {
        StringBuilder out = new StringBuilder();
        for (String test : List.of("tests/test_add.sh", "tests/test_mul.sh")) {
            try {
                Process p = new ProcessBuilder("sh", test).directory(repo.toFile()).redirectErrorStream(true).start();
                String output = new String(p.getInputStream().readAllBytes()).strip();
                out.append(test).append(p.waitFor() == 0 ? ": PASS" : ": FAIL (" + Example.oneLine(output) + ")").append('\n');
            } catch (Exception e) {
                out.append(test).append(": could not run (").append(e.getMessage()).append(")\n");
            }
        }
        return out.toString().strip();
    }

    /** The arguments of an apply_patch call that replaces line {@code from} of {@code file} by {@code to}. */
    private static String patch(String file, String from, String to) {
        return "{\"input\":\"*** Begin Patch\\n*** Update File: " + file + "\\n@@\\n-" + from + "\\n+" + to
                + "\\n*** End Patch\"}";
    }
}
