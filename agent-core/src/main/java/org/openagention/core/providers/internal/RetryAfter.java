// SPDX-License-Identifier: Apache-2.0
package org.openagention.core.providers.internal;

import java.net.http.HttpHeaders;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/** Reads how long a provider asked the client to wait: {@code retry-after-ms}, then {@code Retry-After}. */
final class RetryAfter {
    private RetryAfter() {}

    /** The requested delay, or null when the headers ask for none (or say it unreadably). */
    static Duration of(HttpHeaders headers, Clock clock) {
        Optional<String> ms = headers.firstValue("retry-after-ms");
        if (ms.isPresent()) {
            Duration d = millis(ms.get());
            if (d != null) {
                return d;
            }
        }
        Optional<String> value = headers.firstValue("retry-after");
        return value.isPresent() ? parse(value.get().trim(), clock) : null;
    }

    /** {@code Retry-After} as delay-seconds (integer or decimal) or an HTTP date. */
    static Duration parse(String value, Clock clock) {
        try {
            double seconds = Double.parseDouble(value);
            if (seconds >= 0 && seconds < 1e9) {
                return Duration.ofNanos((long) (seconds * 1e9));
            }
            return null;
        } catch (NumberFormatException notNumber) {
            // an HTTP date, below
        }
        try {
            Instant at = ZonedDateTime.parse(value, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
            Duration d = Duration.between(clock.instant(), at);
            return d.isNegative() ? Duration.ZERO : d;
        } catch (DateTimeParseException notDate) {
            return null;
        }
    }

    private static Duration millis(String value) {
        try {
            double ms = Double.parseDouble(value.trim());
            return ms >= 0 && ms < 1e12 ? Duration.ofNanos((long) (ms * 1e6)) : null;
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
