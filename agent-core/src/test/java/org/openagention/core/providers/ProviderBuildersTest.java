// SPDX-License-Identifier: Apache-2.0
package org.openagention.core.providers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.openagention.core.ConfigurationException;
import org.openagention.core.model.Model;

/** The settings the three built-in providers share behave the same on each. */
class ProviderBuildersTest {
    private static final String KEY = "sk-test-1234567890";

    private static Model openAi(String baseUrl) {
        return OpenAiModel.builder().apiKey(KEY).model("gpt-4o-mini").baseUrl(baseUrl).build();
    }

    private static Model anthropic(String baseUrl) {
        return AnthropicModel.builder().apiKey(KEY).model("claude-sonnet-4-5").baseUrl(baseUrl).build();
    }

    private static Model responses(String baseUrl) {
        return OpenAiResponsesModel.builder().apiKey(KEY).model("gpt-5-mini").baseUrl(baseUrl).build();
    }

    @SafeVarargs
    private static void forEach(java.util.function.Consumer<Function<String, Model>> check,
            Function<String, Model>... providers) {
        for (Function<String, Model> p : providers) {
            check.accept(p);
        }
    }

    @Test
    void everyProviderRefusesABaseUrlThatIsNotHttp() {
        forEach(p -> assertThatThrownBy(() -> p.apply("ftp://example.com/v1"))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("must start with http:// or https://"),
                ProviderBuildersTest::openAi, ProviderBuildersTest::anthropic, ProviderBuildersTest::responses);
    }

    @Test
    void everyProviderRefusesABaseUrlThatIsNotAUrl() {
        forEach(p -> assertThatThrownBy(() -> p.apply("http://exa mple.com"))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("is not a valid URL"),
                ProviderBuildersTest::openAi, ProviderBuildersTest::anthropic, ProviderBuildersTest::responses);
    }

    @Test
    void everyProviderRefusesCredentialsInTheBaseUrl() {
        forEach(p -> assertThatThrownBy(() -> p.apply("https://user:pass@example.com/v1"))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("must not carry credentials")
                .hasMessageNotContaining("pass@"),
                ProviderBuildersTest::openAi, ProviderBuildersTest::anthropic, ProviderBuildersTest::responses);
    }

    @Test
    void aTrailingSlashOfTheBaseUrlIsDropped() {
        assertThat(OpenAiModel.builder().model("m").baseUrl("http://localhost:8080/v1/").build().baseUrl())
                .isEqualTo("http://localhost:8080/v1");
        assertThat(anthropic("http://localhost:8080/").toString()).contains("http://localhost:8080/v1/messages");
        assertThat(responses("http://localhost:8080/v1/").toString()).contains("http://localhost:8080/v1/responses");
    }

    @Test
    void aKeyThatCannotBeSentInAHeaderFailsTheBuildWithoutShowingIt() {
        String badKey = "sk-line-one\nline-two";
        assertThatThrownBy(() -> OpenAiModel.builder().apiKey(badKey).model("m").build())
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("a header cannot be sent")
                .hasMessageNotContaining("sk-line-one");
        assertThatThrownBy(() -> AnthropicModel.builder().apiKey(badKey).model("m").build())
                .isInstanceOf(ConfigurationException.class)
                .hasMessageNotContaining("sk-line-one");
        assertThatThrownBy(() -> OpenAiResponsesModel.builder().apiKey(badKey).model("m").build())
                .isInstanceOf(ConfigurationException.class)
                .hasMessageNotContaining("sk-line-one");
    }

    @Test
    void timeoutsMustBePositiveOnEveryBuilder() {
        assertThatThrownBy(() -> OpenAiModel.builder().http(h -> h.idleTimeout(Duration.ZERO)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("idleTimeout must be positive");
        assertThatThrownBy(() -> AnthropicModel.builder().http(h -> h.connectTimeout(Duration.ofSeconds(-1))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("connectTimeout must be positive");
        assertThatThrownBy(() -> OpenAiResponsesModel.builder().http(h -> h.idleTimeout(Duration.ZERO)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("idleTimeout must be positive");
    }
}
