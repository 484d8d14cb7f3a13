// SPDX-License-Identifier: Apache-2.0
package org.openagention.core.journal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A damaged tail is moved aside byte for byte; damage in the middle is refused. */
class JournalHealingTest {
    private static final Instant T = Instant.parse("2026-01-01T00:00:00Z");

    @TempDir
    Path dir;

    /** A journal of three good entries, with {@code tail} appended as raw bytes; returns the good length. */
    private long journalWithTail(byte[] tail) throws Exception {
        JournalStore store = JournalStore.file(dir);
        store.append("r", "run.started", "", T, "{\"input\":\"héllo\"}");
        store.append("r", "model.response", "turn-1/model", T, "{\"text\":\"ok\"}");
        store.append("r", "tool.result", "turn-1/tool/a", T, "{\"text\":\"done\"}");
        long good = Files.size(journal());
        Files.write(journal(), tail, StandardOpenOption.APPEND);
        return good;
    }

    private Path journal() {
        return dir.resolve("r.jsonl");
    }

    private List<Path> sideFiles() throws Exception {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(p -> p.getFileName().toString().startsWith("r.jsonl.tail-")).sorted().toList();
        }
    }

    /** Reads, appends, re-reads and reopens; checks that the tail went to one side file, exactly. */
    private void assertHealsKeepingTheBytes(byte[] tail) throws Exception {
        long good = journalWithTail(tail);
        JournalStore reopened = JournalStore.file(dir);
        assertThat(reopened.read("r")).extracting(JournalEntry::type)
                .containsExactly("run.started", "model.response", "tool.result");
        assertThat(sideFiles()).as("reading never changes the file").isEmpty();

        String log = capturingStderr(() -> reopened.append("r", "run.resumed", "", T, "{}"));
        assertThat(log.lines().filter(l -> l.contains("WARN"))).singleElement().satisfies(line -> assertThat(line)
                .contains(journal().toString()).contains("byte offset " + good));
        assertThat(sideFiles()).containsExactly(dir.resolve("r.jsonl.tail-" + good));
        assertThat(Files.readAllBytes(sideFiles().get(0))).isEqualTo(tail);

        reopened.append("r", "run.finished", "", T, "{\"stopReason\":\"COMPLETED\"}");
        byte[] bytes = Files.readAllBytes(journal());
        assertThat(bytes[(int) good - 1]).isEqualTo((byte) '\n');
        assertThat(new String(bytes, StandardCharsets.UTF_8).lines()).hasSize(5);
        for (JournalStore store : List.of(reopened, JournalStore.file(dir))) {
            assertThat(store.read("r")).extracting(JournalEntry::type, JournalEntry::sequence).containsExactly(
                    org.assertj.core.groups.Tuple.tuple("run.started", 1L),
                    org.assertj.core.groups.Tuple.tuple("model.response", 2L),
                    org.assertj.core.groups.Tuple.tuple("tool.result", 3L),
                    org.assertj.core.groups.Tuple.tuple("run.resumed", 4L),
                    org.assertj.core.groups.Tuple.tuple("run.finished", 5L));
        }
        assertThat(JournalStore.file(dir).append("r", "again", "", T, "{}").sequence()).isEqualTo(6);
        assertThat(sideFiles()).hasSize(1);
    }

    @Test
    void tornPartialLastLineIsMovedAside() throws Exception {
        assertHealsKeepingTheBytes("{\"seq\":4,\"type\":\"tool.res".getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void completeButInvalidLastLineIsMovedAsideAndNeverBreaksTheJournalLater() throws Exception {
        assertHealsKeepingTheBytes("garbage appended by someone\n".getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void validJsonThatIsNotAnEntryOrHasTrailingGarbageIsATailToo() throws Exception {
        assertHealsKeepingTheBytes("{\"seq\":4,\"type\":\"x\",\"at\":\"2026-01-01T00:00:00Z\",\"data\":{}}junk\n"
                .getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void lastLineThatCutsAMultiByteCharacterIsMovedAside() throws Exception {
        byte[] full = "{\"seq\":4,\"type\":\"tool.result\",\"at\":\"2026-01-01T00:00:00Z\",\"data\":{\"text\":\"日本\"}}\n"
                .getBytes(StandardCharsets.UTF_8);
        int cut = new String(full, StandardCharsets.UTF_8).indexOf('本');
        int byteCut = ("{\"seq\":4,\"type\":\"tool.result\",\"at\":\"2026-01-01T00:00:00Z\",\"data\":{\"text\":\"日"
                .getBytes(StandardCharsets.UTF_8).length) + 1; // one byte into the three bytes of 本
        assertThat(cut).isPositive();
        assertHealsKeepingTheBytes(Arrays.copyOf(full, byteCut));
    }

    @Test
    void cutMultiByteCharacterFollowedByANewlineIsMovedAside() throws Exception {
        byte[] prefix = "{\"seq\":4,\"type\":\"t\",\"at\":\"2026-01-01T00:00:00Z\",\"data\":{\"text\":\"日"
                .getBytes(StandardCharsets.UTF_8);
        byte[] tail = Arrays.copyOf(prefix, prefix.length + 1);
        tail[prefix.length - 1] = (byte) 0xE6; // a lead byte without its continuation bytes
        tail[prefix.length] = '\n';
        assertHealsKeepingTheBytes(tail);
    }

    @Test
    void damageInTheMiddleIsRefusedWithItsLineAndByteOffset() throws Exception {
        long good = journalWithTail(("garbage\n{\"seq\":4,\"type\":\"a\",\"at\":\"2026-01-01T00:00:00Z\",\"data\":{}}\n")
                .getBytes(StandardCharsets.UTF_8));
        JournalStore store = JournalStore.file(dir);
        assertThatThrownBy(() -> store.read("r")).isInstanceOf(JournalException.class)
                .hasMessageContaining("r.jsonl line 4 is not a journal entry (byte offset " + good + ")")
                .hasMessageContaining("damage in the middle");
        assertThatThrownBy(() -> store.append("r", "x", "", T, "{}")).isInstanceOf(JournalException.class)
                .hasMessageContaining("line 4");
        assertThat(sideFiles()).isEmpty();
    }

    @Test
    void aSecondHealAtTheSameOffsetNeverOverwritesTheFirstSideFile() throws Exception {
        long good = journalWithTail("first\n".getBytes(StandardCharsets.UTF_8));
        JournalStore.file(dir).append("r", "x", "", T, "{}");
        byte[] bytes = Files.readAllBytes(journal());
        Files.write(journal(), Arrays.copyOf(bytes, (int) good)); // drop the new entry again
        Files.write(journal(), "second".getBytes(StandardCharsets.UTF_8), StandardOpenOption.APPEND);
        JournalStore.file(dir).append("r", "y", "", T, "{}");
        assertThat(sideFiles()).containsExactly(dir.resolve("r.jsonl.tail-" + good),
                dir.resolve("r.jsonl.tail-" + good + "-2"));
        assertThat(Files.readString(sideFiles().get(0))).isEqualTo("first\n");
        assertThat(Files.readString(sideFiles().get(1))).isEqualTo("second");
    }

    @Test
    void aJournalThatIsOnlyATornLineHealsToEmpty() throws Exception {
        Files.writeString(journal(), "{\"seq\":1,\"ty");
        JournalStore store = JournalStore.file(dir);
        assertThat(store.read("r")).isEmpty();
        assertThat(store.append("r", "run.started", "", T, "{}").sequence()).isEqualTo(1);
        assertThat(Files.readString(dir.resolve("r.jsonl.tail-0"))).isEqualTo("{\"seq\":1,\"ty");
        assertThat(store.runIds()).containsExactly("r");
    }

    private static String capturingStderr(Runnable action) {
        PrintStream original = System.err;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            action.run();
        } finally {
            System.setErr(original);
        }
        return captured.toString(StandardCharsets.UTF_8);
    }
}
