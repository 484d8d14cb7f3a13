// SPDX-License-Identifier: Apache-2.0
package org.openagention.orchestration.internal;

import java.lang.reflect.Method;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The threads workers run on: a virtual thread per task on JDK 21 and later (found by
 * reflection, since the code is compiled for 17), a bounded pool of platform threads before.
 */
public final class WorkerThreads {
    private static final Logger LOG = LoggerFactory.getLogger(WorkerThreads.class);
    private static final Method VIRTUAL = find();

    private WorkerThreads() {}

    private static Method find() {
        try {
            return Executors.class.getMethod("newVirtualThreadPerTaskExecutor");
        } catch (NoSuchMethodException e) {
            return null;
        }
    }

    /** Whether this JVM gives workers virtual threads. */
    public static boolean virtual() {
        return VIRTUAL != null;
    }

    /**
     * An executor for at most {@code parallelism} workers at once (the supervisor keeps to the
     * limit; the pool on JDK 17 has that many threads plus one for reviews).
     */
    public static ExecutorService newExecutor(int parallelism) {
        if (VIRTUAL != null) {
            try {
                return (ExecutorService) VIRTUAL.invoke(null);
            } catch (ReflectiveOperationException e) {
                LOG.warn("Virtual threads are not available ({}); using a pool of platform threads", e.toString());
            }
        }
        AtomicInteger n = new AtomicInteger();
        ThreadFactory factory = r -> {
            Thread t = new Thread(r, "openagention-worker-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
        return Executors.newFixedThreadPool(parallelism + 1, factory);
    }
}
