// SPDX-License-Identifier: Apache-2.0
package org.openagention.core.testing;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.openagention.core.Sleeper;

/**
 * A {@link Sleeper} that records each sleep and returns at once, advancing a {@link FakeClock}
 * when given one. Thread-safe.
 */
public final class FakeSleeper implements Sleeper {
    private final List<Duration> sleeps = new ArrayList<>();
    private final FakeClock clock;

    public FakeSleeper() {
        this(null);
    }

    public FakeSleeper(FakeClock clock) {
        this.clock = clock;
    }

    @Override
    public synchronized void sleep(Duration duration) {
        sleeps.add(duration);
        if (clock != null) {
            clock.advance(duration);
        }
    }

    /** Every sleep requested, in order. */
    public synchronized List<Duration> sleeps() {
        return List.copyOf(sleeps);
    }
}
