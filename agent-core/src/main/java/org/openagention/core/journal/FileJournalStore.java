package org.openagention.core.journal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.openagention.core.internal.Json;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** JSONL files, one per run, each append forced to disk. */
final class FileJournalStore implements JournalStore {
    private static final Logger LOG = LoggerFactory.getLogger(FileJournalStore.class);
    private static final String SUFFIX = ".jsonl";

    private final Path directory;
    private final Map<String, Long> lastSequence = new HashMap<>();

    FileJournalStore(Path directory) {
        this.directory = directory.toAbsolutePath().normalize();
        try {
            Files.createDirectories(this.directory);
        } catch (IOException e) {
            throw new JournalException("cannot create journal directory " + this.directory + ": " + e.getMessage(), e);
        }
    }

    static void checkRunId(String runId) {
        if (runId.isEmpty() || runId.length() > 128 || runId.startsWith(".")
                || !runId.chars().allMatch(c -> Character.isLetterOrDigit(c) || c == '-' || c == '_' || c == '.')) {
            throw new JournalException("run id '" + runId + "' cannot name a journal file: use letters, digits, '-', '_' and '.'");
        }
    }

    private Path fileOf(String runId) {
        checkRunId(runId);
        return directory.resolve(runId + SUFFIX);
    }

    @Override
    public synchronized JournalEntry append(String runId, String type, String stepId, Instant at, String payloadJson) {
        Path file = fileOf(runId);
        long sequence = lastSequence.computeIfAbsent(runId, id -> {
            repairTail(file);
            return (long) read(id).size();
        }) + 1;
        JournalEntry entry = new JournalEntry(runId, sequence, type, stepId, at, payloadJson);
        ObjectNode line = Json.object();
        line.put("seq", sequence);
        line.put("type", type);
        if (!stepId.isEmpty()) {
            line.put("step", stepId);
        }
        line.put("at", at.toString());
        line.set("data", Json.parseTrusted(payloadJson));
        byte[] bytes = (Json.write(line) + "\n").getBytes(StandardCharsets.UTF_8);
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.APPEND)) {
            ByteBuffer buf = ByteBuffer.wrap(bytes);
            while (buf.hasRemaining()) {
                ch.write(buf);
            }
            ch.force(false);
        } catch (IOException e) {
            throw new JournalException("cannot append to journal " + file + ": " + e.getMessage(), e);
        }
        lastSequence.put(runId, sequence);
        return entry;
    }

    /** Cuts a partial last line left by a process killed mid-write, so the next append starts clean. */
    private static void repairTail(Path file) {
        if (!Files.exists(file)) {
            return;
        }
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            long size = ch.size();
            long keep = size;
            ByteBuffer one = ByteBuffer.allocate(1);
            while (keep > 0) {
                one.clear();
                ch.read(one, keep - 1);
                if (one.get(0) == '\n' || one.get(0) == '\r') {
                    break; // the line terminators read() splits on
                }
                keep--;
            }
            if (keep < size) {
                ByteBuffer tail = ByteBuffer.allocate((int) Math.min(size - keep, Integer.MAX_VALUE - 8));
                ch.read(tail, keep);
                if (isEntry(new String(tail.array(), 0, tail.position(), StandardCharsets.UTF_8))) {
                    // A whole entry that lost only its newline: read() returns it, so keep it.
                    ch.write(ByteBuffer.wrap(new byte[] {'\n'}), size);
                    ch.force(true);
                    return;
                }
                LOG.warn("Cutting an incomplete last line ({} bytes) from journal {}", size - keep, file);
                ch.truncate(keep);
                ch.force(true);
            }
        } catch (IOException e) {
            throw new JournalException("cannot repair journal " + file + ": " + e.getMessage(), e);
        }
    }

    @Override
    public synchronized List<JournalEntry> read(String runId) {
        Path file = fileOf(runId);
        if (!Files.exists(file)) {
            return List.of();
        }
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new JournalException("cannot read journal " + file + ": " + e.getMessage(), e);
        }
        List<JournalEntry> entries = new ArrayList<>(lines.size());
        for (int i = 0; i < lines.size(); i++) {
            String text = lines.get(i);
            if (text.isBlank()) {
                continue;
            }
            try {
                entries.add(entry(runId, text));
            } catch (Exception e) {
                if (i == lines.size() - 1) {
                    // A process killed mid-write leaves a partial last line; everything before it stands.
                    LOG.warn("Ignoring the incomplete last line {} of journal {}", i + 1, file);
                    continue;
                }
                throw new JournalException("journal " + file + " line " + (i + 1) + " is not a journal entry: "
                        + e.getMessage(), e);
            }
        }
        return entries;
    }

    private static JournalEntry entry(String runId, String line) throws Exception {
        JsonNode node = Json.parse(line);
        return new JournalEntry(runId, node.get("seq").asLong(), node.get("type").asText(),
                Json.text(node, "step", ""), Instant.parse(node.get("at").asText()), Json.write(node.get("data")));
    }

    /** Whether {@link #read} takes {@code line} as an entry. */
    private static boolean isEntry(String line) {
        try {
            entry("-", line.strip());
            return !line.isBlank();
        } catch (Exception e) {
            return false;
        }
    }

    @Override
    public synchronized List<String> runIds() {
        try (Stream<Path> files = Files.list(directory)) {
            return files.filter(p -> p.getFileName().toString().endsWith(SUFFIX))
                    .sorted(Comparator.comparing(FileJournalStore::created).thenComparing(Path::toString))
                    .map(p -> {
                        String name = p.getFileName().toString();
                        return name.substring(0, name.length() - SUFFIX.length());
                    })
                    .toList();
        } catch (IOException e) {
            throw new JournalException("cannot list journal directory " + directory + ": " + e.getMessage(), e);
        }
    }

    private static Instant created(Path p) {
        try {
            return Files.readAttributes(p, BasicFileAttributes.class).creationTime().toInstant();
        } catch (IOException e) {
            return Instant.EPOCH;
        }
    }
}
