package org.openagention.core;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.openagention.core.testing.FakeModel;
import org.openagention.core.tool.Tool;
import org.openagention.core.tool.ToolResult;

class AgentLoopSmokeTest {
    record Add(int a, int b) {}

    @Test
    void runsToolThenAnswers() {
        FakeModel model = new FakeModel().enqueueToolCall("add", "{\"a\":2,\"b\":3}").enqueueText("5");
        Tool add = Tool.readOnly("add", "Adds", Add.class, (args, ctx) -> ToolResult.success("" + (args.a() + args.b())));
        RunResult result = Agent.builder().model(model).addTool(add).build().run("2+3?");
        assertThat(result.stopReason()).isEqualTo(StopReason.COMPLETED);
        assertThat(result.finalText()).isEqualTo("5");
        assertThat(result.transcript()).hasSize(4);
        assertThat(model.requests().get(0).tools().get(0).inputSchemaJson()).contains("\"a\"").contains("integer");
        assertThat(result.transcript().get(2).content().get(0).toString()).contains("Success[text=5]");
    }
}
