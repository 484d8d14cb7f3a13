// SPDX-License-Identifier: Apache-2.0
package org.openagention.core.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;

/**
 * What a process holds that a leak would grow: live threads (without the JVM's own and the common
 * pool's, which come and go on their own), open file descriptors (Linux's {@code /proc/self/fd};
 * -1 where there is none) and child processes.
 */
record ResourceCensus(List<String> threads, long fds, long children) {
    private static final Path FD_DIR = Path.of("/proc/self/fd");
    private static final List<String> JVM_NOISE = List.of("ForkJoinPool.commonPool-worker", "Reference Handler",
            "Finalizer", "Signal Dispatcher", "Attach Listener", "Common-Cleaner", "Notification Thread",
            "process reaper", "surefire-forkedjvm", "last-ditch-daemon-thread");

    static boolean fdsCountable() {
        return Files.isDirectory(FD_DIR);
    }

    static ResourceCensus take() {
        List<String> threads = Thread.getAllStackTraces().keySet().stream().filter(Thread::isAlive)
                .map(Thread::getName).filter(name -> JVM_NOISE.stream().noneMatch(name::startsWith)).sorted().toList();
        long fds = -1;
        if (fdsCountable()) {
            try (Stream<Path> open = Files.list(FD_DIR)) {
                fds = open.count();
            } catch (IOException e) {
                fds = -1;
            }
        }
        long children;
        try (Stream<ProcessHandle> kids = ProcessHandle.current().children()) {
            children = kids.count();
        }
        return new ResourceCensus(threads, fds, children);
    }

    /** Whether nothing here exceeds {@code baseline}. */
    boolean withinBaseline(ResourceCensus baseline) {
        return threads.size() <= baseline.threads.size() && fds <= baseline.fds && children <= baseline.children;
    }

    /**
     * Takes censuses until one is within {@code baseline} or {@code deadline} passes; returns the
     * last. Between tries it asks for a garbage collection, which is what releases a JDK 17
     * {@code HttpClient}'s selector thread and pooled connections once the client is unreachable.
     */
    static ResourceCensus settle(ResourceCensus baseline, Duration deadline) throws InterruptedException {
        long end = System.nanoTime() + deadline.toNanos();
        ResourceCensus now = take();
        while (!now.withinBaseline(baseline) && System.nanoTime() < end) {
            System.gc();
            Thread.sleep(100); // polling a process-wide count: nothing to wait on
            now = take();
        }
        return now;
    }

    @Override
    public String toString() {
        return threads.size() + " threads, " + (fds < 0 ? "fds not countable" : fds + " open fds") + ", " + children
                + " child processes";
    }
}
