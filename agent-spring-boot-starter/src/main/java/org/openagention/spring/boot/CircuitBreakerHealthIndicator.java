// SPDX-License-Identifier: Apache-2.0
package org.openagention.spring.boot;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.openagention.core.providers.CircuitBreaker;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;

/**
 * The providers' circuit breakers as an actuator health component ({@code openagention}): DOWN
 * while any endpoint's breaker is open (calls to it fail fast), UP otherwise; the details list each
 * endpoint called so far with its state ({@code CLOSED}, {@code OPEN}, {@code HALF_OPEN}) and each
 * breaker's settings.
 */
final class CircuitBreakerHealthIndicator implements HealthIndicator {
    private final List<CircuitBreaker> breakers;

    CircuitBreakerHealthIndicator(List<CircuitBreaker> breakers) {
        this.breakers = List.copyOf(breakers);
    }

    @Override
    public Health health() {
        Map<String, Object> endpoints = new LinkedHashMap<>();
        boolean open = false;
        for (CircuitBreaker breaker : breakers) {
            for (Map.Entry<String, CircuitBreaker.State> e : breaker.states().entrySet()) {
                endpoints.put(e.getKey(), e.getValue().name());
                open |= e.getValue() == CircuitBreaker.State.OPEN;
            }
        }
        Health.Builder health = open ? Health.down() : Health.up();
        return health.withDetail("endpoints", endpoints)
                .withDetail("breakers", breakers.stream().map(CircuitBreaker::toString).toList()).build();
    }
}
