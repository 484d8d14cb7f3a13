// SPDX-License-Identifier: Apache-2.0
package org.openagention.spring.boot;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.openagention.core.ConfigurationException;
import org.openagention.core.tool.Tool;
import org.openagention.mcp.McpOptions;
import org.openagention.mcp.McpServerConfig;
import org.openagention.mcp.McpServers;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Condition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.context.annotation.Conditional;
import org.springframework.core.type.AnnotatedTypeMetadata;

/**
 * MCP servers from {@code openagention.mcp.servers.*} ({@link McpProperties}), connected at start-up
 * through agent-mcp when it is on the class path; their tools join the Tool beans in
 * {@link AgentTools}. A server that cannot be reached fails start-up, naming it; the servers are
 * closed (stdio ones' processes ended) when the context closes.
 */
@AutoConfiguration(before = OpenAgentionAutoConfiguration.class)
@ConditionalOnClass(McpServers.class)
@EnableConfigurationProperties({McpProperties.class, OpenAgentionProperties.class})
public class OpenAgentionMcpAutoConfiguration {

    @Bean(destroyMethod = "close")
    @Conditional(ServersConfigured.class)
    @ConditionalOnMissingBean
    McpServers openagentionMcpServers(McpProperties properties) {
        List<McpServerConfig> configs = new ArrayList<>();
        for (Map.Entry<String, McpProperties.Server> e : properties.getServers().entrySet()) {
            configs.add(config(e.getKey(), e.getValue()));
        }
        McpOptions.Builder options = McpOptions.builder();
        if (properties.getCallTimeout() != null) {
            options.callTimeout(properties.getCallTimeout());
        }
        if (properties.getConnectTimeout() != null) {
            options.connectTimeout(properties.getConnectTimeout());
        }
        return McpServers.connect(configs, options.build());
    }

    /** The Tool beans, then every MCP server's tools. */
    @Bean
    @ConditionalOnMissingBean
    AgentTools agentTools(ObjectProvider<Tool> tools, ObjectProvider<McpServers> servers) {
        List<Tool> all = tools.orderedStream().collect(Collectors.toCollection(ArrayList::new));
        servers.orderedStream().forEach(s -> all.addAll(s.tools()));
        return new AgentTools(all);
    }

    static McpServerConfig config(String name, McpProperties.Server s) {
        String where = "openagention.mcp.servers." + name;
        boolean command = s.getCommand() != null && !s.getCommand().isBlank();
        if (command == (s.getUrl() != null)) {
            throw new ConfigurationException(where + ": set either command (a stdio server) or url (an HTTP server)"
                    + (command ? ", not both" : ""));
        }
        if (command) {
            return new McpServerConfig.Stdio(name, s.getCommand(), s.getArgs(), s.getEnv(),
                    Optional.ofNullable(s.getWorkingDirectory()));
        }
        return new McpServerConfig.Http(name, s.getUrl(), s.getHeaders());
    }

    /** True when at least one server is configured under {@code openagention.mcp.servers}. */
    static final class ServersConfigured implements Condition {
        @Override
        public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
            return Binder.get(context.getEnvironment())
                    .bind("openagention.mcp.servers", Bindable.mapOf(String.class, McpProperties.Server.class))
                    .map(m -> !m.isEmpty()).orElse(false);
        }
    }
}
