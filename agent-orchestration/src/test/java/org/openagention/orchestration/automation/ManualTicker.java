// SPDX-License-Identifier: Apache-2.0
package org.openagention.orchestration.automation;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** A ticker whose time moves only when a test calls {@link #advance}; tasks run on the test's thread. */
final class ManualTicker implements Ticker {
    private final List<Task> tasks = new ArrayList<>();
    private Duration now = Duration.ZERO;

    private static final class Task {
        Duration due;
        final Duration every;
        final Runnable body;
        volatile boolean cancelled;

        Task(Duration due, Duration every, Runnable body) {
            this.due = due;
            this.every = every;
            this.body = body;
        }
    }

    @Override
    public synchronized Cancellable after(Duration delay, Runnable task) {
        return add(new Task(now.plus(delay), null, task));
    }

    @Override
    public synchronized Cancellable every(Duration interval, Runnable task) {
        return add(new Task(now.plus(interval), interval, task));
    }

    private Cancellable add(Task t) {
        tasks.add(t);
        return () -> t.cancelled = true;
    }

    /** Moves time on by {@code d}, running every task that falls due, in order of due time. */
    void advance(Duration d) {
        Duration target;
        synchronized (this) {
            target = now.plus(d);
        }
        while (true) {
            Task next;
            synchronized (this) {
                tasks.removeIf(t -> t.cancelled);
                next = tasks.stream().filter(t -> t.due.compareTo(target) <= 0).min(Comparator.comparing(t -> t.due))
                        .orElse(null);
                if (next == null) {
                    now = target;
                    return;
                }
                now = next.due;
                if (next.every == null) {
                    tasks.remove(next);
                } else {
                    next.due = next.due.plus(next.every);
                }
            }
            next.body.run();
        }
    }

    @Override
    public void close() {}
}
