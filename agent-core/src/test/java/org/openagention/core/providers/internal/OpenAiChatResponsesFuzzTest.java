// SPDX-License-Identifier: Apache-2.0
package org.openagention.core.providers.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Timeout;
import org.openagention.core.model.ModelException;
import org.openagention.core.model.ModelResponse;
import org.openagention.core.model.StreamEvent;

/**
 * Fuzzes the OpenAI Chat Completions readers with arbitrary bodies: {@link OpenAiChatResponses}
 * (blocking) and {@link OpenAiChatStream} (server-sent events through the real SSE parser). Their
 * contract: a {@link ModelResponse}, or a {@link MalformedResponseException} (or a typed
 * {@link ModelException} for an error body) with a message; nothing else escapes.
 *
 * <p>Seeds: {@code src/test/resources/org/openagention/core/providers/internal/OpenAiChatResponsesFuzzTestInputs/}.
 */
class OpenAiChatResponsesFuzzTest {

    @FuzzTest
    @Timeout(20)
    void readsAnyBlockingBodyOrSaysWhatIsWrong(byte[] body) {
        JsonNode tree = ProviderFuzzing.tree(body);
        if (tree == null) {
            return; // the transport refuses a body that is not JSON before any reader sees it
        }
        ProviderFuzzing.readOrRefuse(() -> OpenAiChatResponses.read(tree, "fuzz", Redactor.of()));
    }

    @FuzzTest
    @Timeout(20)
    void assemblesAnyStreamOrSaysWhatIsWrong(byte[] body) {
        List<StreamEvent> events = new ArrayList<>();
        OpenAiChatStream stream = new OpenAiChatStream(events::add, "fuzz", Redactor.of());
        ProviderFuzzing.readOrRefuse(() -> {
            ProviderFuzzing.feed(body, stream);
            return stream.response();
        });
        assertThat(events).doesNotContainNull();
    }
}
