// SPDX-License-Identifier: Apache-2.0
package org.openagention.core.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.openagention.core.message.Message;
import org.openagention.core.tool.ToolSpec;

class ModelRequestTest {
    private final ModelRequest base = ModelRequest.builder()
            .model("m1")
            .system("Be terse.")
            .addMessage(Message.user("first"))
            .addTool(new ToolSpec("t", "A tool", "{\"type\":\"object\"}"))
            .toolChoice(ToolChoice.REQUIRED)
            .outputSchema(new OutputSchema("answer", "{\"type\":\"object\"}"))
            .maxOutputTokens(100)
            .temperature(0.5)
            .stopSequences(List.of("END"))
            .putMetadata("run_id", "run-1")
            .build();

    @Test
    void withMessagesReplacesTheTranscriptAndKeepsEverySetting() {
        ModelRequest next = base.withMessages(List.of(Message.user("first"), Message.assistant("second")));

        assertThat(next.messages()).containsExactly(Message.user("first"), Message.assistant("second"));
        assertThat(next.toBuilder().messages(base.messages()).build()).usingRecursiveComparison().isEqualTo(base);
        assertThat(base.messages()).containsExactly(Message.user("first"));
    }

    @Test
    void withMessagesCopiesTheList() {
        List<Message> transcript = new ArrayList<>(List.of(Message.user("first")));
        ModelRequest next = base.withMessages(transcript);
        transcript.add(Message.user("later"));

        assertThat(next.messages()).containsExactly(Message.user("first"));
        assertThatThrownBy(() -> next.messages().add(Message.user("x"))).isInstanceOf(UnsupportedOperationException.class);
    }
}
