// SPDX-License-Identifier: Apache-2.0
package org.openagention.cli.acp;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openagention.cli.ScriptedChat;

/** The ACP agent's answers to bad input, and how the editor's permission choices map onto the policy. */
class AcpProtocolTest {

    private static ObjectNode params(String... kv) {
        ObjectNode o = AcpJson.object();
        for (int i = 0; i < kv.length; i += 2) {
            o.put(kv[i], kv[i + 1]);
        }
        return o;
    }

    private static JsonNode textPrompt(String sessionId, String text) {
        ObjectNode p = params("sessionId", sessionId);
        p.putArray("prompt").add(AcpJson.text(text));
        return p;
    }

    @Test
    void badInputIsAnsweredWithAnErrorNamingTheProblem(@TempDir Path ws) throws Exception {
        try (ScriptedChat model = new ScriptedChat();
                InProcessEditor editor = new InProcessEditor(Map.of("OPENAI_BASE_URL", model.baseUrl()),
                        r -> AcpJson.object())) {
            assertThat(editor.request("initialize", params()).path("result").path("protocolVersion").asInt()).isEqualTo(1);
            assertThat(editor.request("session/new", params("cwd", "relative/dir")).path("error").path("message").asText())
                    .contains("cwd must be an absolute path");
            assertThat(editor.request("session/frobnicate", params()).path("error").path("code").asInt()).isEqualTo(-32601);
            JsonNode unknown = editor.request("session/prompt", textPrompt("acp-00000000-0000", "hi"));
            assertThat(unknown.path("error").path("message").asText()).contains("no session 'acp-00000000-0000'");
            assertThat(editor.request("session/load", params("sessionId", "acp-00000000-0000", "cwd", ws.toString()))
                    .path("error").path("message").asText()).contains("no session 'acp-00000000-0000'");

            String id = editor.request("session/new", params("cwd", ws.toString())).path("result").path("sessionId").asText();
            ObjectNode image = params("sessionId", id);
            image.putArray("prompt").addObject().put("type", "image").put("data", "AAAA").put("mimeType", "image/png");
            assertThat(editor.request("session/prompt", image).path("error").path("message").asText())
                    .contains("a 'image' content block cannot be sent");
            assertThat(editor.request("session/prompt", params("sessionId", id)).path("error").path("message").asText())
                    .contains("the prompt is empty");
            assertThat(editor.request("session/set_mode", params("sessionId", id, "modeId", "yolo"))
                    .path("error").path("message").asText()).contains("unknown mode 'yolo'");
            assertThat(editor.request("session/set_config_option", params("sessionId", id, "configId", "model",
                    "value", "openai:nope")).path("error").path("message").asText()).contains("unknown model 'openai:nope'");
            editor.sendRaw("{not json");
            assertThat(model.requests()).as("no model call for bad input").isEmpty();
        }
    }

    @Test
    void withNoModelConfiguredInitializeIsAnsweredAndSessionsAreRefusedWithTheReason(@TempDir Path ws) throws Exception {
        try (InProcessEditor editor = new InProcessEditor(SessionConfig.unusable(Map.of(),
                "no usable model for acp: no model provider is configured"), r -> AcpJson.object())) {
            assertThat(editor.request("initialize", params()).path("result").path("protocolVersion").asInt()).isEqualTo(1);
            assertThat(editor.request("session/new", params("cwd", ws.toString())).path("error").path("message").asText())
                    .contains("no usable model for acp: no model provider is configured");
        }
    }

    @Test
    void rejectAlwaysDeniesTheToolForTheRestOfTheSessionWithoutAskingAgain(@TempDir Path ws) throws Exception {
        Path dir = ws.toRealPath();
        try (ScriptedChat model = new ScriptedChat();
                InProcessEditor editor = new InProcessEditor(Map.of("OPENAI_BASE_URL", model.baseUrl()),
                        r -> AcpJson.object().set("outcome", AcpJson.object().put("outcome", "selected")
                                .put("optionId", "reject-always")))) {
            model.enqueue(ScriptedChat.Reply.call("shell", "{\"command\":\"touch first\"}"),
                    ScriptedChat.Reply.call("shell", "{\"command\":\"touch second\"}"),
                    ScriptedChat.Reply.text("I could not run commands."));
            editor.request("initialize", params());
            String id = editor.request("session/new", params("cwd", dir.toString())).path("result").path("sessionId").asText();
            JsonNode done = editor.request("session/prompt", textPrompt(id, "Touch two files."));

            assertThat(done.path("result").path("stopReason").asText()).isEqualTo("end_turn");
            assertThat(editor.agentRequests).extracting(r -> r.path("method").asText())
                    .containsExactly("session/request_permission");
            assertThat(editor.updates("tool_call_update")).filteredOn(u -> u.path("status").asText().equals("failed"))
                    .hasSize(2);
            assertThat(model.requestText(2)).contains("rejected shell for the rest of this session");
            assertThat(Files.exists(dir.resolve("first"))).isFalse();
            assertThat(Files.exists(dir.resolve("second"))).isFalse();
        }
    }

    @Test
    void fullAccessRunsCommandsOnThisMachineWhenTheEditorOffersNoTerminal(@TempDir Path ws) throws Exception {
        Path dir = ws.toRealPath();
        try (ScriptedChat model = new ScriptedChat();
                InProcessEditor editor = new InProcessEditor(Map.of("OPENAI_BASE_URL", model.baseUrl()),
                        r -> AcpJson.object())) {
            model.enqueue(ScriptedChat.Reply.call("shell", "{\"command\":\"echo local > made.txt && cat made.txt\"}"),
                    ScriptedChat.Reply.text("Made it."));
            editor.request("initialize", params());
            String id = editor.request("session/new", params("cwd", dir.toString())).path("result").path("sessionId").asText();
            JsonNode config = editor.request("session/set_config_option", params("sessionId", id, "configId", "mode",
                    "value", "full-access"));
            assertThat(config.path("result").path("configOptions").get(0).path("currentValue").asText())
                    .isEqualTo("full-access");
            JsonNode done = editor.request("session/prompt", textPrompt(id, "Make a file."));

            assertThat(done.path("result").path("stopReason").asText()).isEqualTo("end_turn");
            assertThat(editor.agentRequests).as("nothing asked of the editor").isEmpty();
            assertThat(editor.updates("current_mode_update").get(0).path("currentModeId").asText()).isEqualTo("full-access");
            assertThat(Files.readString(dir.resolve("made.txt"))).isEqualTo("local\n");
            assertThat(editor.updates("tool_call_update").stream().filter(u -> u.path("status").asText().equals("completed"))
                    .map(JsonNode::toString)).anyMatch(t -> t.contains("local"));
        }
    }

    @Test
    void theEditorsMcpServersJoinTheSession(@TempDir Path ws) throws Exception {
        Path dir = ws.toRealPath();
        Files.writeString(dir.resolve("hello.txt"), "hello from the MCP server\n");
        try (ScriptedChat model = new ScriptedChat();
                InProcessEditor editor = new InProcessEditor(Map.of("OPENAI_BASE_URL", model.baseUrl()),
                        r -> AcpJson.object().set("outcome", AcpJson.object().put("outcome", "selected")
                                .put("optionId", "allow-once")))) {
            model.enqueue(ScriptedChat.Reply.call("repo__read_file", "{\"path\":\"hello.txt\"}"),
                    ScriptedChat.Reply.text("It says hello."));
            editor.request("initialize", params());
            ObjectNode session = params("cwd", dir.toString());
            ObjectNode server = session.putArray("mcpServers").addObject().put("name", "repo")
                    .put("command", Path.of(System.getProperty("java.home"), "bin", "java").toString());
            server.putArray("args").add("-cp").add(System.getProperty("java.class.path"))
                    .add(org.openagention.cli.OpenAgentionCli.class.getName()).add("mcp-server").add("--repo")
                    .add(dir.toString()).add("--read-only");
            server.putArray("env");
            String id = editor.request("session/new", session).path("result").path("sessionId").asText();
            JsonNode done = editor.request("session/prompt", textPrompt(id, "What does hello.txt say?"));

            assertThat(done.path("result").path("stopReason").asText()).isEqualTo("end_turn");
            assertThat(model.requests().get(0).path("tools").findValuesAsText("name")).contains("repo__read_file");
            assertThat(model.requestText(1)).contains("hello from the MCP server");

            ObjectNode broken = params("cwd", dir.toString());
            broken.putArray("mcpServers").addObject().put("name", "gone").put("command", "/nonexistent/server")
                    .putArray("args");
            assertThat(editor.request("session/new", broken).path("error").path("message").asText())
                    .contains("an MCP server of the session could not be used", "gone");
        }
    }
}
