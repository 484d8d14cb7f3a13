// SPDX-License-Identifier: Apache-2.0
package org.openagention.orchestration.automation;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Runs timed work for an {@link AutomationRunner}: schedules, git polls, debounce timers and run
 * timeouts. Tests pass a ticker whose time they advance by hand, so nothing waits on the clock.
 *
 * <p>Implementations are thread-safe. Tasks must be quick: they only start work elsewhere.
 */
public interface Ticker extends AutoCloseable {

    /** Runs {@code task} once after {@code delay}. */
    Cancellable after(Duration delay, Runnable task);

    /** Runs {@code task} every {@code interval}, the first time one interval from now. */
    Cancellable every(Duration interval, Runnable task);

    /** Stops the ticker; scheduled tasks no longer run. */
    @Override
    void close();

    /** A scheduled task that can be called off. */
    @FunctionalInterface
    interface Cancellable {
        void cancel();
    }

    /** A ticker on one daemon thread and the system clock. */
    static Ticker system() {
        ScheduledExecutorService exec = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "automation-ticker");
            t.setDaemon(true);
            return t;
        });
        return new Ticker() {
            @Override
            public Cancellable after(Duration delay, Runnable task) {
                ScheduledFuture<?> f = exec.schedule(task, delay.toNanos(), TimeUnit.NANOSECONDS);
                return () -> f.cancel(false);
            }

            @Override
            public Cancellable every(Duration interval, Runnable task) {
                long n = interval.toNanos();
                ScheduledFuture<?> f = exec.scheduleWithFixedDelay(task, n, n, TimeUnit.NANOSECONDS);
                return () -> f.cancel(false);
            }

            @Override
            public void close() {
                exec.shutdownNow();
            }
        };
    }
}
