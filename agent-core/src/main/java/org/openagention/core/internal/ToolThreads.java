// SPDX-License-Identifier: Apache-2.0
package org.openagention.core.internal;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Threads for parallel tool calls and watchdogs: virtual threads on JDK 21+, a cached pool of
 * daemon threads on 17.
 */
public final class ToolThreads {
    private static final ExecutorService EXECUTOR = create();
    private static final ScheduledExecutorService WATCHDOG = Executors.newSingleThreadScheduledExecutor(
            daemonFactory("openagention-watchdog"));

    private ToolThreads() {}

    public static ExecutorService executor() {
        return EXECUTOR;
    }

    public static ScheduledExecutorService watchdog() {
        return WATCHDOG;
    }

    /** Whether this JVM has virtual threads (JDK 21+). */
    public static boolean virtual() {
        return VIRTUAL;
    }

    private static boolean VIRTUAL;

    private static ExecutorService create() {
        try {
            ExecutorService vt = (ExecutorService) MethodHandles.publicLookup()
                    .findStatic(Executors.class, "newVirtualThreadPerTaskExecutor", MethodType.methodType(ExecutorService.class))
                    .invoke();
            VIRTUAL = true;
            return vt;
        } catch (Throwable notAvailable) {
            return Executors.newCachedThreadPool(daemonFactory("openagention-tool"));
        }
    }

    public static ThreadFactory daemonFactory(String prefix) {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, prefix + "-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }
}
