// SPDX-License-Identifier: Apache-2.0
package org.openagention.core.journal;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;
import org.openagention.core.internal.Json;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * JSONL files, one per run, each append forced to disk before it returns.
 *
 * <p>Appends are immune to interrupts: they use {@link java.io.FileOutputStream} and
 * {@code FileDescriptor.sync()}, not an interruptible channel, so a run whose thread is
 * interrupted (a time limit, a cancellation) still journals how it ended, and the thread keeps
 * its interrupt flag. The first append to a run in this store heals the file: a damaged tail (a
 * torn or invalid last line, see {@link JournalFile}) is moved to a side file
 * {@code <run>.jsonl.tail-<offset>} next to the journal, with one warning, so the appends that
 * follow start on a clean line. Reads never change the file (another process may be writing it);
 * they stop before a damaged tail. Each run has its own lock: runs do not wait for each other.
 *
 * <p><b>Test hook</b> (off unless set): when the system property
 * {@value #HALT_AFTER_APPEND} holds a number {@code k}, the JVM halts with exit status 137 (as a
 * SIGKILL would) right after the {@code k}-th append of any file store in this JVM has been forced to
 * disk, counting from when the property was last given a new value. Crash-point tests use it to kill
 * a run at every journal append boundary in turn; nothing else should set it.
 */
final class FileJournalStore implements JournalStore {
    private static final Logger LOG = LoggerFactory.getLogger(FileJournalStore.class);
    private static final String SUFFIX = ".jsonl";
    /** The test hook's system property (see the class comment). */
    static final String HALT_AFTER_APPEND = "openagention.test.haltAfterAppend";
    private static final Object HALT_LOCK = new Object();
    private static String haltArmedWith;
    private static long appendsSinceArmed;

    private final Path directory;
    private final Map<String, RunFile> runs = new ConcurrentHashMap<>();
    private final Set<String> tailsWarned = ConcurrentHashMap.newKeySet();

    /** One run's file and what this store knows of it; guarded by its own monitor. */
    private static final class RunFile {
        final Path file;
        /** The last sequence number in the file, or -1 before the file has been scanned and healed. */
        long lastSequence = -1;

        RunFile(Path file) {
            this.file = file;
        }
    }

    FileJournalStore(Path directory) {
        this.directory = directory.toAbsolutePath().normalize();
        try {
            Files.createDirectories(this.directory);
        } catch (IOException e) {
            throw new JournalException("cannot create journal directory " + this.directory + ": "
                    + JournalFile.describe(e), e);
        }
    }

    static void checkRunId(String runId) {
        if (runId.isEmpty() || runId.length() > 128 || runId.startsWith(".")
                || !runId.chars().allMatch(c -> Character.isLetterOrDigit(c) || c == '-' || c == '_' || c == '.')) {
            throw new JournalException("run id '" + runId + "' cannot name a journal file: use letters, digits, '-', '_' and '.'");
        }
    }

    private RunFile runFile(String runId) {
        checkRunId(runId);
        return runs.computeIfAbsent(runId, id -> new RunFile(directory.resolve(id + SUFFIX)));
    }

    @Override
    public JournalEntry append(String runId, String type, String stepId, Instant at, String payloadJson) {
        RunFile run = runFile(runId);
        synchronized (run) {
            if (run.lastSequence < 0) {
                run.lastSequence = heal(run.file, runId);
            }
            long sequence = run.lastSequence + 1;
            JournalEntry entry = new JournalEntry(runId, sequence, type, stepId, at, payloadJson);
            try {
                JournalFile.append(run.file, line(entry));
            } catch (IOException | RuntimeException e) {
                run.lastSequence = -1; // a partial write may be on disk: scan and heal before the next append
                throw new JournalException("cannot append to journal " + run.file + ": " + JournalFile.describe(e), e);
            }
            run.lastSequence = sequence;
            haltIfAsked();
            return entry;
        }
    }

    /** The crash-point test hook: halts the JVM after the k-th append since the property was set. */
    private static void haltIfAsked() {
        String k = System.getProperty(HALT_AFTER_APPEND);
        synchronized (HALT_LOCK) {
            if (k == null) {
                haltArmedWith = null;
                return;
            }
            if (!k.equals(haltArmedWith)) {
                haltArmedWith = k;
                appendsSinceArmed = 0;
            }
            appendsSinceArmed++;
            if (appendsSinceArmed == Long.parseLong(k.strip())) {
                Runtime.getRuntime().halt(137);
            }
        }
    }

    private static byte[] line(JournalEntry entry) {
        ObjectNode line = Json.object();
        line.put("seq", entry.sequence());
        line.put("type", entry.type());
        if (!entry.stepId().isEmpty()) {
            line.put("step", entry.stepId());
        }
        line.put("at", entry.at().toString());
        line.set("data", Json.parseTrusted(entry.payloadJson()));
        return (Json.write(line) + "\n").getBytes(StandardCharsets.UTF_8);
    }

    /** Scans the file, moves a damaged tail aside, and returns how many entries it holds. */
    private static long heal(Path file, String runId) {
        JournalFile.Scan scan = JournalFile.scan(file, runId);
        JournalFile.Tail tail = scan.tail();
        if (tail != null) {
            Path side = JournalFile.moveAside(file, tail);
            LOG.warn("Journal {} had a damaged tail at byte offset {} (line {}: {}); moved its {} bytes to {}, "
                    + "the journal continues from there", file, tail.offset(), tail.line(), tail.problem(),
                    tail.length(), side);
        }
        return scan.entries().size();
    }

    @Override
    public List<JournalEntry> read(String runId) {
        RunFile run = runFile(runId);
        JournalFile.Scan scan;
        synchronized (run) {
            scan = JournalFile.scan(run.file, runId);
        }
        JournalFile.Tail tail = scan.tail();
        if (tail != null && tailsWarned.add(runId + "@" + tail.offset())) {
            LOG.warn("Journal {} has a damaged tail at byte offset {} (line {}: {}); reading stops before it, the next "
                    + "append moves it aside", run.file, tail.offset(), tail.line(), tail.problem());
        }
        return scan.entries();
    }

    @Override
    public List<String> runIds() {
        try (Stream<Path> files = Files.list(directory)) {
            return files.filter(p -> p.getFileName().toString().endsWith(SUFFIX))
                    .sorted(Comparator.comparing(FileJournalStore::created).thenComparing(Path::toString))
                    .map(p -> {
                        String name = p.getFileName().toString();
                        return name.substring(0, name.length() - SUFFIX.length());
                    })
                    .toList();
        } catch (IOException e) {
            throw new JournalException("cannot list journal directory " + directory + ": " + JournalFile.describe(e), e);
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
