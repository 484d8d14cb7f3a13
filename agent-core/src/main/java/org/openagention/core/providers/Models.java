// SPDX-License-Identifier: Apache-2.0
package org.openagention.core.providers;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.BiFunction;
import org.openagention.core.ConfigurationException;
import org.openagention.core.model.Model;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Builds a {@link Model} from the environment, the way command-line tools expect.
 *
 * <p>Variables read:
 * <ul>
 *   <li>{@value #MODEL_VARIABLE}: the model, as {@code model} or {@code provider:model}
 *       ({@code anthropic:claude-sonnet-4-5}, {@code openai:gpt-4o-mini},
 *       {@code openai-responses:gpt-5}). Without a known provider prefix the whole value is the
 *       model id (so Ollama's {@code llama3.1:8b} stays whole).</li>
 *   <li>{@code ANTHROPIC_API_KEY}, {@code ANTHROPIC_BASE_URL}: Anthropic.</li>
 *   <li>{@code OPENAI_API_KEY}, {@code OPENAI_BASE_URL}: OpenAI, or any OpenAI-compatible server
 *       (a base URL alone is enough for a server without keys).</li>
 * </ul>
 * The provider is the prefix when given; else the one the model id belongs to ({@code claude-*}
 * is Anthropic, {@code gpt-*}, {@code o1}... {@code o4*}, {@code chatgpt-*} are OpenAI); else the
 * only provider configured. Without a model variable, the configured provider's default model is
 * used ({@value #ANTHROPIC_DEFAULT} or {@value #OPENAI_DEFAULT}). {@link #choose} says what was
 * chosen and why; nothing configured, or an ambiguous setup, is a {@link ConfigurationException}
 * that lists the variables.
 *
 * <pre>{@code
 * Model model = Models.fromEnvironment();
 * Models.Choice why = Models.choose(System.getenv());   // e.g. for a CLI's --verbose
 * }</pre>
 *
 * <p>Thread-safe (stateless).
 */
public final class Models {
    /** The variable naming the model. */
    public static final String MODEL_VARIABLE = "OPENAGENTION_MODEL";
    static final String ANTHROPIC_DEFAULT = "claude-sonnet-4-5";
    static final String OPENAI_DEFAULT = "gpt-4o-mini";
    private static final Logger LOG = LoggerFactory.getLogger(Models.class);

    /**
     * The providers this library can build, by name. Each entry turns a {@link Choice} into a
     * model.
     */
    private static final Map<String, BiFunction<Choice, HttpOptions, Model>> FACTORIES = new LinkedHashMap<>();

    static {
        FACTORIES.put("openai", Models::openAi);
        FACTORIES.put("anthropic", Models::anthropic);
        FACTORIES.put("openai-responses", Models::openAiResponses);
    }

    private static final List<String> KNOWN_PROVIDERS = List.of("anthropic", "openai", "openai-responses");

    private Models() {}

    /**
     * What {@link #fromEnvironment} picked.
     *
     * @param provider {@code anthropic}, {@code openai} or {@code openai-responses}
     * @param model the model id
     * @param baseUrl the API root; empty for the provider's default
     * @param apiKey the key to send; empty when none is configured (never printed by {@link #toString()})
     * @param reason why this provider was chosen, in words
     */
    public record Choice(String provider, String model, String baseUrl, String apiKey, String reason) {
        public Choice {
            Objects.requireNonNull(provider, "provider");
            Objects.requireNonNull(model, "model");
            Objects.requireNonNull(baseUrl, "baseUrl");
            Objects.requireNonNull(apiKey, "apiKey");
            Objects.requireNonNull(reason, "reason");
        }

        @Override
        public String toString() {
            return provider + ":" + model + (baseUrl.isEmpty() ? "" : " at " + baseUrl) + " (" + reason + ")";
        }
    }

    /** The model the process environment configures. */
    public static Model fromEnvironment() {
        return fromEnvironment(System.getenv());
    }

    /**
     * The model {@code env} configures.
     *
     * @throws ConfigurationException when nothing is configured, the setup is ambiguous, or the
     *     chosen provider is not available
     */
    public static Model fromEnvironment(Map<String, String> env) {
        return fromEnvironment(env, HttpOptions.defaults());
    }

    /**
     * The model {@code env} configures, with these HTTP settings (timeouts, retries), as a CLI
     * passes its {@code --idle-timeout} and similar options.
     *
     * @throws ConfigurationException when nothing is configured, the setup is ambiguous, or the
     *     chosen provider is not available
     */
    public static Model fromEnvironment(Map<String, String> env, HttpOptions http) {
        Objects.requireNonNull(http, "http");
        Choice choice = choose(env);
        BiFunction<Choice, HttpOptions, Model> factory = FACTORIES.get(choice.provider());
        if (factory == null) {
            throw new ConfigurationException("the " + choice.provider() + " provider was chosen (" + choice.reason()
                    + ") but is not available in this build; available: " + FACTORIES.keySet());
        }
        LOG.info("using {}", choice);
        return factory.apply(choice, http);
    }

    /** Which provider and model {@code env} configures, and why, without building anything. */
    public static Choice choose(Map<String, String> env) {
        String anthropicKey = value(env, "ANTHROPIC_API_KEY");
        String anthropicUrl = value(env, "ANTHROPIC_BASE_URL");
        String openAiKey = value(env, "OPENAI_API_KEY");
        String openAiUrl = value(env, "OPENAI_BASE_URL");
        boolean anthropic = !anthropicKey.isEmpty() || !anthropicUrl.isEmpty();
        boolean openAi = !openAiKey.isEmpty() || !openAiUrl.isEmpty();
        String spec = value(env, MODEL_VARIABLE);

        String provider = null;
        String model = spec;
        String reason;
        int colon = spec.indexOf(':');
        if (colon > 0 && KNOWN_PROVIDERS.contains(spec.substring(0, colon).toLowerCase(Locale.ROOT))) {
            provider = spec.substring(0, colon).toLowerCase(Locale.ROOT);
            model = spec.substring(colon + 1);
            reason = MODEL_VARIABLE + " names the provider";
        } else if (!spec.isEmpty() && familyOf(spec).isPresent()) {
            provider = familyOf(spec).get();
            reason = "'" + spec + "' is a " + provider + " model";
        } else if (anthropic && openAi) {
            throw new ConfigurationException("both Anthropic and OpenAI are configured and "
                    + (spec.isEmpty() ? MODEL_VARIABLE + " is not set" : "'" + spec + "' does not say which to use")
                    + ": set " + MODEL_VARIABLE + " to provider:model, such as anthropic:" + ANTHROPIC_DEFAULT
                    + " or openai:" + OPENAI_DEFAULT);
        } else if (anthropic) {
            provider = "anthropic";
            reason = "only Anthropic is configured (" + (anthropicKey.isEmpty() ? "ANTHROPIC_BASE_URL" : "ANTHROPIC_API_KEY") + ")";
        } else if (openAi) {
            provider = "openai";
            reason = "only OpenAI is configured (" + (openAiKey.isEmpty() ? "OPENAI_BASE_URL" : "OPENAI_API_KEY") + ")";
        } else {
            throw new ConfigurationException(noneConfigured(spec));
        }
        boolean isAnthropic = provider.equals("anthropic");
        String key = isAnthropic ? anthropicKey : openAiKey;
        String url = isAnthropic ? anthropicUrl : openAiUrl;
        if (key.isEmpty() && url.isEmpty()) {
            String prefix = isAnthropic ? "ANTHROPIC" : "OPENAI";
            throw new ConfigurationException(reason + ", but neither " + prefix + "_API_KEY nor " + prefix
                    + "_BASE_URL is set");
        }
        if (model.isEmpty()) {
            model = isAnthropic ? ANTHROPIC_DEFAULT : OPENAI_DEFAULT;
            reason += "; " + MODEL_VARIABLE + " is not set, so the default model " + model + " is used";
        }
        return new Choice(provider, model, url, key, reason);
    }

    private static Optional<String> familyOf(String model) {
        String m = model.toLowerCase(Locale.ROOT);
        if (m.startsWith("claude")) {
            return Optional.of("anthropic");
        }
        if (m.startsWith("gpt-") || m.startsWith("chatgpt-") || m.matches("o[1-9](-.*)?")) {
            return Optional.of("openai");
        }
        return Optional.empty();
    }

    private static String noneConfigured(String spec) {
        List<String> lines = new ArrayList<>();
        lines.add("no model provider is configured" + (spec.isEmpty() ? "" : " for '" + spec + "'") + ". Set one of:");
        lines.add("  ANTHROPIC_API_KEY (and optionally ANTHROPIC_BASE_URL) for Anthropic");
        lines.add("  OPENAI_API_KEY (and optionally OPENAI_BASE_URL) for OpenAI");
        lines.add("  OPENAI_BASE_URL alone for an OpenAI-compatible server without keys (Ollama, vLLM, LM Studio)");
        lines.add("and " + MODEL_VARIABLE + " to name the model, optionally as provider:model "
                + "(anthropic:, openai:, openai-responses:)");
        return String.join("\n", lines);
    }

    private static String value(Map<String, String> env, String name) {
        String v = env.get(name);
        return v == null ? "" : v.strip();
    }

    private static Model openAi(Choice c, HttpOptions http) {
        OpenAiModel.Builder b = OpenAiModel.builder().model(c.model()).http(http);
        if (!c.apiKey().isEmpty()) {
            b.apiKey(c.apiKey());
        }
        if (!c.baseUrl().isEmpty()) {
            b.baseUrl(c.baseUrl());
        }
        return b.build();
    }

    private static Model anthropic(Choice c, HttpOptions http) {
        AnthropicModel.Builder b = AnthropicModel.builder().model(c.model()).http(http);
        if (!c.apiKey().isEmpty()) {
            b.apiKey(c.apiKey());
        }
        if (!c.baseUrl().isEmpty()) {
            b.baseUrl(c.baseUrl());
        }
        return b.build();
    }

    private static Model openAiResponses(Choice c, HttpOptions http) {
        OpenAiResponsesModel.Builder b = OpenAiResponsesModel.builder().model(c.model()).http(http);
        if (!c.apiKey().isEmpty()) {
            b.apiKey(c.apiKey());
        }
        if (!c.baseUrl().isEmpty()) {
            b.baseUrl(c.baseUrl());
        }
        return b.build();
    }
}
