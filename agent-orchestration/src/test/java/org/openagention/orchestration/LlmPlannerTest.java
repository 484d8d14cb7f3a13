// SPDX-License-Identifier: Apache-2.0
package org.openagention.orchestration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.openagention.core.Agent;
import org.openagention.core.message.Message;
import org.openagention.core.model.ModelRequest;
import org.openagention.core.testing.FakeModel;
import org.openagention.orchestration.graph.InvalidGraphException;
import org.openagention.orchestration.graph.Lane;
import org.openagention.orchestration.graph.TaskGraph;
import org.openagention.orchestration.graph.TaskState;
import org.openagention.orchestration.planning.LlmPlanner;
import org.openagention.orchestration.planning.Replan;
import org.openagention.orchestration.review.AcceptanceCheck;

class LlmPlannerTest {

    private static final String CYCLIC = "{\"tasks\":["
            + "{\"id\":\"parser\",\"goal\":\"Write the parser\",\"dependsOn\":[\"tests\"],\"acceptanceCommand\":\"\"},"
            + "{\"id\":\"tests\",\"goal\":\"Write the tests\",\"dependsOn\":[\"parser\",\"ghost\"],\"acceptanceCommand\":\"\"}]}";
    private static final String VALID = "{\"tasks\":["
            + "{\"id\":\"parser\",\"goal\":\"Write the parser\",\"dependsOn\":[],\"acceptanceCommand\":\"mvn -q compile\"},"
            + "{\"id\":\"tests\",\"goal\":\"Write the tests\",\"dependsOn\":[\"parser\"],\"acceptanceCommand\":\"mvn -q test\"},"
            + "{\"id\":\"docs\",\"goal\":\"Document it\",\"dependsOn\":[\"parser\"],\"acceptanceCommand\":\"\"}]}";

    private static String lastUserText(ModelRequest request) {
        List<Message> messages = request.messages();
        return messages.get(messages.size() - 1).text();
    }

    @Test
    void anInvalidGraphIsSentBackWithItsValidationErrors() {
        FakeModel model = new FakeModel().enqueueText(CYCLIC).enqueueText(VALID);
        LlmPlanner planner = LlmPlanner.builder(Agent.builder().model(model).build())
                .taskDefaults(b -> b.lane(Lane.SANDBOXED)).build();

        TaskGraph graph = planner.plan("Add a JSON parser");

        assertThat(graph.ids()).containsExactly("parser", "tests", "docs");
        assertThat(graph.batches()).containsExactly(List.of("parser"), List.of("tests", "docs"));
        assertThat(graph.require("tests").check().toString()).contains("[sh, -c, mvn -q test]");
        assertThat(graph.require("docs").check()).isSameAs(AcceptanceCheck.none());
        assertThat(graph.require("docs").lane()).isEqualTo(Lane.SANDBOXED);
        ModelRequest first = model.takeRequest();
        assertThat(Fixtures.prompt(first)).contains("Add a JSON parser");
        assertThat(first.outputSchema()).isPresent();
        assertThat(lastUserText(model.takeRequest()))
                .contains("task 'tests' depends on unknown task 'ghost'")
                .contains("cycle: parser -> tests -> parser (each task depends on the next)");
    }

    @Test
    void planningFailsWithEveryProblemWhenTheModelNeverFixesThePlan() {
        FakeModel model = new FakeModel().enqueueText(CYCLIC).enqueueText(CYCLIC);
        LlmPlanner planner = LlmPlanner.builder(Agent.builder().model(model).build()).maxAttempts(2).build();

        assertThatThrownBy(() -> planner.plan("Add a JSON parser"))
                .isInstanceOfSatisfying(InvalidGraphException.class, e -> assertThat(e.problems()).containsExactly(
                        "task 'tests' depends on unknown task 'ghost'",
                        "cycle: parser -> tests -> parser (each task depends on the next)"));
    }

    @Test
    void replanKeepsDoneTasksSoNewTasksCanDependOnThem() {
        FakeModel model = new FakeModel()
                .enqueueText("{\"tasks\":[{\"id\":\"parser\",\"goal\":\"again\",\"dependsOn\":[],\"acceptanceCommand\":\"\"}]}")
                .enqueueText("{\"tasks\":[{\"id\":\"tests2\",\"goal\":\"Smaller tests\",\"dependsOn\":[\"parser\"],\"acceptanceCommand\":\"\"}]}");
        LlmPlanner planner = LlmPlanner.builder(Agent.builder().model(model).build()).build();
        TaskGraph before = TaskGraph.builder().add(Fixtures.task("parser")).add(Fixtures.task("tests", "parser")).build();
        Replan replan = new Replan("Add a JSON parser", before,
                Map.of("parser", TaskState.DONE, "tests", TaskState.FAILED), "tests", "3 tests failed", Map.of());

        TaskGraph graph = planner.replan(replan);

        assertThat(graph.ids()).containsExactly("parser", "tests2");
        assertThat(graph.require("parser")).isSameAs(before.require("parser"));
        model.takeRequest();
        assertThat(lastUserText(model.takeRequest())).contains("task 'parser' is already done: do not plan it again");
    }

    @Test
    void theAcceptanceCommandIsOptionalInTheSchemaAndMayBeLeftOutNullOrBlank() throws Exception {
        String plan = "{\"tasks\":["
                + "{\"id\":\"a\",\"goal\":\"No command given\",\"dependsOn\":[]},"
                + "{\"id\":\"b\",\"goal\":\"A null command\",\"dependsOn\":[\"a\"],\"acceptanceCommand\":null},"
                + "{\"id\":\"c\",\"goal\":\"A blank command\",\"dependsOn\":[],\"acceptanceCommand\":\" \"},"
                + "{\"id\":\"d\",\"goal\":\"A command\",\"dependsOn\":[],\"acceptanceCommand\":\"make test\"}]}";
        FakeModel model = new FakeModel().enqueueText(plan);

        TaskGraph graph = LlmPlanner.builder(Agent.builder().model(model).build()).build().plan("Anything");

        assertThat(graph.ids()).containsExactly("a", "b", "c", "d");
        assertThat(List.of("a", "b", "c")).allSatisfy(id -> assertThat(graph.require(id).check())
                .isSameAs(AcceptanceCheck.none()));
        assertThat(graph.require("d").check().toString()).contains("[sh, -c, make test]");
        com.fasterxml.jackson.databind.JsonNode schema = new com.fasterxml.jackson.databind.ObjectMapper()
                .readTree(model.takeRequest().outputSchema().orElseThrow().schemaJson());
        com.fasterxml.jackson.databind.JsonNode task = schema.findValue("acceptanceCommand");
        assertThat(task).as("the schema describes the command").isNotNull();
        assertThat(schema.findValues("required").toString()).contains("goal").doesNotContain("acceptanceCommand");
        assertThat(new LlmPlanner.PlannedTask("x", "g", null, null).acceptanceCommand()).isEmpty();
    }
}
