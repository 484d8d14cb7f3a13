// SPDX-License-Identifier: Apache-2.0
package org.openagention.core.providers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.openagention.core.message.Message;
import org.openagention.core.model.Model;
import org.openagention.core.model.ModelRequest;
import org.openagention.core.testing.FaultyProvider;
import org.openagention.core.testing.Reply;

/** A request's own headers ({@link ModelRequest#headers()}) go out on the wire with the provider's. */
class RequestHeadersTest {
    private static final String TRACEPARENT = "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01";

    @Test
    void openAiSendsARequestsHeadersOnBlockingAndStreamedCalls() {
        try (FaultyProvider provider = FaultyProvider.openAi().then(Reply.text("one")).then(Reply.text("two")).start()) {
            Model model = OpenAiModel.builder().apiKey("test-key").baseUrl(provider.baseUrl()).model("gpt-4o-mini").build();
            ModelRequest request = ModelRequest.builder().addMessage(Message.user("hi")).build()
                    .withHeader("traceparent", TRACEPARENT);

            assertThat(model.complete(request).text()).isEqualTo("one");
            assertThat(model.stream(request, e -> {}).text()).isEqualTo("two");

            assertThat(provider.requests()).extracting(r -> r.header("traceparent").orElse("none"))
                    .containsExactly(TRACEPARENT, TRACEPARENT);
            assertThat(provider.requests().get(0).header("authorization")).contains("Bearer test-key");
        }
    }

    @Test
    void anAnthropicRequestHeaderReplacesTheProvidersHeaderOfTheSameName() {
        try (FaultyProvider provider = FaultyProvider.anthropic().then(Reply.text("ok")).start()) {
            Model model = AnthropicModel.builder().apiKey("test-key").baseUrl(provider.baseUrl())
                    .model("claude-sonnet-4-5").build();
            ModelRequest request = ModelRequest.builder().addMessage(Message.user("hi"))
                    .putHeader("Anthropic-Version", "2099-01-01").putHeader("traceparent", TRACEPARENT).build();

            model.complete(request);

            FaultyProvider.Request sent = provider.requests().get(0);
            assertThat(sent.headers().entrySet()).filteredOn(e -> e.getKey().equalsIgnoreCase("anthropic-version"))
                    .singleElement().satisfies(e -> assertThat(e.getValue()).isEqualTo(List.of("2099-01-01")));
            assertThat(sent.header("traceparent")).contains(TRACEPARENT);
            assertThat(sent.header("x-api-key")).contains("test-key");
        }
    }

    @Test
    void aHeaderTheHttpClientCannotSendIsRefusedWhenItIsSet() {
        ModelRequest request = ModelRequest.builder().build();
        assertThatThrownBy(() -> request.withHeader("host", "example.com"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'host' cannot be sent");
        assertThatThrownBy(() -> ModelRequest.builder().putHeader("bad name", "x"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'bad name' cannot be sent");
        assertThat(request.headers()).isEmpty();
        assertThat(request.withHeader("traceparent", TRACEPARENT).toBuilder().build().headers())
                .containsEntry("traceparent", TRACEPARENT);
    }
}
