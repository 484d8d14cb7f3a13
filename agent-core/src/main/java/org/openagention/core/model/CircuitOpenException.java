// SPDX-License-Identifier: Apache-2.0
package org.openagention.core.model;

import java.time.Duration;

/**
 * The call was not sent because the provider endpoint's circuit breaker is open: recent calls
 * failed in a row, so calls fail fast until the cooldown ends. Retryable later.
 */
public class CircuitOpenException extends ModelException {
    private final Duration retryIn;

    public CircuitOpenException(String message, Duration retryIn) {
        super(message, 0, null, true, null);
        this.retryIn = retryIn;
    }

    /** How long until the breaker lets a trial call through. */
    public Duration retryIn() {
        return retryIn;
    }
}
