// SPDX-License-Identifier: Apache-2.0
package org.openagention.core.journal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.openagention.core.RunResult;
import org.openagention.core.StopReason;
import org.openagention.core.message.AssistantMessage;
import org.openagention.core.message.Content;
import org.openagention.core.message.Message;
import org.openagention.core.message.ToolResultMessage;
import org.openagention.core.model.ModelRequest;
import org.openagention.core.model.OutputSchema;
import org.openagention.core.model.ToolChoice;
import org.openagention.core.model.Usage;
import org.openagention.core.tool.ToolCall;
import org.openagention.core.tool.ToolResult;
import org.openagention.core.tool.ToolSpec;

class StepTest {

    private static final List<Message> TRANSCRIPT = List.of(Message.user("Fix it"),
            new AssistantMessage(List.of(new Content.Text("Looking"), new Content.ToolUse("call_1", "read", "{\"p\":1}"))),
            new ToolResultMessage(List.of(new Content.ToolOutput("call_1", "read",
                    ToolResult.error(ToolResult.ErrorKind.TOOL_FAILED, "no such file")))));

    @Test
    void aModelStepSurvivesJsonWithEverySettingOfItsRequest() {
        ModelRequest request = ModelRequest.builder().model("m-1").system("Be brief").messages(TRANSCRIPT)
                .addTool(new ToolSpec("read", "Reads", "{\"type\":\"object\"}"))
                .toolChoice(ToolChoice.named("read")).outputSchema(new OutputSchema("answer", "{\"type\":\"object\"}"))
                .maxOutputTokens(512).temperature(0.25).stopSequences(List.of("END")).putMetadata("run_id", "r1")
                .build();
        Step.ModelCall step = new Step.ModelCall("turn-2/model", "r1", 2, request, true);

        Step<?> back = Step.fromJson(step.toJson());

        assertThat(back).isInstanceOf(Step.ModelCall.class);
        Step.ModelCall m = (Step.ModelCall) back;
        assertThat(m.id()).isEqualTo("turn-2/model");
        assertThat(m.runId()).isEqualTo("r1");
        assertThat(m.turn()).isEqualTo(2);
        assertThat(m.streaming()).isTrue();
        ModelRequest r = m.request();
        assertThat(r.model()).contains("m-1");
        assertThat(r.system()).isEqualTo("Be brief");
        assertThat(r.messages()).isEqualTo(TRANSCRIPT);
        assertThat(r.tools()).isEqualTo(request.tools());
        assertThat(r.toolChoice()).isEqualTo(ToolChoice.named("read"));
        assertThat(r.outputSchema()).isEqualTo(request.outputSchema());
        assertThat(r.maxOutputTokens()).isEqualTo(512);
        assertThat(r.temperature()).hasValue(0.25);
        assertThat(r.stopSequences()).containsExactly("END");
        assertThat(r.metadata()).containsEntry("run_id", "r1");
        assertThat(m.codec().type()).isEqualTo("model.response");
    }

    @Test
    void aToolStepSurvivesJsonWithItsArgumentsAsTheModelSentThem() {
        Step.ToolCall step = new Step.ToolCall("turn-1/tool/0-call_1", "r1", 1, new ToolCall("call_1", "read", "{ \"p\" : 1 "));

        Step<?> back = Step.fromJson(step.toJson());

        assertThat(back).isEqualTo(step);
        assertThat(back.codec().type()).isEqualTo("tool.result");
    }

    @Test
    void jsonThatIsNotAStepIsRefusedNamingWhatIsWrong() {
        assertThatThrownBy(() -> Step.fromJson("{\"kind\":\"tool\",\"id\":\"x\",\"runId\":\"r\",\"turn\":1}"))
                .isInstanceOf(JournalException.class).hasMessageContaining("'call'");
        assertThatThrownBy(() -> Step.fromJson("{\"kind\":\"sleep\",\"id\":\"x\",\"runId\":\"r\",\"turn\":1}"))
                .isInstanceOf(JournalException.class).hasMessageContaining("unknown kind 'sleep'");
        assertThatThrownBy(() -> Step.fromJson("not json")).isInstanceOf(JournalException.class);
    }

    @Test
    void aRunResultSurvivesJsonWhole() {
        RunResult result = new RunResult("r1", "done", StopReason.TIMEOUT, "passed PT1H", TRANSCRIPT, 3,
                new Usage(100, 20, 5, 1), 0.125, Duration.ofMillis(4321));

        assertThat(RunResult.fromJson(result.toJson())).isEqualTo(result);
        assertThatThrownBy(() -> RunResult.fromJson("{\"runId\":\"r1\"}")).isInstanceOf(JournalException.class)
                .hasMessageContaining("'stopReason'");
    }
}
