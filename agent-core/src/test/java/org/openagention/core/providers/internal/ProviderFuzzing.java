// SPDX-License-Identifier: Apache-2.0
package org.openagention.core.providers.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.function.Supplier;
import org.openagention.core.internal.Json;
import org.openagention.core.message.Content;
import org.openagention.core.model.ModelException;
import org.openagention.core.model.ModelResponse;

/**
 * Test support for the provider fuzz tests: the body as {@link HttpTransport} hands it to a reader,
 * and the contract every reader must keep.
 */
public final class ProviderFuzzing {
    private ProviderFuzzing() {}

    /** A blocking body parsed as the transport parses it, or null when it is not JSON (the transport refuses that itself). */
    public static JsonNode tree(byte[] body) {
        try {
            JsonNode tree = Json.MAPPER.readTree(body);
            return tree == null || tree.isMissingNode() ? null : tree;
        } catch (IOException e) {
            return null;
        }
    }

    /**
     * Feeds a whole text/event-stream body to {@code listener} the way {@link HttpTransport#postSse}
     * does after a 200, without the network and without retries: the real {@link SseParser} splits
     * it, {@code [DONE]} stops it, an error event becomes the typed {@link ModelException} it
     * describes, and {@link SseListener#onComplete} ends it.
     */
    public static void feed(byte[] body, SseListener listener) {
        boolean sawDone;
        try {
            sawDone = new SseParser(new ByteArrayInputStream(body)).parse((name, data) -> {
                if (data.equals("[DONE]")) {
                    return false;
                }
                if (name.equals("error") || data.startsWith("{\"error\"")) {
                    throw ProviderErrors.fromResponse("fuzz", 0, null, data, null, Redactor.of());
                }
                listener.onEvent(name, data);
                return true;
            });
        } catch (IOException e) {
            throw new UncheckedIOException("a byte array cannot fail to read", e);
        }
        listener.onComplete(sawDone);
    }

    /**
     * Runs a reader, which must return a well-formed response or throw one of the documented
     * exceptions ({@link MalformedResponseException}, a typed {@link ModelException}) with a
     * message. Anything else propagates and is a finding: the transport would turn it into an
     * unreadable-response error that says nothing useful.
     */
    public static void readOrRefuse(Supplier<ModelResponse> reader) {
        ModelResponse response;
        try {
            response = reader.get();
        } catch (MalformedResponseException | ModelException e) {
            assertThat(e.getMessage()).as("the message of %s", e.getClass().getSimpleName()).isNotBlank();
            return;
        }
        assertThat(response).isNotNull();
        assertThat(response.finishReason()).isNotNull();
        assertThat(response.usage()).isNotNull();
        assertThat(response.content()).doesNotContainNull();
        for (Content c : response.content()) {
            if (c instanceof Content.ToolUse use) {
                assertThat(use.toCall().argumentsJson()).isNotNull();
            }
        }
        assertThat(response.text()).isNotNull();
        assertThat(response.toMessage()).isNotNull();
    }
}
