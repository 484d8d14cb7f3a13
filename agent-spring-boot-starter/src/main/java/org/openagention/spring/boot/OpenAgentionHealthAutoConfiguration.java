// SPDX-License-Identifier: Apache-2.0
package org.openagention.spring.boot;

import java.util.List;
import org.openagention.core.providers.CircuitBreaker;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.health.autoconfigure.contributor.ConditionalOnEnabledHealthIndicator;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.annotation.Bean;

/**
 * The {@code openagention} health component: the state of every {@link CircuitBreaker} bean (the
 * starter's, and any the application declares for its own models), when Spring Boot's health
 * support is on the class path. {@code management.health.openagention.enabled=false} turns it off.
 */
@AutoConfiguration(after = OpenAgentionAutoConfiguration.class)
@ConditionalOnClass({HealthIndicator.class, ConditionalOnEnabledHealthIndicator.class})
@ConditionalOnBean(CircuitBreaker.class)
@ConditionalOnEnabledHealthIndicator("openagention")
public class OpenAgentionHealthAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean(name = "openagentionHealthIndicator")
    HealthIndicator openagentionHealthIndicator(ObjectProvider<CircuitBreaker> breakers) {
        List<CircuitBreaker> all = breakers.orderedStream().toList();
        return new CircuitBreakerHealthIndicator(all);
    }
}
