// SPDX-License-Identifier: Apache-2.0
package org.openagention.spring.boot;

import java.util.stream.Collectors;
import org.openagention.core.Agent;
import org.openagention.core.Limits;
import org.openagention.core.RunOptions;
import org.openagention.core.journal.JournalStore;
import org.openagention.core.model.Model;
import org.openagention.core.providers.CircuitBreaker;
import org.openagention.core.tool.Tool;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.ConfigurableBeanFactory;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Scope;
import org.springframework.core.env.Environment;

/**
 * The core of the starter: the {@link Model} bean from {@code openagention.model.*} (with its
 * {@link CircuitBreaker}), {@link AgentTools} from every {@link Tool} bean, a prototype
 * {@link Agent.Builder} with the model, tools and every {@link AgentCustomizer} applied, the
 * {@link RunOptions} of {@code openagention.run.*} and the file {@link JournalStore} of
 * {@code openagention.journal.directory}. Each bean steps aside for one the application declares.
 * The agent itself comes from {@link OpenAgentionAgentAutoConfiguration}.
 */
@AutoConfiguration
@EnableConfigurationProperties(OpenAgentionProperties.class)
public class OpenAgentionAutoConfiguration {

    /** The breaker of the configured model's provider, reported by the health indicator. */
    @Bean
    @ConditionalOnProperty(prefix = "openagention.model", name = "provider")
    @ConditionalOnMissingBean(CircuitBreaker.class)
    CircuitBreaker openagentionCircuitBreaker(OpenAgentionProperties properties) {
        OpenAgentionProperties.Breaker b = properties.getModel().getCircuitBreaker();
        return CircuitBreaker.builder().failureThreshold(b.getFailureThreshold()).cooldown(b.getCooldown()).build();
    }

    /** The model of {@code openagention.model.*}; a missing API key fails start-up ({@link MissingApiKeyException}). */
    @Bean
    @ConditionalOnProperty(prefix = "openagention.model", name = "provider")
    @ConditionalOnMissingBean(Model.class)
    Model openagentionModel(OpenAgentionProperties properties, CircuitBreaker openagentionCircuitBreaker,
            Environment environment) {
        return ProviderModels.build(properties.getModel(), openagentionCircuitBreaker, environment);
    }

    @Bean
    @ConditionalOnMissingBean
    AgentTools agentTools(ObjectProvider<Tool> tools) {
        return new AgentTools(tools.orderedStream().collect(Collectors.toList()));
    }

    /**
     * A new builder per injection point, with the model (when there is one), every tool and the
     * customizers applied: what an agent {@code @Bean} starts from.
     */
    @Bean
    @Scope(ConfigurableBeanFactory.SCOPE_PROTOTYPE)
    @ConditionalOnMissingBean
    Agent.Builder agentBuilder(ObjectProvider<Model> model, AgentTools tools, ObjectProvider<AgentCustomizer> customizers) {
        Agent.Builder builder = Agent.builder().tools(tools.all());
        model.ifAvailable(builder::model);
        customizers.orderedStream().forEach(c -> c.customize(builder));
        return builder;
    }

    @Bean
    @ConditionalOnProperty(prefix = "openagention.journal", name = "directory")
    @ConditionalOnMissingBean
    JournalStore openagentionJournal(OpenAgentionProperties properties) {
        return JournalStore.file(properties.getJournal().getDirectory());
    }

    /** Per-run options: the limits of {@code openagention.run.*} and the journal, when there is one. */
    @Bean
    @ConditionalOnMissingBean
    RunOptions openagentionRunOptions(OpenAgentionProperties properties, ObjectProvider<JournalStore> journal) {
        OpenAgentionProperties.RunSettings run = properties.getRun();
        Limits.Builder limits = Limits.builder().maxTurns(run.getMaxTurns()).maxTokens(run.getMaxTokens())
                .maxCostUsd(run.getMaxCostUsd());
        if (run.getTimeout() != null) {
            limits.timeout(run.getTimeout());
        }
        RunOptions.Builder options = RunOptions.builder().limits(limits.build()).streaming(run.isStreaming());
        journal.ifAvailable(options::journal);
        return options.build();
    }
}
