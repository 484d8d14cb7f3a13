// SPDX-License-Identifier: Apache-2.0
package org.openagention.temporal.internal;

/**
 * How the workflow schedules its step activities: timeouts and the retry policy (a core
 * {@code RetryPolicy} as data; jitter has no Temporal counterpart).
 */
public record StepSettings(long modelTimeoutMillis, long toolTimeoutMillis, long heartbeatMillis, int maxAttempts,
        long initialBackoffMillis, double multiplier, long maxBackoffMillis) {}
