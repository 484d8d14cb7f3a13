// SPDX-License-Identifier: Apache-2.0
package org.openagention.cli.acp;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * What makes an editor session loadable after the agent restarts: its journal directory, mode and
 * model, and its prompts in order, each with the id of the run (journaled) that answered it and
 * that run's final answer. One small JSON file per session under
 * {@code CWD/.openagention/acp-sessions}, replaced atomically on every change.
 */
final class SessionIndex {
    private static final Pattern ID = Pattern.compile("acp-[0-9a-f-]{8,40}");

    /** One prompt of the session and the run that answered it. */
    record Exchange(String runId, String prompt, String answer) {}

    /** A session as stored. */
    record Stored(String id, Path cwd, Path journalDir, String mode, String model, List<Exchange> exchanges) {}

    private SessionIndex() {}

    static Path file(Path cwd, String id) {
        return cwd.resolve(".openagention").resolve("acp-sessions").resolve(id + ".json");
    }

    static void save(Stored s) {
        ObjectNode o = AcpJson.object().put("id", s.id()).put("cwd", s.cwd().toString())
                .put("journalDir", s.journalDir().toString()).put("mode", s.mode()).put("model", s.model());
        ArrayNode list = o.putArray("exchanges");
        for (Exchange e : s.exchanges()) {
            list.add(AcpJson.object().put("runId", e.runId()).put("prompt", e.prompt()).put("answer", e.answer()));
        }
        Path file = file(s.cwd(), s.id());
        try {
            Files.createDirectories(file.getParent());
            Path tmp = file.resolveSibling(s.id() + ".json.tmp");
            Files.writeString(tmp, AcpJson.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(o));
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot save session " + s.id() + " to " + file, e);
        }
    }

    static Optional<Stored> load(Path cwd, String id) {
        if (!ID.matcher(id).matches()) {
            return Optional.empty();
        }
        Path file = file(cwd, id);
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        try {
            JsonNode o = AcpJson.MAPPER.readTree(file.toFile());
            List<Exchange> exchanges = new ArrayList<>();
            for (JsonNode e : o.path("exchanges")) {
                exchanges.add(new Exchange(e.path("runId").asText(), e.path("prompt").asText(), e.path("answer").asText()));
            }
            return Optional.of(new Stored(id, cwd, Path.of(o.path("journalDir").asText()), o.path("mode").asText(),
                    o.path("model").asText(), exchanges));
        } catch (IOException e) {
            throw new JsonRpc.RpcError(JsonRpc.RpcError.INTERNAL, "the session file " + file + " cannot be read: "
                    + e.getMessage());
        }
    }
}
