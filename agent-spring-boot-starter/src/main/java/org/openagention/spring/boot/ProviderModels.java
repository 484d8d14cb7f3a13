// SPDX-License-Identifier: Apache-2.0
package org.openagention.spring.boot;

import org.openagention.core.ConfigurationException;
import org.openagention.core.RetryPolicy;
import org.openagention.core.model.Model;
import org.openagention.core.providers.AnthropicModel;
import org.openagention.core.providers.CircuitBreaker;
import org.openagention.core.providers.HttpOptions;
import org.openagention.core.providers.OpenAiModel;
import org.openagention.core.providers.OpenAiResponsesModel;
import org.openagention.spring.boot.OpenAgentionProperties.ModelSettings;
import org.openagention.spring.boot.OpenAgentionProperties.Provider;
import org.springframework.core.env.Environment;

/** Builds the {@code Model} bean from {@code openagention.model.*}, the key from the environment. */
final class ProviderModels {
    static final String API_KEY_PROPERTY = "openagention.model.api-key";

    private ProviderModels() {}

    static Model build(ModelSettings s, CircuitBreaker breaker, Environment env) {
        Provider provider = s.getProvider();
        String key = apiKey(s, env);
        String baseUrl = blankToNull(s.getBaseUrl());
        HttpOptions http = http(s, breaker);
        switch (provider) {
            case ANTHROPIC -> {
                AnthropicModel.Builder b = AnthropicModel.builder().model(name(s, "claude-sonnet-4-5")).http(http)
                        .apiKey(required(key, s, "anthropic"));
                if (baseUrl != null) {
                    b.baseUrl(baseUrl);
                }
                return b.build();
            }
            case OPENAI_RESPONSES -> {
                OpenAiResponsesModel.Builder b = OpenAiResponsesModel.builder().model(name(s, "gpt-4o-mini")).http(http)
                        .apiKey(required(key, s, "openai-responses"));
                if (baseUrl != null) {
                    b.baseUrl(baseUrl);
                }
                return b.build();
            }
            case OPENAI -> {
                OpenAiModel.Builder b = OpenAiModel.builder().model(name(s, "gpt-4o-mini")).http(http)
                        .apiKey(required(key, s, "openai"));
                if (baseUrl != null) {
                    b.baseUrl(baseUrl);
                }
                return b.build();
            }
            case OPENAI_COMPATIBLE -> {
                if (baseUrl == null) {
                    throw new ConfigurationException("openagention.model.provider is openai-compatible: set"
                            + " openagention.model.base-url to the server's API root (such as http://localhost:11434/v1)");
                }
                if (blankToNull(s.getName()) == null) {
                    throw new ConfigurationException("openagention.model.provider is openai-compatible: set"
                            + " openagention.model.name to the model the server serves (such as llama3.1:8b)");
                }
                OpenAiModel.Builder b = OpenAiModel.builder().model(s.getName()).baseUrl(baseUrl).http(http);
                if (key != null) {
                    b.apiKey(key);
                }
                return b.build();
            }
            default -> throw new IllegalStateException("unknown provider " + provider);
        }
    }

    /** The variable the key is read from: the configured one, else the provider's usual one. */
    static String keyVariable(ModelSettings s) {
        String configured = blankToNull(s.getApiKeyEnv());
        if (configured != null) {
            return configured;
        }
        return s.getProvider() == Provider.ANTHROPIC ? "ANTHROPIC_API_KEY" : "OPENAI_API_KEY";
    }

    private static String apiKey(ModelSettings s, Environment env) {
        String key = blankToNull(s.getApiKey());
        return key != null ? key : blankToNull(env.getProperty(keyVariable(s)));
    }

    private static String required(String key, ModelSettings s, String provider) {
        if (key == null) {
            throw new MissingApiKeyException(provider, API_KEY_PROPERTY, keyVariable(s));
        }
        return key;
    }

    private static String name(ModelSettings s, String fallback) {
        String name = blankToNull(s.getName());
        return name != null ? name : fallback;
    }

    private static HttpOptions http(ModelSettings s, CircuitBreaker breaker) {
        HttpOptions.Builder h = HttpOptions.builder().circuitBreaker(breaker);
        if (s.getConnectTimeout() != null) {
            h.connectTimeout(s.getConnectTimeout());
        }
        if (s.getIdleTimeout() != null) {
            h.idleTimeout(s.getIdleTimeout());
        }
        if (s.getRequestTimeout() != null) {
            h.requestTimeout(s.getRequestTimeout());
        }
        OpenAgentionProperties.Retry r = s.getRetry();
        RetryPolicy.Builder retry = RetryPolicy.builder();
        if (r.getMaxAttempts() != null) {
            retry.maxAttempts(r.getMaxAttempts());
        }
        if (r.getInitialBackoff() != null) {
            retry.initialBackoff(r.getInitialBackoff());
        }
        if (r.getMaxBackoff() != null) {
            retry.maxBackoff(r.getMaxBackoff());
        }
        return h.retryPolicy(retry.build()).build();
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }
}
