// SPDX-License-Identifier: Apache-2.0
package org.openagention.tools.files;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openagention.core.Agent;
import org.openagention.core.RunResult;
import org.openagention.core.StopReason;
import org.openagention.core.message.Content;
import org.openagention.core.message.Message;
import org.openagention.core.message.ToolResultMessage;
import org.openagention.core.testing.FakeModel;
import org.openagention.core.tool.ToolResult;
import org.openagention.tools.Workspace;

/** The file tools inside a real agent loop: the model's mistakes come back as errors it can correct. */
class FileToolsAgentTest {
    @TempDir
    Path dir;

    @Test
    void agentReadsThenEditsAfterCorrectableErrors() throws IOException {
        Files.writeString(dir.resolve("Calc.java"), "class Calc {\n    int sub(int a, int b) {\n        return a + b;\n    }\n}\n");
        FakeModel model = new FakeModel()
                .enqueueToolCall("edit_file", "{\"path\":\"Calc.java\",\"old_string\":\"a + b\",\"new_string\":\"a - b\"}")
                .enqueueToolCall("read_file", "{\"path\":\"Calc.java\"}")
                .enqueueToolCall("edit_file", "{\"path\":\"Calc.java\",\"old_string\":\"return a+b;\",\"new_string\":\"return a - b;\"}")
                .enqueueToolCall("edit_file", "{\"path\":\"Calc.java\",\"old_string\":\"return a + b;\",\"new_string\":\"return a - b;\"}")
                .enqueueText("Fixed the subtraction.");
        RunResult result = Agent.builder().model(model).tools(FileTools.all(Workspace.local(dir))).build()
                .run("Fix the bug in Calc.sub");

        assertThat(result.stopReason()).isEqualTo(StopReason.COMPLETED);
        assertThat(Files.readString(dir.resolve("Calc.java"))).contains("return a - b;");
        List<ToolResult> results = toolResults(result.transcript());
        assertThat(results).hasSize(4);
        assertThat(results.get(0).isError()).isTrue();
        assertThat(results.get(0).text()).contains("has not been read yet");
        assertThat(results.get(1).text()).contains("     3\t        return a + b;");
        assertThat(results.get(2).isError()).isTrue();
        assertThat(results.get(2).text()).contains("not found").contains("     3\t        return a + b;");
        assertThat(results.get(3).isError()).isFalse();
        assertThat(results.get(3).text()).contains("Edited Calc.java");
        assertThat(result.toolErrors()).isEqualTo(2);
        assertThat(result.toolRefusals()).isEqualTo(1);
    }

    @Test
    void overwriteWithoutReadingIsCountedAsARefusalInTheResult() throws IOException {
        Files.writeString(dir.resolve("notes.txt"), "keep me\n");
        FakeModel model = new FakeModel()
                .enqueueToolCall("write_file", "{\"path\":\"notes.txt\",\"content\":\"replaced\\n\"}")
                .enqueueText("Done.");
        RunResult result = Agent.builder().model(model).tools(FileTools.all(Workspace.local(dir))).build()
                .run("Replace notes.txt");

        assertThat(result.stopReason()).isEqualTo(StopReason.COMPLETED);
        assertThat(Files.readString(dir.resolve("notes.txt"))).isEqualTo("keep me\n");
        assertThat(result.toolErrors()).isEqualTo(1);
        assertThat(result.toolRefusals()).isEqualTo(1);
        assertThat(((ToolResult.Error) toolResults(result.transcript()).get(0)).kind())
                .isEqualTo(ToolResult.ErrorKind.DENIED);
    }

    private static List<ToolResult> toolResults(List<Message> transcript) {
        return transcript.stream().filter(m -> m instanceof ToolResultMessage)
                .flatMap(m -> ((ToolResultMessage) m).outputs().stream()).map(Content.ToolOutput::result).toList();
    }
}
