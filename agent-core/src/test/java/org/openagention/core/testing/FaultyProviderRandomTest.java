// SPDX-License-Identifier: Apache-2.0
package org.openagention.core.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.openagention.core.message.Message;
import org.openagention.core.model.ModelException;
import org.openagention.core.model.ModelRequest;
import org.openagention.core.providers.OpenAiModel;
import org.openagention.core.RetryPolicy;

/** The random mode: faults drawn with a probability from a seeded Random, reproducibly. */
class FaultyProviderRandomTest {

    private static List<String> answersOf(long seed, int calls) {
        try (FaultyProvider provider = FaultyProvider.openAi().otherwise(Reply.text("ok"))
                .faultRate(0.3, seed, Fault.status(503), Fault.status(429)).start()) {
            OpenAiModel model = OpenAiModel.builder().apiKey("sk-test").baseUrl(provider.baseUrl()).model("m")
                    .http(h -> h.retryPolicy(RetryPolicy.none())).build();
            ModelRequest request = ModelRequest.builder().addMessage(Message.user("hi")).build();
            int failures = 0;
            for (int i = 0; i < calls; i++) {
                try {
                    model.complete(request);
                } catch (ModelException e) {
                    failures++;
                }
            }
            assertThat(failures).isEqualTo(provider.faultsInjected());
            return provider.answers();
        }
    }

    @Test
    void theSameSeedDrawsTheSameFaultsInTheSameOrder() {
        List<String> first = answersOf(7, 60);
        assertThat(answersOf(7, 60)).isEqualTo(first);
        assertThat(first).contains("text (2 chars)", "status 503", "status 429");
        long faults = first.stream().filter(a -> a.startsWith("status")).count();
        assertThat(faults).isBetween(6L, 36L); // 30% of 60, very loosely
    }

    @Test
    void aRateOutsideZeroToOneOrWithoutFaultsIsRefused() {
        assertThatThrownBy(() -> FaultyProvider.openAi().faultRate(1.5, 1, Fault.status(500)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("probability");
        assertThatThrownBy(() -> FaultyProvider.openAi().faultRate(0.1, 1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("at least one fault");
        assertThatThrownBy(() -> Fault.connectionReset().retryAfter(java.time.Duration.ofSeconds(1)))
                .isInstanceOf(IllegalStateException.class);
    }
}
