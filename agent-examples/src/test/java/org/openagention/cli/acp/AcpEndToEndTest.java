// SPDX-License-Identifier: Apache-2.0
package org.openagention.cli.acp;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.openagention.cli.ScriptedChat;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code openagention acp} driven by the ACP TypeScript SDK's client, end to end: a session that
 * reads, edits (the diff reported, the write going through the editor), asks permission and runs a
 * command in the editor's terminal, is cancelled while a permission is pending, and is loaded again
 * by a new agent process, which replays it and continues it.
 */
class AcpEndToEndTest {

    @Test
    void editorSessionReadsEditsAsksIsCancelledAndLoadsAfterRestart(@TempDir Path tmp) throws Exception {
        AcpEditor.sdkDir();
        Path ws = tmp.toRealPath();
        Files.writeString(ws.resolve("notes.txt"), "Remember teh milk.\n");
        Path skill = Files.createDirectories(ws.resolve(".skills/tidy"));
        Files.writeString(skill.resolve("SKILL.md"), "---\nname: tidy\ndescription: Tidy up the notes\n---\nSort the notes.\n");
        try (ScriptedChat model = new ScriptedChat()) {
            model.enqueue(
                    new ScriptedChat.Reply("The typo is in notes.txt; read it first.", "Let me look at notes.txt.",
                            List.<String[]>of(new String[] {"read_file", "{\"path\":\"notes.txt\"}"})),
                    ScriptedChat.Reply.call("edit_file",
                            "{\"path\":\"notes.txt\",\"old_string\":\"teh\",\"new_string\":\"the\"}"),
                    new ScriptedChat.Reply("", "", List.<String[]>of(
                            new String[] {"todo_write", "{\"todos\":[{\"content\":\"Fix the typo\",\"status\":\"completed\"},"
                                    + "{\"content\":\"Check the file\",\"status\":\"in_progress\"}]}"},
                            new String[] {"shell", "{\"command\":\"cat notes.txt\"}"})),
                    ScriptedChat.Reply.text("Fixed the typo."),
                    ScriptedChat.Reply.call("shell", "{\"command\":\"sleep 30\"}"));

            AcpEditor.Log first = AcpEditor.run("first", ws, model, Map.of());

            assertThat(first.first("initialize").path("agentCapabilities").path("loadSession").asBoolean()).isTrue();
            JsonNode session = first.first("session/new");
            String sessionId = session.path("sessionId").asText();
            assertThat(session.path("modes").path("currentModeId").asText()).isEqualTo("workspace-write");
            assertThat(session.path("configOptions").findValuesAsText("category")).contains("mode", "model");
            assertThat(first.updates("available_commands_update").get(0).path("availableCommands").findValuesAsText("name"))
                    .containsExactly("tidy");
            // The editor's context reached the model: the embedded selection and the linked file.
            assertThat(model.requestText(0)).contains("Fix the typo in the selection.", "Remember teh milk.",
                    "notes.txt");
            // Streamed thought and message chunks.
            assertThat(first.text("agent_thought_chunk")).contains("The typo is in notes.txt; read it first.");
            assertThat(first.text("agent_message_chunk")).contains("Let me look at notes.txt.", "Fixed the typo.");
            // Tool calls with their kinds and locations; the read went through the editor's file system.
            List<JsonNode> calls = first.updates("tool_call");
            assertThat(calls).extracting(c -> c.path("kind").asText()).containsExactly("read", "edit", "think",
                    "execute", "execute");
            assertThat(calls.get(0).path("locations").get(0).path("path").asText())
                    .isEqualTo(ws.resolve("notes.txt").toString());
            assertThat(first.first("fs/read_text_file").path("path").asText()).isEqualTo(ws.resolve("notes.txt").toString());
            // The edit: a diff in the tool call, written through the editor.
            JsonNode diff = first.updates("tool_call_update").stream().flatMap(u -> stream(u.path("content")))
                    .filter(c -> c.path("type").asText().equals("diff")).findFirst().orElseThrow();
            assertThat(diff.path("oldText").asText()).isEqualTo("Remember teh milk.\n");
            assertThat(diff.path("newText").asText()).isEqualTo("Remember the milk.\n");
            assertThat(first.first("fs/write_text_file").path("content").asText()).isEqualTo("Remember the milk.\n");
            assertThat(Files.readString(ws.resolve("notes.txt"))).isEqualTo("Remember the milk.\n");
            // The plan, and the command: asked about, then run in the editor's terminal.
            assertThat(first.updates("plan").get(0).path("entries").findValuesAsText("status"))
                    .containsExactly("completed", "in_progress");
            JsonNode permission = first.all("permission").get(0);
            assertThat(permission.path("toolCall").path("rawInput").path("command").asText()).isEqualTo("cat notes.txt");
            assertThat(permission.path("options").findValuesAsText("kind"))
                    .containsExactly("allow_once", "allow_always", "reject_once", "reject_always");
            JsonNode terminal = first.first("terminal/create");
            assertThat(terminal.path("args").toString()).contains("cat notes.txt");
            assertThat(first.updates("tool_call_update").stream().filter(u -> u.path("status").asText().equals("completed"))
                    .flatMap(u -> stream(u.path("content"))).map(c -> c.path("content").path("text").asText()))
                    .anyMatch(t -> t.contains("Remember the milk."));
            // The first prompt ended its turn; the second was cancelled while the editor was asked.
            assertThat(first.all("prompt")).extracting(p -> p.path("stopReason").asText())
                    .containsExactly("end_turn", "cancelled");
            assertThat(first.all("permission")).hasSize(2);
            int requestsBefore = model.requests().size();

            model.enqueue(ScriptedChat.Reply.call("read_file", "{\"path\":\"notes.txt\"}"),
                    ScriptedChat.Reply.text("I changed teh to the in notes.txt."));
            AcpEditor.Log again = AcpEditor.run("again", ws, model, Map.of("SESSION_ID", sessionId));

            assertThat(again.text("user_message_chunk")).contains("Fix the typo in the selection.",
                    "Now wait for the slow build.");
            assertThat(again.text("agent_message_chunk")).contains("Let me look at notes.txt.", "Fixed the typo.",
                    "I changed teh to the in notes.txt.");
            assertThat(again.updates("tool_call")).extracting(c -> c.path("kind").asText()).contains("read", "edit");
            assertThat(again.first("session/load").path("modes").path("currentModeId").asText())
                    .isEqualTo("workspace-write");
            assertThat(again.all("prompt")).extracting(p -> p.path("stopReason").asText()).containsExactly("end_turn");
            assertThat(model.requests()).hasSize(requestsBefore + 2);
            assertThat(model.requestText(requestsBefore)).contains("Earlier in this session", "Fixed the typo.",
                    "What did you change?");
            // The read went to the editor, whose unsaved buffer differs from the disk: the model saw the buffer.
            assertThat(model.requestText(requestsBefore + 1)).contains("unsaved", "Buy bread (unsaved).");
            assertThat(Files.readString(ws.resolve("notes.txt"))).doesNotContain("Buy bread");
        }
    }

    private static java.util.stream.Stream<JsonNode> stream(JsonNode array) {
        return java.util.stream.StreamSupport.stream(array.spliterator(), false);
    }
}
