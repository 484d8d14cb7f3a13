// SPDX-License-Identifier: Apache-2.0
package org.openagention.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The approval channel between a running {@code run --web-approvals} and {@code serve}: files in
 * the journal directory's {@code approvals} folder. The run writes {@code <id>.json} for a call
 * waiting for a decision; the console writes {@code <id>.decision.json} (created exclusively, so the
 * first decision wins); the run reads it, then removes both. Every file is written whole (a
 * temporary file moved into place), so a reader never sees half of one.
 */
final class ApprovalFiles implements ApprovalSource {
    private static final Pattern ID = Pattern.compile("[A-Za-z0-9_-]{1,80}");

    /** A call waiting for a decision, as the run wrote it. */
    record Pending(String id, String runId, int turn, String tool, String arguments, String rule, String askedAt) {}

    private final Path dir;

    ApprovalFiles(Path journalDir) {
        this.dir = journalDir.resolve("approvals");
    }

    Path dir() {
        return dir;
    }

    static boolean validId(String id) {
        return ID.matcher(id).matches();
    }

    void ask(Pending p) {
        ObjectNode o = EventJson.JSON.createObjectNode().put("id", p.id()).put("runId", p.runId()).put("turn", p.turn())
                .put("tool", p.tool()).put("arguments", p.arguments()).put("rule", p.rule()).put("askedAt", p.askedAt());
        write(dir.resolve(p.id() + ".json"), o, false);
    }

    /**
     * Records a decision on {@code id}; false when no such call is waiting or it was decided
     * already.
     */
    @Override
    public boolean decide(String id, boolean approved, String reason) {
        if (!validId(id) || !Files.isRegularFile(dir.resolve(id + ".json"))) {
            return false;
        }
        ObjectNode o = EventJson.JSON.createObjectNode().put("approved", approved).put("reason", reason);
        return write(dir.resolve(id + ".decision.json"), o, true);
    }

    /** The decision on {@code id}, once there is one: approved and the reason. */
    Optional<JsonNode> decision(String id) {
        Path f = dir.resolve(id + ".decision.json");
        if (!Files.isRegularFile(f)) {
            return Optional.empty();
        }
        try {
            return Optional.of(EventJson.JSON.readTree(f.toFile()));
        } catch (IOException e) {
            return Optional.empty(); // being written: read again on the next look
        }
    }

    /** Removes both files of {@code id}. */
    void done(String id) {
        try {
            Files.deleteIfExists(dir.resolve(id + ".decision.json"));
            Files.deleteIfExists(dir.resolve(id + ".json"));
        } catch (IOException e) {
            // left behind: the console lists it until it is removed
        }
    }

    /** The calls waiting for a decision now, oldest first. */
    @Override
    public List<Pending> pending() {
        List<Pending> out = new ArrayList<>();
        if (!Files.isDirectory(dir)) {
            return out;
        }
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, "*.json")) {
            for (Path f : files) {
                String name = f.getFileName().toString();
                String id = name.substring(0, name.length() - ".json".length());
                if (name.endsWith(".decision.json") || Files.exists(dir.resolve(id + ".decision.json"))) {
                    continue;
                }
                try {
                    JsonNode o = EventJson.JSON.readTree(f.toFile());
                    out.add(new Pending(id, o.path("runId").asText(), o.path("turn").asInt(), o.path("tool").asText(),
                            o.path("arguments").asText(), o.path("rule").asText(), o.path("askedAt").asText()));
                } catch (IOException e) {
                    // gone or being replaced: seen on the next look
                }
            }
        } catch (IOException e) {
            return out;
        }
        out.sort((a, b) -> a.askedAt().compareTo(b.askedAt()));
        return out;
    }

    private boolean write(Path target, JsonNode o, boolean exclusive) {
        try {
            Files.createDirectories(dir);
            Path tmp = Files.createTempFile(dir, ".tmp-", ".part");
            Files.writeString(tmp, EventJson.JSON.writeValueAsString(o));
            try {
                if (exclusive) {
                    try {
                        Files.createLink(target, tmp); // fails if a decision is there already
                        return true;
                    } catch (FileAlreadyExistsException e) {
                        return false;
                    } catch (UnsupportedOperationException e) {
                        if (Files.exists(target)) {
                            return false;
                        }
                    }
                }
                try {
                    Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
                } catch (AtomicMoveNotSupportedException e) {
                    Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
                }
                return true;
            } finally {
                Files.deleteIfExists(tmp);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + target, e);
        }
    }
}
