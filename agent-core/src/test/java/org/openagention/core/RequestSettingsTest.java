// SPDX-License-Identifier: Apache-2.0
package org.openagention.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.openagention.core.message.UserMessage;
import org.openagention.core.model.ModelRequest;
import org.openagention.core.testing.FakeModel;
import org.openagention.core.tool.Tool;
import org.openagention.core.tool.ToolResult;
import org.openagention.core.tool.ToolSpec;

class RequestSettingsTest {
    record Key(String key) {}

    private final Tool look = Tool.readOnly("look", "Reads", Key.class, (a, ctx) -> ToolResult.success("saw " + a.key()));

    @Test
    void everyTurnSendsTheRunSettingsWithTheGrowingTranscript() {
        FakeModel model = new FakeModel().enqueueToolCall("look", "{\"key\":\"a\"}")
                .enqueueToolCall("look", "{\"key\":\"b\"}").enqueueText("done");
        Agent agent = Agent.builder().model(model).modelId("m-7").instructions("Be brief.").maxOutputTokens(64)
                .addTool(look).build();

        RunResult result = agent.run("go");

        List<ModelRequest> sent = model.requests();
        assertThat(sent).extracting(r -> r.messages().size()).containsExactly(1, 3, 5);
        for (ModelRequest r : sent) {
            assertThat(r.system()).isEqualTo("Be brief.");
            assertThat(r.model()).contains("m-7");
            assertThat(r.maxOutputTokens()).isEqualTo(64);
            assertThat(r.tools()).extracting(ToolSpec::name).containsExactly("look");
            assertThat(r.metadata()).containsEntry("run_id", result.runId());
            assertThat(r.messages().get(0)).isInstanceOf(UserMessage.class);
        }
        assertThat(sent.get(2).messages()).isEqualTo(result.transcript().subList(0, 5));
    }

    @Test
    void aStructuredRunSendsTheSchemaAndItsInstructionsEveryTurn() {
        record Answer(String value) {}
        FakeModel model = new FakeModel().enqueueText("not json").enqueueText("{\"value\":\"ok\"}");
        Agent agent = Agent.builder().model(model).instructions("Be brief.").build();

        Answer answer = agent.run("go", Answer.class).value();

        assertThat(answer.value()).isEqualTo("ok");
        List<ModelRequest> sent = model.requests();
        assertThat(sent).allSatisfy(r -> {
            assertThat(r.outputSchema()).isPresent();
            assertThat(r.system()).startsWith("Be brief.").contains("JSON Schema");
        });
    }
}
