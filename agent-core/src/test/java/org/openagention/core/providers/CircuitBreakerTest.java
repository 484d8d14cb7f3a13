// SPDX-License-Identifier: Apache-2.0
package org.openagention.core.providers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.openagention.core.model.CircuitOpenException;
import org.openagention.core.testing.FakeClock;

class CircuitBreakerTest {
    private final FakeClock clock = new FakeClock();
    private final CircuitBreaker breaker = CircuitBreaker.builder().failureThreshold(3).cooldown(Duration.ofSeconds(10))
            .clock(clock).build();

    @Test
    void opensAfterConsecutiveFailuresOnlyForThatEndpoint() {
        for (int i = 0; i < 3; i++) {
            breaker.acquire("a");
            breaker.onFailure("a");
        }
        assertThat(breaker.state("a")).isEqualTo(CircuitBreaker.State.OPEN);
        assertThatThrownBy(() -> breaker.acquire("a")).isInstanceOf(CircuitOpenException.class)
                .hasMessageContaining("3 consecutive failures");
        breaker.acquire("b");
        assertThat(breaker.state("b")).isEqualTo(CircuitBreaker.State.CLOSED);
    }

    @Test
    void statesListsEveryEndpointSeenWithItsState() {
        assertThat(breaker.states()).isEmpty();
        breaker.acquire("b");
        breaker.onSuccess("b");
        for (int i = 0; i < 3; i++) {
            breaker.onFailure("a");
        }
        assertThat(breaker.states()).containsExactly(
                java.util.Map.entry("a", CircuitBreaker.State.OPEN), java.util.Map.entry("b", CircuitBreaker.State.CLOSED));
        clock.advance(Duration.ofSeconds(10));
        assertThat(breaker.states()).containsEntry("a", CircuitBreaker.State.HALF_OPEN);
    }

    @Test
    void aSuccessResetsTheFailureCount() {
        breaker.onFailure("a");
        breaker.onFailure("a");
        breaker.onSuccess("a");
        breaker.onFailure("a");
        breaker.onFailure("a");
        assertThat(breaker.state("a")).isEqualTo(CircuitBreaker.State.CLOSED);
    }

    @Test
    void halfOpenLetsOneTrialThroughAndReopensWhenItFails() {
        for (int i = 0; i < 3; i++) {
            breaker.onFailure("a");
        }
        clock.advance(Duration.ofSeconds(10));
        assertThat(breaker.state("a")).isEqualTo(CircuitBreaker.State.HALF_OPEN);
        breaker.acquire("a");
        assertThatThrownBy(() -> breaker.acquire("a")).isInstanceOf(CircuitOpenException.class);
        breaker.onFailure("a");
        assertThat(breaker.state("a")).isEqualTo(CircuitBreaker.State.OPEN);
        clock.advance(Duration.ofSeconds(10));
        breaker.acquire("a");
        breaker.onSuccess("a");
        assertThat(breaker.state("a")).isEqualTo(CircuitBreaker.State.CLOSED);
        breaker.acquire("a");
        breaker.acquire("a");
    }

    @Test
    void rejectsBadSettings() {
        assertThatThrownBy(() -> CircuitBreaker.builder().failureThreshold(0)).hasMessageContaining("failureThreshold");
        assertThatThrownBy(() -> CircuitBreaker.builder().cooldown(Duration.ZERO)).hasMessageContaining("cooldown");
    }
}
