// SPDX-License-Identifier: Apache-2.0
package org.openagention.core.journal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Instant;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** An interrupt (a time limit, a cancellation) never breaks a journal write. */
class JournalInterruptTest {
    private static final Instant T = Instant.parse("2026-01-01T00:00:00Z");

    @TempDir
    Path dir;

    @Test
    void appendFromAnInterruptedThreadSucceedsAndKeepsTheFlag() {
        JournalStore store = JournalStore.file(dir);
        store.append("r", "run.started", "", T, "{}");
        Thread.currentThread().interrupt();
        try {
            JournalEntry entry = store.append("r", "run.finished", "", T, "{\"stopReason\":\"TIMEOUT\"}");
            assertThat(entry.sequence()).isEqualTo(2);
            assertThat(store.read("r")).extracting(JournalEntry::type).containsExactly("run.started", "run.finished");
            assertThat(Thread.currentThread().isInterrupted()).isTrue();
        } finally {
            Thread.interrupted();
        }
        assertThat(JournalStore.file(dir).read("r")).hasSize(2);
    }

    @Test
    void firstAppendToAnExistingJournalFromAnInterruptedThreadHealsAndAppends() {
        JournalStore.file(dir).append("r", "run.started", "", T, "{}");
        JournalStore reopened = JournalStore.file(dir);
        Thread.currentThread().interrupt();
        try {
            assertThat(reopened.append("r", "run.finished", "", T, "{}").sequence()).isEqualTo(2);
            assertThat(Thread.currentThread().isInterrupted()).isTrue();
        } finally {
            Thread.interrupted();
        }
    }

    @Test
    void threadInterruptedAgainAndAgainWhileAppendingLosesNoEntry() throws Exception {
        JournalStore store = JournalStore.file(dir);
        int total = 300;
        CountDownLatch started = new CountDownLatch(1);
        AtomicReference<Throwable> failure = new AtomicReference<>();
        AtomicBoolean sawInterrupt = new AtomicBoolean();
        Thread writer = new Thread(() -> {
            try {
                for (int i = 1; i <= total; i++) {
                    store.append("r", "step", "s-" + i, T, "{\"i\":" + i + "}");
                    started.countDown();
                    if (Thread.interrupted()) {
                        sawInterrupt.set(true);
                    }
                }
            } catch (Throwable t) {
                failure.set(t);
            }
        }, "journal-writer");
        writer.start();
        assertThat(started.await(10, TimeUnit.SECONDS)).isTrue();
        while (writer.isAlive()) {
            writer.interrupt();
            Thread.onSpinWait();
        }
        writer.join();

        assertThat(failure.get()).isNull();
        assertThat(sawInterrupt).isTrue();
        assertThat(JournalStore.file(dir).read("r")).extracting(JournalEntry::sequence)
                .containsExactlyElementsOf(LongStream.rangeClosed(1, total).boxed().toList());
    }
}
