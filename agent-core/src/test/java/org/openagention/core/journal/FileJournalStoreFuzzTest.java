// SPDX-License-Identifier: Apache-2.0
package org.openagention.core.journal;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Timeout;
import org.openagention.core.internal.Json;

/**
 * Fuzzes the journal reader of {@link FileJournalStore} with arbitrary file contents: a crash, a
 * full disk or a hand edit can leave any bytes in a journal. The contract: reading returns the
 * entries or throws a {@link JournalException} that says what is wrong; appending to what was read
 * and reading again keeps that contract, and a read that succeeds after the append gives the
 * entries read before it (none lost, none changed) followed by the appended entry.
 *
 * <p>Seeds: {@code src/test/resources/org/openagention/core/journal/FileJournalStoreFuzzTestInputs/}.
 */
class FileJournalStoreFuzzTest {
    private static final String RUN = "fuzz-run";
    private static final Instant T = Instant.parse("2026-01-01T00:00:00Z");
    private static final Path DIR = createDirectory();

    @FuzzTest
    @Timeout(20)
    void readsAnyFileOrSaysWhatIsWrong(byte[] journal) throws IOException {
        clear();
        Files.write(DIR.resolve(RUN + ".jsonl"), journal);

        List<JournalEntry> before = readOrRefuse(JournalStore.file(DIR));
        JournalStore store = JournalStore.file(DIR);
        JournalEntry appended;
        try {
            appended = store.append(RUN, "fuzz.appended", "step-1", T, "{\"ok\":true}");
        } catch (JournalException e) {
            assertThat(e.getMessage()).isNotBlank();
            return;
        }
        List<JournalEntry> after = readOrRefuse(JournalStore.file(DIR));
        if (after != null) {
            assertThat(after).isNotEmpty();
            assertThat(after.get(after.size() - 1)).isEqualTo(appended);
            if (before != null) {
                assertThat(after.subList(0, after.size() - 1)).as("the entries read before the append")
                        .isEqualTo(before);
            }
        }
    }

    /** The entries, or null when the reader refused the file with a clear {@link JournalException}. */
    private static List<JournalEntry> readOrRefuse(JournalStore store) {
        List<JournalEntry> entries;
        try {
            entries = store.read(RUN);
        } catch (JournalException e) {
            assertThat(e.getMessage()).isNotBlank();
            return null;
        }
        for (JournalEntry entry : entries) {
            assertThat(entry.runId()).isEqualTo(RUN);
            Json.parseTrusted(entry.payloadJson()); // the payload handed on is JSON
        }
        return entries;
    }

    private static void clear() throws IOException {
        try (Stream<Path> files = Files.list(DIR)) {
            for (Path f : (Iterable<Path>) files::iterator) {
                Files.delete(f);
            }
        }
    }

    private static Path createDirectory() {
        try {
            Path dir = Files.createTempDirectory("journal-fuzz");
            dir.toFile().deleteOnExit();
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
