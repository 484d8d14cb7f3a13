// SPDX-License-Identifier: Apache-2.0
package org.openagention.spring.boot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.openagention.core.Agent;
import org.openagention.core.ConfigurationException;
import org.openagention.core.RunResult;
import org.openagention.core.message.Message;
import org.openagention.core.model.Model;
import org.openagention.core.model.ModelRequest;
import org.openagention.core.model.ProviderTimeoutException;
import org.openagention.core.model.ServerException;
import org.openagention.core.model.StreamListener;
import org.openagention.core.providers.AnthropicModel;
import org.openagention.core.providers.OpenAiModel;
import org.openagention.core.providers.OpenAiResponsesModel;
import org.openagention.core.testing.Fault;
import org.openagention.core.testing.FaultyProvider;
import org.openagention.core.testing.Reply;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/** The Model bean for each provider, its key, timeouts and retries, and the start-up failure without a key. */
class ModelPropertiesTest {
    /** A variable no machine sets, so that a test of "no key" does not depend on the developer's environment. */
    private static final String ABSENT = "OPENAGENTION_TEST_ABSENT_KEY_7F3A";
    private static final ModelRequest HI = ModelRequest.builder().addMessage(Message.user("hi")).build();

    static final ApplicationContextRunner RUNNER = new ApplicationContextRunner().withConfiguration(AutoConfigurations.of(
            OpenAgentionAutoConfiguration.class, OpenAgentionMcpAutoConfiguration.class,
            OpenAgentionAgentAutoConfiguration.class, OpenAgentionObservabilityAutoConfiguration.class,
            OpenAgentionHealthAutoConfiguration.class));

    @Test
    void withoutAProviderThereIsNoModelAndNoAgentButTheRestIsThere() {
        RUNNER.run(ctx -> {
            assertThat(ctx).hasNotFailed().doesNotHaveBean(Model.class).doesNotHaveBean(Agent.class)
                    .hasSingleBean(AgentTools.class).hasSingleBean(org.openagention.core.RunOptions.class);
            assertThat(ctx.getBean(Agent.Builder.class)).isNotSameAs(ctx.getBean(Agent.Builder.class));
        });
    }

    @Test
    void anthropicTakesItsKeyFromAnthropicApiKeyAndRunsOverItsWireFormat() throws Exception {
        try (FaultyProvider provider = FaultyProvider.anthropic().then(Reply.text("Hello from Claude")).start()) {
            RUNNER.withPropertyValues("openagention.model.provider=anthropic",
                    "openagention.model.name=claude-haiku-4-5", "openagention.model.base-url=" + provider.baseUrl(),
                    "ANTHROPIC_API_KEY=sk-ant-from-env").run(ctx -> {
                        assertThat(ctx).hasNotFailed().getBean(Model.class).isInstanceOf(AnthropicModel.class);
                        RunResult result = ctx.getBean(Agent.class).run("Say hello");
                        assertThat(result.finalText()).isEqualTo("Hello from Claude");
                    });
            assertThat(provider.requests()).singleElement().satisfies(r -> {
                assertThat(r.path()).isEqualTo("/v1/messages");
                assertThat(r.header("x-api-key")).contains("sk-ant-from-env");
                assertThat(r.body()).contains("\"claude-haiku-4-5\"");
            });
        }
    }

    @Test
    void openAiUsesThePropertyKeyBeforeTheEnvironmentAndRetriesPerTheRetryProperties() throws Exception {
        try (FaultyProvider provider = FaultyProvider.openAi().then(Fault.status(500)).then(Reply.text("ok")).start()) {
            RUNNER.withPropertyValues("openagention.model.provider=openai", "openagention.model.api-key=sk-property",
                    "OPENAI_API_KEY=sk-env", "openagention.model.base-url=" + provider.baseUrl(),
                    "openagention.model.retry.max-attempts=2", "openagention.model.retry.initial-backoff=1ms",
                    "openagention.model.retry.max-backoff=2ms").run(ctx -> {
                        assertThat(ctx.getBean(Model.class)).isInstanceOf(OpenAiModel.class);
                        assertThat(ctx.getBean(Agent.class).run("hi").finalText()).isEqualTo("ok");
                    });
            assertThat(provider.requests()).hasSize(2)
                    .allSatisfy(r -> assertThat(r.header("authorization")).contains("Bearer sk-property"));
        }
    }

    @Test
    void oneAttemptMeansNoRetry() throws Exception {
        try (FaultyProvider provider = FaultyProvider.openAi().then(Fault.status(500)).then(Reply.text("ok")).start()) {
            RUNNER.withPropertyValues("openagention.model.provider=openai", "openagention.model.api-key=k",
                    "openagention.model.base-url=" + provider.baseUrl(), "openagention.model.retry.max-attempts=1")
                    .run(ctx -> assertThatThrownBy(() -> ctx.getBean(Model.class)
                            .complete(HI))
                            .isInstanceOf(ServerException.class));
            assertThat(provider.requests()).hasSize(1);
        }
    }

    @Test
    void theTimeoutPropertiesBoundASilentProvider() throws Exception {
        try (FaultyProvider provider = FaultyProvider.openAi().then(Fault.silence(), 2).start()) {
            ApplicationContextRunner silent = RUNNER.withPropertyValues("openagention.model.provider=openai-compatible",
                    "openagention.model.name=llama3.1:8b", "openagention.model.base-url=" + provider.baseUrl(),
                    "openagention.model.retry.max-attempts=1");
            silent.withPropertyValues("openagention.model.idle-timeout=300ms", "openagention.model.request-timeout=30s")
                    .run(ctx -> assertThatThrownBy(() -> ctx.getBean(Model.class).stream(HI, StreamListener.NONE))
                            .isInstanceOf(ProviderTimeoutException.class).hasMessageContaining("idle timeout"));
            silent.withPropertyValues("openagention.model.request-timeout=500ms")
                    .run(ctx -> assertThatThrownBy(() -> ctx.getBean(Model.class).complete(HI))
                            .isInstanceOf(ProviderTimeoutException.class).hasMessageContaining("request timeout"));
        }
    }

    @Test
    void openAiCompatibleNeedsNoKeyButABaseUrlAndAModelName() {
        RUNNER.withPropertyValues("openagention.model.provider=openai-compatible", "openagention.model.api-key-env=" + ABSENT,
                "openagention.model.base-url=http://127.0.0.1:1/v1", "openagention.model.name=llama3.1:8b")
                .run(ctx -> assertThat(ctx).hasNotFailed().getBean(Model.class).isInstanceOf(OpenAiModel.class));
        RUNNER.withPropertyValues("openagention.model.provider=openai-compatible", "openagention.model.name=llama3.1:8b")
                .run(ctx -> assertThat(ctx.getStartupFailure()).rootCause().isInstanceOf(ConfigurationException.class)
                        .hasMessageContaining("openagention.model.base-url"));
        RUNNER.withPropertyValues("openagention.model.provider=openai-compatible",
                "openagention.model.base-url=http://127.0.0.1:1/v1")
                .run(ctx -> assertThat(ctx.getStartupFailure()).rootCause().hasMessageContaining("openagention.model.name"));
    }

    @Test
    void openAiResponsesIsItsOwnProvider() {
        RUNNER.withPropertyValues("openagention.model.provider=openai-responses", "openagention.model.api-key=k",
                "openagention.model.name=gpt-5")
                .run(ctx -> assertThat(ctx.getBean(Model.class)).isInstanceOf(OpenAiResponsesModel.class));
    }

    @Test
    void aMissingKeyFailsStartUpNamingThePropertyAndTheVariable() {
        RUNNER.withPropertyValues("openagention.model.provider=anthropic", "openagention.model.api-key-env=" + ABSENT)
                .run(ctx -> {
                    assertThat(ctx).hasFailed();
                    Throwable root = ctx.getStartupFailure();
                    while (root.getCause() != null && !(root instanceof MissingApiKeyException)) {
                        root = root.getCause();
                    }
                    assertThat(root).isInstanceOf(MissingApiKeyException.class)
                            .hasMessage("openagention.model.provider is anthropic but no API key is set: set the "
                                    + ABSENT + " environment variable or the openagention.model.api-key property");
                    FailureAnalysis analysis = new MissingApiKeyFailureAnalyzer().analyze(ctx.getStartupFailure());
                    assertThat(analysis.getDescription()).contains("no API key is set");
                    assertThat(analysis.getAction()).contains(ABSENT).contains("openagention.model.api-key")
                            .contains("OPENAGENTION_MODEL_API_KEY");
                });
    }

    @Test
    void theDefaultVariableIsTheProvidersOwn() {
        OpenAgentionProperties.ModelSettings s = new OpenAgentionProperties.ModelSettings();
        s.setProvider(OpenAgentionProperties.Provider.ANTHROPIC);
        assertThat(ProviderModels.keyVariable(s)).isEqualTo("ANTHROPIC_API_KEY");
        s.setProvider(OpenAgentionProperties.Provider.OPENAI);
        assertThat(ProviderModels.keyVariable(s)).isEqualTo("OPENAI_API_KEY");
        s.setApiKeyEnv("OPENROUTER_API_KEY");
        assertThat(ProviderModels.keyVariable(s)).isEqualTo("OPENROUTER_API_KEY");
    }

    @Test
    void theFailureAnalyzerIsRegisteredForSpringBoot() throws Exception {
        String factories = new String(getClass().getResourceAsStream("/META-INF/spring.factories").readAllBytes(),
                java.nio.charset.StandardCharsets.UTF_8);
        assertThat(factories).contains("org.springframework.boot.diagnostics.FailureAnalyzer")
                .contains(MissingApiKeyFailureAnalyzer.class.getName());
        assertThat(Duration.ofSeconds(30)).isEqualTo(new OpenAgentionProperties.Breaker().getCooldown());
    }
}
