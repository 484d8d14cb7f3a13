// SPDX-License-Identifier: Apache-2.0
package org.openagention.core.providers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.openagention.core.ConfigurationException;
import org.openagention.core.model.Model;

class ModelsTest {

    @Test
    void choosesOpenAiFromItsKeyAndTheModelVariable() {
        Models.Choice c = Models.choose(Map.of("OPENAI_API_KEY", "sk-x-123456", "OPENAGENTION_MODEL", "gpt-4.1"));
        assertThat(c.provider()).isEqualTo("openai");
        assertThat(c.model()).isEqualTo("gpt-4.1");
        assertThat(c.reason()).contains("gpt-4.1").contains("openai model");
        assertThat(c.toString()).doesNotContain("sk-x-123456");
    }

    @Test
    void buildsAnOpenAiCompatibleModelFromABaseUrlAlone() {
        Model m = Models.fromEnvironment(Map.of("OPENAI_BASE_URL", "http://localhost:11434/v1",
                "OPENAGENTION_MODEL", "llama3.1:8b"));
        assertThat(m).isInstanceOf(OpenAiModel.class);
        assertThat(m.name()).isEqualTo("openai:llama3.1:8b");
        assertThat(((OpenAiModel) m).baseUrl()).isEqualTo("http://localhost:11434/v1");
    }

    @Test
    void buildsAnthropicAndResponsesModelsFromTheEnvironment() {
        Model claude = Models.fromEnvironment(Map.of("ANTHROPIC_API_KEY", "sk-ant-123456"));
        assertThat(claude).isInstanceOf(AnthropicModel.class);
        assertThat(claude.name()).contains("claude-sonnet-4-5");
        Model responses = Models.fromEnvironment(Map.of("OPENAI_API_KEY", "sk-o-123456",
                "OPENAGENTION_MODEL", "openai-responses:gpt-5"));
        assertThat(responses).isInstanceOf(OpenAiResponsesModel.class);
        assertThatThrownBy(() -> Models.fromEnvironment(Map.of("ANTHROPIC_BASE_URL", "http://proxy.local")))
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("AnthropicModel needs an API key");
    }

    @Test
    void aProviderPrefixWinsAndAnUnknownPrefixStaysPartOfTheModel() {
        Map<String, String> both = Map.of("OPENAI_API_KEY", "sk-a-123456", "ANTHROPIC_API_KEY", "sk-ant-123456",
                "OPENAGENTION_MODEL", "openai:my-finetune");
        assertThat(Models.choose(both).provider()).isEqualTo("openai");
        assertThat(Models.choose(both).model()).isEqualTo("my-finetune");
        assertThat(Models.choose(Map.of("OPENAI_BASE_URL", "http://h/v1", "OPENAGENTION_MODEL", "qwen:7b")).model())
                .isEqualTo("qwen:7b");
    }

    @Test
    void recognisesModelFamilies() {
        Map<String, String> both = Map.of("OPENAI_API_KEY", "sk-a-123456", "ANTHROPIC_API_KEY", "sk-ant-123456");
        assertThat(Models.choose(with(both, "claude-haiku-4-5")).provider()).isEqualTo("anthropic");
        assertThat(Models.choose(with(both, "o3-mini")).provider()).isEqualTo("openai");
    }

    private static Map<String, String> with(Map<String, String> env, String model) {
        java.util.Map<String, String> m = new java.util.HashMap<>(env);
        m.put("OPENAGENTION_MODEL", model);
        return m;
    }

    @Test
    void usesTheProvidersDefaultModelAndSaysSo() {
        Models.Choice c = Models.choose(Map.of("OPENAI_API_KEY", "sk-a-123456"));
        assertThat(c.model()).isEqualTo(Models.OPENAI_DEFAULT);
        assertThat(c.reason()).contains("only OpenAI is configured").contains("default model");
    }

    @Test
    void explainsWhenNothingIsConfigured() {
        assertThatThrownBy(() -> Models.fromEnvironment(Map.of())).isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("no model provider is configured").hasMessageContaining("ANTHROPIC_API_KEY")
                .hasMessageContaining("OPENAI_API_KEY").hasMessageContaining("OPENAI_BASE_URL")
                .hasMessageContaining("OPENAGENTION_MODEL");
    }

    @Test
    void refusesToGuessBetweenTwoConfiguredProviders() {
        assertThatThrownBy(() -> Models.choose(Map.of("OPENAI_API_KEY", "sk-a-123456", "ANTHROPIC_API_KEY", "sk-ant-1234")))
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("both Anthropic and OpenAI")
                .hasMessageContaining("provider:model");
    }

    @Test
    void namesAProviderWhoseKeyIsMissing() {
        assertThatThrownBy(() -> Models.choose(Map.of("OPENAI_API_KEY", "sk-a-123456", "OPENAGENTION_MODEL", "claude-sonnet-4-5")))
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("ANTHROPIC_API_KEY");
    }
}
