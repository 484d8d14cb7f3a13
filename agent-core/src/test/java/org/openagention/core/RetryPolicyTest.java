// SPDX-License-Identifier: Apache-2.0
package org.openagention.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class RetryPolicyTest {

    @Test
    void backoffGrowsByTheMultiplierUnderTheCapWithoutJitter() {
        RetryPolicy p = RetryPolicy.builder().initialBackoff(Duration.ofMillis(100)).maxBackoff(Duration.ofSeconds(1))
                .jitter(0).build();
        assertThat(p.backoff(1)).isEqualTo(Duration.ofMillis(100));
        assertThat(p.backoff(4)).isEqualTo(Duration.ofMillis(800));
        assertThat(p.backoff(5)).isEqualTo(Duration.ofSeconds(1));
        assertThat(p.backoff(90)).isEqualTo(Duration.ofSeconds(1));
        RetryPolicy triple = p.toBuilder().multiplier(3).build();
        assertThat(triple.backoff(3)).isEqualTo(Duration.ofMillis(900));
        assertThat(p.toBuilder().initialBackoff(Duration.ZERO).build().backoff(3)).isZero();
    }

    @Test
    void jitterTakesItsShareOffTheCeiling() {
        RetryPolicy full = RetryPolicy.defaults();
        RetryPolicy quarter = RetryPolicy.builder().jitter(0.25).build();
        for (int i = 0; i < 200; i++) {
            assertThat(full.backoff(2)).isBetween(Duration.ZERO, Duration.ofSeconds(1));
            assertThat(quarter.backoff(2)).isBetween(Duration.ofMillis(750), Duration.ofSeconds(1));
        }
    }

    @Test
    void aGivenDrawMakesTheBackoffReproducible() {
        RetryPolicy p = RetryPolicy.builder().initialBackoff(Duration.ofSeconds(2)).jitter(0.5).build();
        assertThat(p.backoff(1, 0)).isEqualTo(Duration.ofSeconds(2));
        assertThat(p.backoff(1, 0.5)).isEqualTo(Duration.ofMillis(1500));
        assertThat(p.backoff(1, 0.5)).isEqualTo(p.backoff(1, 0.5));
        assertThatThrownBy(() -> p.backoff(1, 1.0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("[0, 1)");
        assertThatThrownBy(() -> p.backoff(1, Double.NaN)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void builderRejectsBadValuesByName() {
        assertThatThrownBy(() -> RetryPolicy.builder().maxAttempts(0)).hasMessageContaining("maxAttempts");
        assertThatThrownBy(() -> RetryPolicy.builder().initialBackoff(Duration.ofMillis(-1)))
                .hasMessageContaining("initialBackoff cannot be negative");
        assertThatThrownBy(() -> RetryPolicy.builder().multiplier(0.5)).hasMessageContaining("multiplier");
        assertThatThrownBy(() -> RetryPolicy.builder().jitter(1.5)).hasMessageContaining("jitter");
        assertThatThrownBy(() -> RetryPolicy.builder().maxServerDelay(Duration.ofSeconds(-1)))
                .hasMessageContaining("maxServerDelay");
        assertThatThrownBy(() -> RetryPolicy.builder().initialBackoff(Duration.ofSeconds(5)).maxBackoff(Duration.ofSeconds(1))
                .build()).hasMessageContaining("shorter than initialBackoff");
        assertThatThrownBy(() -> RetryPolicy.defaults().backoff(0)).hasMessageContaining("retry counts from 1");
    }

    @Test
    void noneMakesOneAttemptAndPoliciesCompareByValue() {
        assertThat(RetryPolicy.none().maxAttempts()).isEqualTo(1);
        assertThat(RetryPolicy.defaults().maxAttempts()).isEqualTo(3);
        assertThat(RetryPolicy.builder().maxAttempts(1).build()).isEqualTo(RetryPolicy.none())
                .hasSameHashCodeAs(RetryPolicy.none());
        assertThat(RetryPolicy.defaults().toBuilder().jitter(0).build()).isNotEqualTo(RetryPolicy.defaults());
    }
}
