// SPDX-License-Identifier: Apache-2.0
package org.openagention.spring.boot;

import org.openagention.core.Agent;

/**
 * Changes every {@link Agent.Builder} the starter hands out (the {@code agentBuilder} bean and the
 * auto-configured agent): declare one as a bean to add an interceptor or listener to all agents.
 * Applied in {@link org.springframework.core.annotation.Order} order; the starter's own tracing
 * customizer comes first, so its spans wrap the interceptors added after it.
 *
 * <pre>
 * &#64;Bean
 * AgentCustomizer auditTrail(AuditLog log) {
 *     return agent -&gt; agent.addListener(log::record);
 * }
 * </pre>
 */
@FunctionalInterface
public interface AgentCustomizer {
    /** Changes {@code agent} in place. Called on the thread that builds the agent. */
    void customize(Agent.Builder agent);
}
