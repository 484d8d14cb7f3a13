// SPDX-License-Identifier: Apache-2.0
package org.openagention.core.providers;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Timeout;
import org.openagention.core.model.ModelException;
import org.openagention.core.model.ModelResponse;
import org.openagention.core.model.StreamEvent;
import org.openagention.core.providers.internal.MalformedResponseException;
import org.openagention.core.providers.internal.ProviderFuzzing;
import org.openagention.core.providers.internal.Redactor;
import org.openagention.core.providers.internal.SseListener;

/**
 * Fuzzes the OpenAI Responses API readers with arbitrary bodies: {@link ResponsesParser}
 * (blocking) and {@link ResponsesStream} (server-sent events through the real SSE parser). Their
 * contract: a {@link ModelResponse}, or a {@link MalformedResponseException} (or a typed
 * {@link ModelException} for an error the stream reports) with a message; nothing else escapes.
 *
 * <p>Seeds: {@code src/test/resources/org/openagention/core/providers/ResponsesParserFuzzTestInputs/}.
 */
class ResponsesParserFuzzTest {

    @FuzzTest
    @Timeout(20)
    void readsAnyBlockingBodyOrSaysWhatIsWrong(byte[] body) {
        JsonNode tree = ProviderFuzzing.tree(body);
        if (tree == null) {
            return; // the transport refuses a body that is not JSON before any reader sees it
        }
        ProviderFuzzing.readOrRefuse(() -> ResponsesParser.parse(tree, List.of()));
    }

    @FuzzTest
    @Timeout(20)
    void assemblesAnyStreamOrSaysWhatIsWrong(byte[] body) {
        List<StreamEvent> events = new ArrayList<>();
        ResponsesStream stream = new ResponsesStream(events::add, Redactor.of());
        ProviderFuzzing.readOrRefuse(() -> {
            ModelResponse[] result = new ModelResponse[1];
            ProviderFuzzing.feed(body, new SseListener() {
                @Override
                public void onEvent(String event, String data) {
                    stream.accept(event, data);
                }

                @Override
                public void onComplete(boolean sawDone) {
                    result[0] = stream.finish();
                }
            });
            return result[0];
        });
        assertThat(events).doesNotContainNull();
    }
}
