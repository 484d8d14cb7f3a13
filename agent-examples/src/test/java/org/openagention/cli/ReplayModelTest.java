// SPDX-License-Identifier: Apache-2.0
package org.openagention.cli;

import org.openagention.core.testing.ReplayModel;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.openagention.core.message.Content;
import org.openagention.core.message.Message;
import org.openagention.core.message.ToolResultMessage;
import org.openagention.core.model.ModelException;
import org.openagention.core.model.ModelRequest;
import org.openagention.core.model.ModelResponse;
import org.openagention.core.tool.ToolResult;

class ReplayModelTest {
    private static final String SCRIPT = """
            {"name": "t", "model": "claude-sonnet-4-5", "sessions": [
              {"name": "alpha", "match": ["task alpha"], "steps": [
                {"response": {"usage": {"input": 10, "output": 2},
                  "content": [{"type": "tool_use", "id": "c1", "name": "shell", "arguments": {"command": "ls"}}]}},
                {"expect": {"results": ["README.md"], "ok": true},
                 "response": {"content": [{"type": "text", "text": "alpha done"}]}}]},
              {"name": "beta", "match": ["task beta"], "steps": [
                {"response": {"content": [{"type": "text", "text": "beta done"}]}}]}
            ]}""";

    private static ReplayModel model() throws Exception {
        JsonNode root = EventJson.JSON.readTree(SCRIPT);
        return ReplayModel.fromJson(root.toString());
    }

    private static ModelRequest ask(Message... messages) {
        return ModelRequest.builder().messages(List.of(messages)).build();
    }

    private static ToolResultMessage result(String text, boolean error) {
        return new ToolResultMessage(List.of(new Content.ToolOutput("c1", "shell",
                error ? ToolResult.error(text) : ToolResult.success(text))));
    }

    @Test
    void conversationsAreMatchedByTheirFirstMessageWhateverTheOrder() throws Exception {
        ReplayModel m = model();
        assertThat(m.complete(ask(Message.user("do task beta"))).text()).isEqualTo("beta done");
        ModelResponse first = m.complete(ask(Message.user("do task alpha")));
        assertThat(first.toolCalls()).singleElement().satisfies(c -> {
            assertThat(c.name()).isEqualTo("shell");
            assertThat(c.argumentsJson()).isEqualTo("{\"command\":\"ls\"}");
        });
        assertThat(first.modelId()).isEqualTo("claude-sonnet-4-5");
        assertThat(first.usage().totalTokens()).isEqualTo(12);
        ModelResponse second = m.complete(ask(Message.user("do task alpha"), first.toMessage(),
                result("README.md\nsrc", false)));
        assertThat(second.text()).isEqualTo("alpha done");
        assertThat(m.divergence()).isEmpty();
        assertThat(m.unplayed()).isEmpty();
    }

    @Test
    void aToolResultThatDiffersFromTheRecordingIsADivergence() throws Exception {
        ReplayModel m = model();
        ModelResponse first = m.complete(ask(Message.user("task alpha")));
        assertThatThrownBy(() -> m.complete(ask(Message.user("task alpha"), first.toMessage(), result("pom.xml", false))))
                .isInstanceOf(ModelException.class)
                .hasMessageContaining("conversation 'alpha' step 2")
                .hasMessageContaining("expected the tool results to contain 'README.md'");
        assertThat(m.divergence()).get().asString().contains("diverged");
        assertThat(m.unplayed()).contains("alpha (1 of 2 responses played)");
    }

    @Test
    void aFailedToolCallWhereSuccessWasRecordedIsADivergence() throws Exception {
        ReplayModel m = model();
        ModelResponse first = m.complete(ask(Message.user("task alpha")));
        assertThatThrownBy(() -> m.complete(ask(Message.user("task alpha"), first.toMessage(), result("README.md", true))))
                .hasMessageContaining("expected the tool calls to succeed, but they failed");
    }

    @Test
    void anUnknownConversationIsADivergence() throws Exception {
        ReplayModel m = model();
        assertThatThrownBy(() -> m.complete(ask(Message.user("something else entirely"))))
                .isInstanceOf(ModelException.class)
                .hasMessageContaining("no recorded conversation starts like this request: something else entirely");
    }

    @Test
    void askingMoreOftenThanRecordedIsADivergence() throws Exception {
        ReplayModel m = model();
        ModelResponse beta = m.complete(ask(Message.user("task beta")));
        assertThatThrownBy(() -> m.complete(ask(Message.user("task beta"), beta.toMessage(), Message.user("and?"))))
                .hasMessageContaining("conversation 'beta' asked the model a 2nd time, but only 1 responses were recorded");
    }

    @Test
    void theBundledDemoSessionLoads() {
        ReplayModel m = Demo.recordedSession();
        assertThat(m.name()).isEqualTo("replay:shop-demo");
        assertThat(m.unplayed()).hasSize(8);
    }
}
