// SPDX-License-Identifier: Apache-2.0
package org.openagention.core.journal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileJournalStoreTest {
    @TempDir
    Path dir;

    private static final Instant T = Instant.parse("2026-01-01T00:00:00Z");

    @Test
    void appendedEntriesReadBackInOrderAcrossStoreInstances() {
        JournalStore store = JournalStore.file(dir);
        store.append("run-1", "run.started", "", T, "{\"input\":\"hi\"}");
        store.append("run-1", "tool.result", "turn-1/tool/0-a", T.plusSeconds(1), "{\"text\":\"ok\"}");
        store.append("run-2", "run.started", "", T, "{}");

        JournalStore reopened = JournalStore.file(dir);
        assertThat(reopened.read("run-1")).containsExactly(
                new JournalEntry("run-1", 1, "run.started", "", T, "{\"input\":\"hi\"}"),
                new JournalEntry("run-1", 2, "tool.result", "turn-1/tool/0-a", T.plusSeconds(1), "{\"text\":\"ok\"}"));
        assertThat(reopened.runIds()).containsExactlyInAnyOrder("run-1", "run-2");
        assertThat(reopened.append("run-1", "run.finished", "", T, "{}").sequence()).isEqualTo(3);
        assertThat(reopened.read("unknown")).isEmpty();
    }

    @Test
    void partialLastLineFromAKilledWriterIsCutAndAppendsContinue() throws Exception {
        JournalStore store = JournalStore.file(dir);
        store.append("r", "a", "", T, "{}");
        Files.writeString(dir.resolve("r.jsonl"), "{\"seq\":2,\"type\":\"b\",\"at\":\"2026-", StandardOpenOption.APPEND);

        JournalStore reopened = JournalStore.file(dir);
        assertThat(reopened.read("r")).hasSize(1);
        assertThat(reopened.append("r", "c", "", T, "{}").sequence()).isEqualTo(2);
        assertThat(reopened.read("r")).extracting(JournalEntry::type).containsExactly("a", "c");
    }

    @Test
    void corruptLineInTheMiddleIsReportedWithFileAndLine() throws Exception {
        Files.writeString(dir.resolve("r.jsonl"), "{\"seq\":1,\"type\":\"a\",\"at\":\"2026-01-01T00:00:00Z\",\"data\":{}}\n"
                + "garbage\n{\"seq\":3,\"type\":\"a\",\"at\":\"2026-01-01T00:00:00Z\",\"data\":{}}\n", StandardCharsets.UTF_8);
        assertThatThrownBy(() -> JournalStore.file(dir).read("r")).isInstanceOf(JournalException.class)
                .hasMessageContaining("r.jsonl line 2 is not a journal entry");
    }

    @Test
    void runIdThatCannotNameAFileIsRefused() {
        JournalStore store = JournalStore.file(dir);
        assertThatThrownBy(() -> store.append("../escape", "a", "", T, "{}")).isInstanceOf(JournalException.class)
                .hasMessageContaining("run id '../escape' cannot name a journal file");
    }

    @Test
    void inMemoryStoreNumbersEntriesPerRun() {
        JournalStore store = JournalStore.inMemory();
        store.append("a", "x", "", T, "{}");
        store.append("b", "x", "", T, "{}");
        assertThat(store.append("a", "y", "", T, "{}").sequence()).isEqualTo(2);
        assertThat(store.runIds()).containsExactly("a", "b");
    }
}
