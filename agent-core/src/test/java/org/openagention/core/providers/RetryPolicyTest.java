package org.openagention.core.providers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class RetryPolicyTest {

    @Test
    void backoffGrowsExponentiallyUnderTheCapWithFullJitter() {
        RetryPolicy p = RetryPolicy.builder().initialBackoff(Duration.ofMillis(100)).maxBackoff(Duration.ofSeconds(1))
                .jitter(() -> 0.999).build();
        assertThat(p.backoff(1)).isEqualTo(Duration.ofNanos((long) (100_000_000L * 0.999)));
        assertThat(p.backoff(4)).isEqualTo(Duration.ofNanos((long) (800_000_000L * 0.999)));
        assertThat(p.backoff(5)).isEqualTo(Duration.ofNanos((long) (1_000_000_000L * 0.999)));
        assertThat(p.backoff(90)).isEqualTo(Duration.ofNanos((long) (1_000_000_000L * 0.999)));
        RetryPolicy zero = p.toBuilder().jitter(() -> 0).build();
        assertThat(zero.backoff(3)).isZero();
    }

    @Test
    void defaultJitterStaysWithinTheCeiling() {
        RetryPolicy p = RetryPolicy.defaults();
        for (int i = 0; i < 200; i++) {
            assertThat(p.backoff(2)).isBetween(Duration.ZERO, Duration.ofSeconds(1));
        }
    }

    @Test
    void builderRejectsBadValuesByName() {
        assertThatThrownBy(() -> RetryPolicy.builder().maxAttempts(0)).hasMessageContaining("maxAttempts");
        assertThatThrownBy(() -> RetryPolicy.builder().initialBackoff(Duration.ZERO)).hasMessageContaining("initialBackoff");
        assertThatThrownBy(() -> RetryPolicy.builder().maxServerDelay(Duration.ofSeconds(-1)))
                .hasMessageContaining("maxServerDelay");
        assertThatThrownBy(() -> RetryPolicy.builder().initialBackoff(Duration.ofSeconds(5)).maxBackoff(Duration.ofSeconds(1))
                .build()).hasMessageContaining("shorter than initialBackoff");
        assertThatThrownBy(() -> RetryPolicy.defaults().backoff(0)).hasMessageContaining("retry counts from 1");
    }

    @Test
    void noneMakesOneAttempt() {
        assertThat(RetryPolicy.none().maxAttempts()).isEqualTo(1);
        assertThat(RetryPolicy.defaults().maxAttempts()).isEqualTo(3);
    }
}
