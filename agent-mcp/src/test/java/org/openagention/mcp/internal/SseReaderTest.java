// SPDX-License-Identifier: Apache-2.0
package org.openagention.mcp.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SseReaderTest {
    @Test
    void readsEventsAndRemembersTheLastIdAndRetryHint() {
        String stream = "id: s_1\nretry: 500\ndata: \n\n: a comment\n\nid: s_2\nevent: message\ndata: {\"a\":\ndata: 1}\n\nid: s_3\ndata: {\"id\":7}\n\n";
        List<String> seen = new ArrayList<>();
        SseReader.Outcome outcome = SseReader.read(new ByteArrayInputStream(stream.getBytes(StandardCharsets.UTF_8)), 7, data -> {
            seen.add(data);
            return data.contains("\"id\"") ? 7 : null;
        });
        assertThat(seen).containsExactly("{\"a\":\n1}", "{\"id\":7}");
        assertThat(outcome).isEqualTo(new SseReader.Outcome("s_3", 500, true));
    }

    @Test
    void aStreamThatEndsBeforeTheResponseIsNotAnswered() {
        SseReader.Outcome outcome = SseReader.read(new ByteArrayInputStream("id: x_1\ndata: \n\n".getBytes(StandardCharsets.UTF_8)),
                "req-1", data -> null);
        assertThat(outcome).isEqualTo(new SseReader.Outcome("x_1", -1, false));
    }
}
