// SPDX-License-Identifier: Apache-2.0
package org.openagention.cli.acp;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.openagention.cli.ApprovalMode;
import org.openagention.cli.Git;
import org.openagention.core.tool.Tool;

/**
 * The agent side of ACP: answers the editor's {@code initialize}, {@code session/new},
 * {@code session/load}, {@code session/prompt}, {@code session/set_mode},
 * {@code session/set_config_option} and {@code authenticate} requests and its
 * {@code session/cancel} notifications. Sessions live as long as the process; their history
 * lives in their journals and indexes, so a restarted agent loads them again. The MCP servers an
 * editor passes with a session ({@link EditorMcpServers}) run until {@link #close}.
 */
final class AcpAgent implements JsonRpc.Handler, AutoCloseable {
    static final int PROTOCOL_VERSION = 1;

    /** What every session of this process starts from. */
    record Settings(SessionConfig config, ApprovalMode mode, Path journalDir, int maxTurns, String version) {}

    private final Settings settings;
    private final EditorClient editor;
    private final Map<String, AcpSession> sessions = new ConcurrentHashMap<>();
    private final List<EditorMcpServers> mcpServers = new CopyOnWriteArrayList<>();

    AcpAgent(Settings settings, EditorClient editor) {
        this.settings = settings;
        this.editor = editor;
    }

    @Override
    public JsonNode request(String method, JsonNode params) {
        return switch (method) {
            case "initialize" -> initialize(params);
            case "authenticate" -> AcpJson.object();
            case "session/new" -> newSession(params);
            case "session/load" -> load(params);
            case "session/prompt" -> AcpJson.object().put("stopReason",
                    session(params).prompt(params.path("prompt")));
            case "session/set_mode" -> {
                session(params).mode(AcpJson.required(params, "modeId"));
                yield AcpJson.object();
            }
            case "session/set_config_option" -> setConfigOption(params);
            default -> throw new JsonRpc.RpcError(JsonRpc.RpcError.METHOD_NOT_FOUND, "method not supported: " + method);
        };
    }

    @Override
    public void answered(String method, JsonNode params, JsonNode result) {
        if (method.equals("session/new") || method.equals("session/load")) {
            AcpSession s = sessions.get(method.equals("session/new") ? result.path("sessionId").asText()
                    : params.path("sessionId").asText());
            if (s != null) {
                s.announceCommands();
            }
        }
    }

    @Override
    public void notification(String method, JsonNode params) {
        if (method.equals("session/cancel")) {
            AcpSession s = sessions.get(params.path("sessionId").asText());
            if (s != null) {
                s.cancel();
            }
        }
    }

    private JsonNode initialize(JsonNode params) {
        editor.capabilities(params.path("clientCapabilities"));
        int asked = params.path("protocolVersion").asInt(PROTOCOL_VERSION);
        ObjectNode r = AcpJson.object().put("protocolVersion", Math.min(asked, PROTOCOL_VERSION));
        ObjectNode caps = r.putObject("agentCapabilities").put("loadSession", true);
        caps.putObject("promptCapabilities").put("image", false).put("audio", false).put("embeddedContext", true);
        caps.putObject("mcpCapabilities").put("http", true).put("sse", false);
        r.putArray("authMethods");
        r.putObject("agentInfo").put("name", "openagention").put("title", "OpenAgention").put("version", settings.version());
        return r;
    }

    private JsonNode newSession(JsonNode params) {
        Path cwd = cwd(params);
        String id = "acp-" + UUID.randomUUID();
        AcpSession s = new AcpSession(id, cwd, journalDir(cwd), settings.config(), editor, settings.mode(),
                settings.config().firstModel(), settings.maxTurns(), mcpTools(params, cwd));
        sessions.put(id, s);
        return s.describe(AcpJson.object().put("sessionId", id));
    }

    private JsonNode load(JsonNode params) {
        Path cwd = cwd(params);
        String id = AcpJson.required(params, "sessionId");
        SessionIndex.Stored stored = SessionIndex.load(cwd, id).orElseThrow(() -> new JsonRpc.RpcError(
                JsonRpc.RpcError.RESOURCE_NOT_FOUND, "no session '" + id + "' in " + cwd
                        + " (sessions are kept under .openagention/acp-sessions of the directory they worked in)"));
        ApprovalMode mode = SessionConfig.mode(stored.mode());
        AcpSession s = new AcpSession(id, cwd, stored.journalDir(), settings.config(), editor, mode,
                stored.model().isEmpty() ? settings.config().firstModel() : stored.model(), settings.maxTurns(),
                mcpTools(params, cwd));
        s.restore(stored.exchanges());
        sessions.put(id, s);
        Replay.replay(s);
        return s.describe(AcpJson.object());
    }

    private JsonNode setConfigOption(JsonNode params) {
        AcpSession s = session(params);
        String option = AcpJson.required(params, "configId");
        String value = AcpJson.required(params, "value");
        switch (option) {
            case "mode" -> s.mode(value);
            case "model" -> s.model(value);
            default -> throw new JsonRpc.RpcError(JsonRpc.RpcError.INVALID_PARAMS, "unknown config option '" + option
                    + "': use mode or model");
        }
        ObjectNode r = AcpJson.object();
        r.set("configOptions", s.configOptions());
        return r;
    }

    private List<Tool> mcpTools(JsonNode params, Path cwd) {
        if (!params.path("mcpServers").isArray() || params.path("mcpServers").isEmpty()) {
            return List.of();
        }
        EditorMcpServers servers = EditorMcpServers.connect(params.path("mcpServers"), cwd);
        mcpServers.add(servers);
        return servers.tools();
    }

    /** Stops the MCP servers the sessions started. */
    @Override
    public void close() {
        mcpServers.forEach(EditorMcpServers::close);
    }

    private AcpSession session(JsonNode params) {
        String id = AcpJson.required(params, "sessionId");
        AcpSession s = sessions.get(id);
        if (s == null) {
            throw new JsonRpc.RpcError(JsonRpc.RpcError.RESOURCE_NOT_FOUND, "no session '" + id
                    + "' in this agent process (load it with session/load)");
        }
        return s;
    }

    private static Path cwd(JsonNode params) {
        String cwd = AcpJson.required(params, "cwd");
        Path p = Path.of(cwd);
        if (!p.isAbsolute() || !Files.isDirectory(p)) {
            throw new JsonRpc.RpcError(JsonRpc.RpcError.INVALID_PARAMS, "cwd must be an absolute path to a directory: "
                    + cwd);
        }
        return p.normalize();
    }

    private Path journalDir(Path cwd) {
        if (Files.isDirectory(cwd.resolve(".git")) || Files.isRegularFile(cwd.resolve(".git"))) {
            Git.exclude(cwd, ".openagention/"); // journals and session files stay out of git status
        }
        return settings.journalDir() != null ? settings.journalDir() : cwd.resolve(".openagention").resolve("runs");
    }
}
