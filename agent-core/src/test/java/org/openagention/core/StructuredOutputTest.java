// SPDX-License-Identifier: Apache-2.0
package org.openagention.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.openagention.core.model.ModelRequest;
import org.openagention.core.testing.FakeModel;

class StructuredOutputTest {
    enum Environment { staging, production }

    record Deployment(String service, int replicas, int port, Environment environment, Optional<String> note) {}

    private static final OutputSpec<Deployment> SPEC = OutputSpec.of(Deployment.class)
            .withValidator(d -> d.replicas() >= 1 && d.replicas() <= 10 ? List.of()
                    : List.of("replicas must be between 1 and 10, not " + d.replicas()))
            .withValidator(d -> d.port() >= 1024 && d.port() <= 65535 ? List.of()
                    : List.of("port must be between 1024 and 65535, not " + d.port()));

    @Test
    void reasksWithExactErrorsUntilTheAnswerIsValid() {
        FakeModel model = new FakeModel()
                .enqueueText("{\"service\": \"api\", \"replicas\": \"three\"")
                .enqueueText("{\"service\":\"api\",\"replicas\":\"three\",\"port\":80,\"environment\":\"prod\"}")
                .enqueueText("{\"service\":\"api\",\"replicas\":30,\"port\":80,\"environment\":\"production\"}")
                .enqueueText("Here you go:\n```json\n{\"service\":\"api\",\"replicas\":3,\"port\":8080,"
                        + "\"environment\":\"production\"}\n```");
        Agent agent = Agent.builder().model(model).build();

        TypedResult<Deployment> result = agent.run("Plan the deployment", SPEC.withMaxAttempts(4));

        assertThat(result.attempts()).isEqualTo(4);
        assertThat(result.run().isSuccess()).isTrue();
        assertThat(result.run().turns()).isEqualTo(4);
        assertThat(result.run().runId()).isNotEmpty();
        assertThat(result.value()).isEqualTo(new Deployment("api", 3, 8080, Environment.production, Optional.empty()));
        ModelRequest first = model.takeRequest();
        assertThat(first.outputSchema()).get().extracting(s -> s.name()).isEqualTo("deployment");
        assertThat(first.system()).contains("JSON Schema").contains("\"replicas\"");
        assertThat(model.takeRequest().messages().get(2).text()).contains("not valid JSON");
        assertThat(model.takeRequest().messages().get(4).text())
                .contains("$.replicas: expected integer but got string \"three\"")
                .contains("$.environment: string \"prod\" is not one of [\"staging\",\"production\"]");
        assertThat(model.takeRequest().messages().get(6).text())
                .contains("replicas must be between 1 and 10, not 30")
                .contains("port must be between 1024 and 65535, not 80");
    }

    @Test
    void failureAfterLastAttemptCarriesEveryAttemptsErrors() {
        FakeModel model = new FakeModel().enqueueText("").enqueueText("no json here")
                .enqueueText("{\"service\":\"api\"}");
        StructuredOutputException e = catchThrowableOfType(StructuredOutputException.class,
                () -> Agent.builder().model(model).build().run("plan", SPEC));
        assertThat(e.attempts()).hasSize(3);
        assertThat(e.attempts().get(0).errors()).containsExactly("the answer was empty; a JSON object is required");
        assertThat(e.attempts().get(1).errors()).containsExactly("the answer contains no JSON object");
        assertThat(e.attempts().get(2).errors()).contains("$: missing required property 'replicas'");
        assertThat(e.getMessage()).contains("no valid Deployment after 3 attempts");
        assertThat(e.run().transcript()).hasSize(6);
    }

    @Test
    void runEndingOnALimitIsReportedAsStructuredFailure() {
        FakeModel model = new FakeModel().enqueueText("{}").enqueueText("{}");
        Agent agent = Agent.builder().model(model).build();
        RunOptions options = RunOptions.builder().limits(Limits.builder().maxTurns(1).build()).build();
        assertThatThrownBy(() -> agent.run("plan", Deployment.class, options)).isInstanceOf(StructuredOutputException.class)
                .hasMessageContaining("MAX_TURNS");
    }

    @Test
    void jsonIsExtractedFromFencesAndSurroundingText() {
        assertThat(StructuredRun.extractJson("```json\n{\"a\":1}\n```")).isEqualTo("{\"a\":1}");
        assertThat(StructuredRun.extractJson("Sure! {\"a\":{\"b\":2}} Hope that helps")).isEqualTo("{\"a\":{\"b\":2}}");
        assertThat(StructuredRun.extractJson("nothing")).isNull();
    }
}
