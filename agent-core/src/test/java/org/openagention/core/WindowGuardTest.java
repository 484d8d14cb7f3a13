// SPDX-License-Identifier: Apache-2.0
package org.openagention.core;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.openagention.core.testing.FakeModel;
import org.openagention.core.tool.Tool;
import org.openagention.core.tool.ToolResult;

/** Without Compaction, a request that cannot fit the model's window is still never sent. */
class WindowGuardTest {
    record ReadArgs(String path) {}

    private static Tool reader(int chars) {
        return Tool.readOnly("read_file", "Reads a file", ReadArgs.class,
                (a, ctx) -> ToolResult.success("x = compute(y); // a line of code\n".repeat(chars / 34 + 1)));
    }

    @Test
    void anOversizedRequestIsNotSentAndTheRunEndsWithTheContextWindowReason() {
        FakeModel model = new FakeModel("gpt-test").withContextWindow(2_000)
                .enqueueToolCall("read_file", "{\"path\":\"Big.java\"}")
                .enqueueText("never asked for");
        Agent agent = Agent.builder().model(model).addTool(reader(40_000)).build();

        RunResult result = agent.run("Read Big.java.");

        assertThat(result.stopReason()).as(result.detail()).isEqualTo(StopReason.CONTEXT_WINDOW);
        assertThat(result.detail()).contains("2000-token window", "it was not sent", "gpt-test");
        assertThat(model.requests()).as("only the first, small request went out").hasSize(1);
        assertThat(model.remaining()).isEqualTo(1);
        assertThat(result.transcript().toString()).as("the tool's output is kept in the transcript").contains("compute(y)");
    }

    @Test
    void aPromptTooLongForTheWindowSendsNothing() {
        FakeModel model = new FakeModel("claude-test").withContextWindow(1_000).enqueueText("never asked for");
        Agent agent = Agent.builder().model(model).build();

        RunResult result = agent.run("Summarise this: " + "a long sentence of prose. ".repeat(400));

        assertThat(result.stopReason()).isEqualTo(StopReason.CONTEXT_WINDOW);
        assertThat(model.requests()).isEmpty();
    }

    @Test
    void aModelWithoutAKnownWindowIsNotChecked() {
        FakeModel model = new FakeModel("gpt-test").enqueueToolCall("read_file", "{\"path\":\"Big.java\"}")
                .enqueueText("read it");
        Agent agent = Agent.builder().model(model).addTool(reader(40_000)).build();

        RunResult result = agent.run("Read Big.java.");

        assertThat(result.stopReason()).isEqualTo(StopReason.COMPLETED);
        assertThat(model.requests()).hasSize(2);
    }

    @Test
    void aRequestThatFitsIsSent() {
        FakeModel model = new FakeModel("gpt-test").withContextWindow(200_000)
                .enqueueToolCall("read_file", "{\"path\":\"Big.java\"}").enqueueText("read it");
        Agent agent = Agent.builder().model(model).addTool(reader(40_000)).build();

        assertThat(agent.run("Read Big.java.").stopReason()).isEqualTo(StopReason.COMPLETED);
        assertThat(model.requests()).hasSize(2);
    }
}
