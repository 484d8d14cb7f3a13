// SPDX-License-Identifier: Apache-2.0
package org.openagention.core.journal;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectReader;
import java.io.FileInputStream;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.RandomAccessFile;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.openagention.core.internal.Json;

/**
 * Reads one run's JSONL journal and moves a damaged tail aside.
 *
 * <p>Every line is decoded as strict UTF-8 on its own, so bytes cut in the middle of a character
 * spoil only their line. The valid prefix of the file is the journal; from the first line that is
 * not an entry (or an incomplete last line without its newline) to the end of the file is the
 * <em>tail</em>, provided no valid entry follows it. An invalid line followed by a valid one is
 * damage in the middle, which is refused: a journal with a hole cannot be trusted for a resume.
 *
 * <p>All I/O goes through {@link FileInputStream}, {@link FileOutputStream} and
 * {@link RandomAccessFile} (not interruptible channels): a thread whose interrupt flag is set, or
 * that is interrupted while it works, still reads, appends and forces to disk, and keeps its flag.
 */
final class JournalFile {
    /** Strict: {@code {...}garbage} on one line is not an entry. */
    private static final ObjectReader STRICT = Json.MAPPER.reader()
            .with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    /** A damaged tail: from {@code offset} (the start of line {@code line}) to the end of the file. */
    record Tail(long offset, int line, long length, String problem) {}

    /** What a journal file holds: its entries and, if any, the damaged tail after them. */
    record Scan(List<JournalEntry> entries, Tail tail) {}

    private JournalFile() {}

    static Scan scan(Path file, String runId) {
        byte[] bytes;
        try {
            bytes = readAll(file);
        } catch (NoSuchFileException e) {
            return new Scan(List.of(), null);
        } catch (IOException e) {
            throw new JournalException("cannot read journal " + file + ": " + describe(e), e);
        }
        List<JournalEntry> entries = new ArrayList<>();
        Tail bad = null;
        int pos = 0;
        int line = 0;
        while (pos < bytes.length) {
            line++;
            int nl = indexOf(bytes, (byte) '\n', pos);
            if (nl < 0) {
                if (bad == null) {
                    bad = new Tail(pos, line, bytes.length - pos, "an incomplete last line (no newline at its end)");
                }
                break;
            }
            if (!isBlank(bytes, pos, nl)) {
                try {
                    JournalEntry entry = parse(runId, bytes, pos, nl);
                    if (bad != null) {
                        throw new JournalException("journal " + file + " line " + bad.line() + " is not a journal entry"
                                + " (byte offset " + bad.offset() + "): " + bad.problem() + "; valid entries follow it"
                                + " (line " + line + "), so it is damage in the middle, not a torn tail");
                    }
                    entries.add(entry);
                } catch (BadLine e) {
                    if (bad == null) {
                        bad = new Tail(pos, line, 0, e.getMessage());
                    }
                }
            }
            pos = nl + 1;
        }
        if (bad != null) {
            bad = new Tail(bad.offset(), bad.line(), bytes.length - bad.offset(), bad.problem());
        }
        return new Scan(List.copyOf(entries), bad);
    }

    /**
     * Copies the tail's bytes to a new side file next to the journal, forces it to disk, and only
     * then cuts the journal back to the tail's offset. Returns the side file.
     */
    static Path moveAside(Path file, Tail tail) {
        Path side = sideFile(file, tail.offset());
        try {
            byte[] moved = new byte[Math.toIntExact(tail.length())];
            try (RandomAccessFile journal = new RandomAccessFile(file.toFile(), "rw")) {
                journal.seek(tail.offset());
                journal.readFully(moved);
                try (FileOutputStream out = new FileOutputStream(side.toFile())) {
                    out.write(moved);
                    out.getFD().sync();
                }
                journal.setLength(tail.offset());
                journal.getFD().sync();
            }
        } catch (IOException | RuntimeException e) {
            throw new JournalException("cannot move the damaged tail of journal " + file + " (from byte "
                    + tail.offset() + ") aside to " + side + ": " + describe(e), e);
        }
        return side;
    }

    /** Appends {@code line} (which ends with a newline) and forces it to disk. */
    static void append(Path file, byte[] line) throws IOException {
        try (FileOutputStream out = new FileOutputStream(file.toFile(), true)) {
            out.write(line);
            out.getFD().sync();
        }
    }

    /** {@code <run>.jsonl.tail-<offset>}, or with a {@code -2}, {@code -3}... suffix if taken: never overwritten. */
    private static Path sideFile(Path file, long offset) {
        String base = file.getFileName() + ".tail-" + offset;
        Path side = file.resolveSibling(base);
        for (int n = 2; Files.exists(side); n++) {
            side = file.resolveSibling(base + "-" + n);
        }
        return side;
    }

    private static JournalEntry parse(String runId, byte[] bytes, int from, int to) throws BadLine {
        String text;
        CharsetDecoder utf8 = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        try {
            text = utf8.decode(ByteBuffer.wrap(bytes, from, to - from)).toString();
        } catch (CharacterCodingException e) {
            throw new BadLine("bytes that are not valid UTF-8");
        }
        JsonNode node;
        try {
            node = STRICT.readTree(text);
        } catch (IOException e) {
            throw new BadLine("not JSON");
        }
        if (node == null || !node.isObject()) {
            throw new BadLine("not a JSON object");
        }
        JsonNode seq = node.get("seq");
        JsonNode type = node.get("type");
        JsonNode at = node.get("at");
        JsonNode data = node.get("data");
        JsonNode step = node.get("step");
        if (seq == null || !seq.canConvertToLong() || !seq.isIntegralNumber() || type == null
                || !type.isTextual() || at == null || !at.isTextual() || data == null
                || (step != null && !step.isTextual())) {
            throw new BadLine("not an object with seq, type, at and data");
        }
        Instant when;
        try {
            when = Instant.parse(at.asText());
        } catch (RuntimeException e) {
            throw new BadLine("an 'at' that is not an instant: " + at.asText());
        }
        return new JournalEntry(runId, seq.asLong(), type.asText(), step == null ? "" : step.asText(), when,
                Json.write(data));
    }

    private static byte[] readAll(Path file) throws IOException {
        try (InputStream in = new FileInputStream(file.toFile())) {
            return in.readAllBytes();
        } catch (java.io.FileNotFoundException e) {
            if (!Files.exists(file)) {
                throw new NoSuchFileException(file.toString());
            }
            throw e;
        }
    }

    private static int indexOf(byte[] bytes, byte b, int from) {
        for (int i = from; i < bytes.length; i++) {
            if (bytes[i] == b) {
                return i;
            }
        }
        return -1;
    }

    private static boolean isBlank(byte[] bytes, int from, int to) {
        for (int i = from; i < to; i++) {
            if (bytes[i] != ' ' && bytes[i] != '\t' && bytes[i] != '\r') {
                return false;
            }
        }
        return true;
    }

    /** The cause's class and, when it has one, its message: never a bare {@code null}. */
    static String describe(Throwable e) {
        String message = e.getMessage();
        return e.getClass().getSimpleName() + (message == null || message.isBlank() ? "" : ": " + message);
    }

    /** A line that is not a journal entry; its message says why. */
    private static final class BadLine extends Exception {
        BadLine(String why) {
            super(why, null, false, false);
        }
    }
}
