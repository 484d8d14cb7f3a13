// SPDX-License-Identifier: Apache-2.0
package org.openagention.temporal.internal;

import io.temporal.activity.ActivityExecutionContext;
import io.temporal.client.ActivityCompletionException;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * The heartbeat of one running activity: a ticker heartbeats every third of the heartbeat
 * timeout while the activity runs (a killed worker stops it, and Temporal notices), and is how a
 * cancellation reaches the activity: the failed heartbeat marks it cancelled and interrupts its
 * thread. The lock keeps a late tick from interrupting the thread after the activity.
 */
final class ActivityHeartbeat {
    private static final ScheduledExecutorService TICKER = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "openagention-temporal-heartbeat");
        t.setDaemon(true);
        return t;
    });

    private final ActivityExecutionContext context;
    private final Thread runner;
    private final ScheduledFuture<?> ticks;
    private boolean cancelled;
    private ActivityCompletionException cancellation;
    private boolean stopped;

    ActivityHeartbeat(ActivityExecutionContext context, Thread runner) {
        this.context = context;
        this.runner = runner;
        Duration timeout = context.getInfo().getHeartbeatTimeout();
        long every = timeout == null || timeout.isZero() ? 0 : Math.max(50, timeout.toMillis() / 3);
        this.ticks = every == 0 ? null : TICKER.scheduleAtFixedRate(this::tick, every, every, TimeUnit.MILLISECONDS);
    }

    synchronized boolean cancelled() {
        return cancelled;
    }

    private synchronized void tick() {
        if (cancelled || stopped) {
            return;
        }
        try {
            context.heartbeat(null);
        } catch (ActivityCompletionException e) { // cancelled, timed out, or the worker shuts down
            cancelled = true;
            cancellation = e;
            runner.interrupt();
        } catch (RuntimeException e) {
            // A heartbeat that could not be sent (the server briefly away) is tried again next tick.
        }
    }

    /** Throws the cancellation the heartbeat saw, which is how an activity acknowledges it. */
    synchronized void acknowledgeCancel() {
        if (cancellation != null) {
            throw cancellation;
        }
    }

    synchronized void stop() {
        stopped = true;
        if (ticks != null) {
            ticks.cancel(false);
        }
        if (cancelled) {
            Thread.interrupted(); // our interrupt must not leak into the worker's thread pool
        }
    }
}
