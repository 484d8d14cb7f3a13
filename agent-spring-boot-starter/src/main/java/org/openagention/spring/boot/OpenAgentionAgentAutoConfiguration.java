// SPDX-License-Identifier: Apache-2.0
package org.openagention.spring.boot;

import org.openagention.core.Agent;
import org.openagention.core.model.Model;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

/**
 * The {@link Agent} bean of {@code openagention.agent.*} (name, instructions, tools by name), made
 * when there is a {@link Model} bean and the application declares no agent of its own.
 */
@AutoConfiguration(after = {OpenAgentionAutoConfiguration.class, OpenAgentionMcpAutoConfiguration.class})
@ConditionalOnBean(Model.class)
@ConditionalOnBooleanProperty(name = "openagention.agent.enabled", matchIfMissing = true)
public class OpenAgentionAgentAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean(Agent.class)
    Agent agent(Agent.Builder agentBuilder, AgentTools tools, OpenAgentionProperties properties) {
        OpenAgentionProperties.AgentSettings settings = properties.getAgent();
        return agentBuilder.name(settings.getName()).instructions(settings.getInstructions())
                .tools(tools.named(settings.getTools())).build();
    }
}
