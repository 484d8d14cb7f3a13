// SPDX-License-Identifier: Apache-2.0
package org.openagention.spring.boot;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The {@code openagention.*} properties: the model, the auto-configured agent, run limits, the
 * journal directory and tracing. MCP servers are under {@code openagention.mcp} ({@link McpProperties}).
 *
 * <pre>
 * openagention.model.provider=anthropic
 * openagention.model.name=claude-sonnet-4-5
 * openagention.model.request-timeout=5m
 * openagention.agent.instructions=You answer questions about orders.
 * openagention.run.max-turns=20
 * openagention.journal.directory=/var/lib/app/runs
 * </pre>
 *
 * <p>Bound by Spring at start-up; mutable JavaBeans as Spring's binding wants them, read once.
 */
@ConfigurationProperties("openagention")
public class OpenAgentionProperties {
    private final ModelSettings model = new ModelSettings();
    private final AgentSettings agent = new AgentSettings();
    private final RunSettings run = new RunSettings();
    private final JournalSettings journal = new JournalSettings();
    private final TracingSettings tracing = new TracingSettings();

    public ModelSettings getModel() {
        return model;
    }

    public AgentSettings getAgent() {
        return agent;
    }

    public RunSettings getRun() {
        return run;
    }

    public JournalSettings getJournal() {
        return journal;
    }

    public TracingSettings getTracing() {
        return tracing;
    }

    /** The providers the {@code Model} bean can be built for. */
    public enum Provider {
        /** Anthropic's Messages API; key from {@code ANTHROPIC_API_KEY}. */
        ANTHROPIC,
        /** OpenAI's Chat Completions API; key from {@code OPENAI_API_KEY}. */
        OPENAI,
        /** OpenAI's Responses API; key from {@code OPENAI_API_KEY}. */
        OPENAI_RESPONSES,
        /** A server speaking Chat Completions (Ollama, vLLM, LM Studio, OpenRouter...): base URL required, key optional. */
        OPENAI_COMPATIBLE
    }

    /** {@code openagention.model.*}: the {@code Model} bean, made when a provider is set. */
    public static class ModelSettings {
        /** The provider; without one no Model bean is made (declare your own). */
        private Provider provider;
        /** The model id, such as claude-sonnet-4-5 or gpt-4o-mini; defaults to the provider's usual one (required for openai-compatible). */
        private String name;
        /** The API root; the provider's own by default (required for openai-compatible). */
        private String baseUrl;
        /** The API key; by default read from the environment variable named by api-key-env. */
        private String apiKey;
        /** The environment variable holding the API key; ANTHROPIC_API_KEY or OPENAI_API_KEY by default. */
        private String apiKeyEnv;
        /** Longest wait to connect to the provider; 10s by default. */
        private Duration connectTimeout;
        /** Longest silence of the provider during a call, such as a stalled stream; 45s by default. */
        private Duration idleTimeout;
        /** Longest one model call may take, retries included; 10m by default. */
        private Duration requestTimeout;
        private final Retry retry = new Retry();
        private final Breaker circuitBreaker = new Breaker();

        public Provider getProvider() {
            return provider;
        }

        public void setProvider(Provider provider) {
            this.provider = provider;
        }

        public String getName() {
            return name;
        }

        public void setName(String name) {
            this.name = name;
        }

        public String getBaseUrl() {
            return baseUrl;
        }

        public void setBaseUrl(String baseUrl) {
            this.baseUrl = baseUrl;
        }

        public String getApiKey() {
            return apiKey;
        }

        public void setApiKey(String apiKey) {
            this.apiKey = apiKey;
        }

        public String getApiKeyEnv() {
            return apiKeyEnv;
        }

        public void setApiKeyEnv(String apiKeyEnv) {
            this.apiKeyEnv = apiKeyEnv;
        }

        public Duration getConnectTimeout() {
            return connectTimeout;
        }

        public void setConnectTimeout(Duration connectTimeout) {
            this.connectTimeout = connectTimeout;
        }

        public Duration getIdleTimeout() {
            return idleTimeout;
        }

        public void setIdleTimeout(Duration idleTimeout) {
            this.idleTimeout = idleTimeout;
        }

        public Duration getRequestTimeout() {
            return requestTimeout;
        }

        public void setRequestTimeout(Duration requestTimeout) {
            this.requestTimeout = requestTimeout;
        }

        public Retry getRetry() {
            return retry;
        }

        public Breaker getCircuitBreaker() {
            return circuitBreaker;
        }
    }

    /** {@code openagention.model.retry.*}: how failed provider calls are retried (core's RetryPolicy). */
    public static class Retry {
        /** Attempts per call, the first included; 1 turns retries off. 3 by default. */
        private Integer maxAttempts;
        /** Wait before the first retry; 500ms by default. */
        private Duration initialBackoff;
        /** Longest wait between two attempts; 8s by default. */
        private Duration maxBackoff;

        public Integer getMaxAttempts() {
            return maxAttempts;
        }

        public void setMaxAttempts(Integer maxAttempts) {
            this.maxAttempts = maxAttempts;
        }

        public Duration getInitialBackoff() {
            return initialBackoff;
        }

        public void setInitialBackoff(Duration initialBackoff) {
            this.initialBackoff = initialBackoff;
        }

        public Duration getMaxBackoff() {
            return maxBackoff;
        }

        public void setMaxBackoff(Duration maxBackoff) {
            this.maxBackoff = maxBackoff;
        }
    }

    /** {@code openagention.model.circuit-breaker.*}: fail fast while the provider is down; reported by the health indicator. */
    public static class Breaker {
        /** Consecutive failed attempts that open the breaker. */
        private int failureThreshold = 5;
        /** How long an open breaker fails calls before letting a trial call through. */
        private Duration cooldown = Duration.ofSeconds(30);

        public int getFailureThreshold() {
            return failureThreshold;
        }

        public void setFailureThreshold(int failureThreshold) {
            this.failureThreshold = failureThreshold;
        }

        public Duration getCooldown() {
            return cooldown;
        }

        public void setCooldown(Duration cooldown) {
            this.cooldown = cooldown;
        }
    }

    /** {@code openagention.agent.*}: the {@code Agent} bean made when the application declares none. */
    public static class AgentSettings {
        /** Whether to make an Agent bean (when the application declares none). */
        private boolean enabled = true;
        /** The agent's name, as traces and journals show it. */
        private String name = "agent";
        /** The agent's instructions (its system prompt). */
        private String instructions = "";
        /** The tools it gets, by name; empty for every tool bean (and MCP server tool). */
        private List<String> tools = new ArrayList<>();

        public boolean isEnabled() {
            return enabled;
        }

        public void setEnabled(boolean enabled) {
            this.enabled = enabled;
        }

        public String getName() {
            return name;
        }

        public void setName(String name) {
            this.name = name;
        }

        public String getInstructions() {
            return instructions;
        }

        public void setInstructions(String instructions) {
            this.instructions = instructions;
        }

        public List<String> getTools() {
            return tools;
        }

        public void setTools(List<String> tools) {
            this.tools = tools;
        }
    }

    /** {@code openagention.run.*}: the limits of the {@code RunOptions} bean. */
    public static class RunSettings {
        /** Turns per run. */
        private int maxTurns = 50;
        /** Tokens per run; 0 for no limit. */
        private long maxTokens;
        /** Dollars per run; 0 for no limit. */
        private double maxCostUsd;
        /** Wall-clock limit per run; none by default. */
        private Duration timeout;
        /** Whether runs stream the model's answers (the events show text as it arrives). */
        private boolean streaming;

        public int getMaxTurns() {
            return maxTurns;
        }

        public void setMaxTurns(int maxTurns) {
            this.maxTurns = maxTurns;
        }

        public long getMaxTokens() {
            return maxTokens;
        }

        public void setMaxTokens(long maxTokens) {
            this.maxTokens = maxTokens;
        }

        public double getMaxCostUsd() {
            return maxCostUsd;
        }

        public void setMaxCostUsd(double maxCostUsd) {
            this.maxCostUsd = maxCostUsd;
        }

        public Duration getTimeout() {
            return timeout;
        }

        public void setTimeout(Duration timeout) {
            this.timeout = timeout;
        }

        public boolean isStreaming() {
            return streaming;
        }

        public void setStreaming(boolean streaming) {
            this.streaming = streaming;
        }
    }

    /** {@code openagention.journal.*}: where runs are journaled (to resume them after a crash). */
    public static class JournalSettings {
        /** The directory of the file journal; without one, runs are not journaled. */
        private Path directory;

        public Path getDirectory() {
            return directory;
        }

        public void setDirectory(Path directory) {
            this.directory = directory;
        }
    }

    /** {@code openagention.tracing.*}: agent-otel spans, when agent-otel and an OpenTelemetry bean are present. */
    public static class TracingSettings {
        /** Whether agents are traced with agent-otel (or observed through Micrometer without it). */
        private boolean enabled = true;
        /** Whether prompts, completions and tool arguments go on the spans (redacted); off by default. */
        private boolean captureContent;

        public boolean isEnabled() {
            return enabled;
        }

        public void setEnabled(boolean enabled) {
            this.enabled = enabled;
        }

        public boolean isCaptureContent() {
            return captureContent;
        }

        public void setCaptureContent(boolean captureContent) {
            this.captureContent = captureContent;
        }
    }
}
