// SPDX-License-Identifier: Apache-2.0
package org.openagention.core;

import java.time.Duration;

/** Waits. Injectable so that retries and backoff can be tested without real time passing. */
@FunctionalInterface
public interface Sleeper {
    void sleep(Duration duration) throws InterruptedException;

    /** The real one: {@link Thread#sleep}. */
    Sleeper SYSTEM = d -> Thread.sleep(d.toMillis(), (int) (d.toNanosPart() % 1_000_000));
}
