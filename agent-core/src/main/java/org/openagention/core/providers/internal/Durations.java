// SPDX-License-Identifier: Apache-2.0
package org.openagention.core.providers.internal;

import java.time.Duration;
import java.util.Locale;
import org.openagention.core.model.ProviderTimeoutException.Timeout;

/** Durations and timeouts as people read them in messages: {@code 300 ms}, {@code 45 s}, {@code 10 min}. */
final class Durations {
    private Durations() {}

    static String human(Duration d) {
        long ms = d.toMillis();
        if (ms < 1000 || ms % 1000 != 0) {
            return ms + " ms";
        }
        long s = ms / 1000;
        return s >= 60 && s % 60 == 0 ? s / 60 + " min" : s + " s";
    }

    /** {@code the idle timeout fired after 45 s of silence}, {@code the connect timeout fired after 10 s}. */
    static String describe(Timeout timeout, Duration after) {
        return "the " + timeout.name().toLowerCase(Locale.ROOT) + " timeout fired after " + human(after)
                + (timeout == Timeout.IDLE ? " of silence" : "");
    }
}
