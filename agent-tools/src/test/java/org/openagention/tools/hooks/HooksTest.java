// SPDX-License-Identifier: Apache-2.0
package org.openagention.tools.hooks;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openagention.core.Agent;
import org.openagention.core.AgentEvent;
import org.openagention.core.RunResult;
import org.openagention.core.message.Content;
import org.openagention.core.message.ToolResultMessage;
import org.openagention.core.testing.FakeModel;
import org.openagention.core.testing.RecordingListener;
import org.openagention.core.tool.ToolResult;
import org.openagention.tools.CodingTools;
import org.openagention.tools.Workspace;
import org.openagention.tools.process.Pids;

/** Hooks with real commands, around real coding tools. */
class HooksTest {
    @TempDir
    Path repo;
    @TempDir
    Path home;

    private void write(String relative, String text) throws Exception {
        Path file = repo.resolve(relative);
        Files.createDirectories(file.getParent());
        Files.writeString(file, text);
    }

    private RunResult run(Hooks hooks, FakeModel model, RecordingListener events) {
        Agent agent = hooks.installOn(Agent.builder().name("coder").model(model)
                .tools(CodingTools.all(Workspace.local(repo))).addListener(events)).build();
        return agent.run("do it");
    }

    private static ToolResult firstResult(RunResult result) {
        return result.transcript().stream().filter(m -> m instanceof ToolResultMessage)
                .flatMap(m -> ((ToolResultMessage) m).outputs().stream()).map(Content.ToolOutput::result)
                .findFirst().orElseThrow();
    }

    @Test
    void postEditFormatterRewritesTheFileTheAgentWrote() throws Exception {
        // A "formatter": squeezes runs of spaces in the file the tool wrote, found from file_path on stdin.
        write(".openagention/hooks/format.sh", """
                f=$(sed -n 's/.*"file_path":"\\([^"]*\\)".*/\\1/p')
                [ -n "$f" ] || { echo "no file_path in the event" >&2; exit 1; }
                tr -s ' ' < "$f" > "$f.tmp" && mv "$f.tmp" "$f"
                """);
        write(".openagention/settings.json", """
                {"hooks": {"PostToolUse": [
                  {"matcher": "write_file|edit_file",
                   "hooks": [{"type": "command", "command": "sh .openagention/hooks/format.sh", "timeout": 30}]}
                ]}}
                """);
        Hooks hooks = Hooks.load(repo, home);
        assertThat(hooks.problems()).isEmpty();
        FakeModel model = new FakeModel().enqueueToolCall("write_file", "{\"path\":\"src/notes.txt\",\"content\":\"a    b      c\\n\"}")
                .enqueueText("written");
        RecordingListener events = new RecordingListener();

        RunResult result = run(hooks, model, events);

        assertThat(result.isSuccess()).isTrue();
        assertThat(firstResult(result).isError()).isFalse();
        assertThat(Files.readString(repo.resolve("src/notes.txt"))).isEqualTo("a b c\n");
        assertThat(events.events(AgentEvent.ErrorOccurred.class)).isEmpty();
    }

    @Test
    void theProjectsHooksRunInAWorkersOwnWorkspace(@TempDir Path worktree) throws Exception {
        write(".openagention/settings.json", """
                {"hooks": {"PostToolUse": [{"matcher": "write_file",
                  "hooks": [{"type": "command", "command": "pwd > hook-ran-here.txt"}]}]}}
                """);
        Hooks project = Hooks.load(repo, home);
        Workspace lane = Workspace.local(worktree);
        FakeModel model = new FakeModel().enqueueToolCall("write_file", "{\"path\":\"notes.txt\",\"content\":\"n\\n\"}")
                .enqueueText("written");
        Agent worker = project.in(lane).installOn(Agent.builder().name("worker").model(model)
                .tools(CodingTools.all(lane))).build();

        assertThat(worker.run("write the notes").isSuccess()).isTrue();

        assertThat(worktree.resolve("notes.txt")).exists();
        assertThat(Files.readString(worktree.resolve("hook-ran-here.txt")).strip()).isEqualTo(lane.root().toString());
        assertThat(repo.resolve("hook-ran-here.txt")).as("not in the project's own checkout").doesNotExist();
        assertThat(project.in(lane).hooks()).isEqualTo(project.hooks());
    }

    @Test
    void preToolHookInClaudeFormatBlocksShellWithAReasonTheModelReceives() throws Exception {
        write(".claude/settings.json", """
                {
                  "hooks": {
                    "PreToolUse": [
                      {
                        "matcher": "Bash",
                        "hooks": [
                          {
                            "type": "command",
                            "command": "cat > \\"$CLAUDE_PROJECT_DIR\\"/event.json; echo 'shell is not allowed in this repository' >&2; exit 2"
                          }
                        ]
                      }
                    ]
                  }
                }
                """);
        FakeModel model = new FakeModel().enqueueToolCall("shell", "{\"command\":\"touch ran.txt\"}").enqueueText("ok");
        RecordingListener events = new RecordingListener();

        RunResult result = run(Hooks.load(repo, home), model, events);

        ToolResult blocked = firstResult(result);
        assertThat(blocked).isInstanceOf(ToolResult.Error.class);
        assertThat(((ToolResult.Error) blocked).kind()).isEqualTo(ToolResult.ErrorKind.DENIED);
        assertThat(blocked.text()).contains("shell is not allowed in this repository");
        assertThat(model.requests().get(1).messages().get(2).toString()).contains("shell is not allowed in this repository");
        assertThat(repo.resolve("ran.txt")).doesNotExist();
        // A Claude Code hook is told Claude Code's name for the tool.
        String event = Files.readString(repo.resolve("event.json"));
        assertThat(event).contains("\"tool_name\":\"Bash\"", "\"hook_event_name\":\"PreToolUse\"",
                "\"command\":\"touch ran.txt\"", "\"session_id\":\"" + result.runId() + "\"");
        assertThat(events.events(AgentEvent.Notice.class)).anySatisfy(n -> assertThat(n.message()).contains("blocked shell"));
    }

    @Test
    void hangingHookIsKilledWithItsProcessTreeAtItsTimeoutAndReported() throws Exception {
        Hooks hooks = Hooks.builder(repo).addHook(new Hook(HookEvent.PRE_TOOL_USE, "shell",
                "sleep 300 & echo $! > sleeper.pid; wait", Duration.ofSeconds(2), SettingsFormat.OPENAGENTION)).build();
        FakeModel model = new FakeModel().enqueueToolCall("shell", "{\"command\":\"echo still runs\"}").enqueueText("done");
        RecordingListener events = new RecordingListener();

        RunResult result = run(hooks, model, events);

        ToolResult shell = firstResult(result);
        assertThat(shell.isError()).isFalse();
        assertThat(shell.text()).contains("still runs"); // a failed hook does not block
        assertThat(events.events(AgentEvent.ErrorOccurred.class)).singleElement()
                .satisfies(e -> assertThat(e.message()).contains("PreToolUse hook", "timeout", "killed"));
        long pid = Long.parseLong(Files.readString(repo.resolve("sleeper.pid")).strip());
        Pids.assertAllGone(List.of(pid)); // the hook's own child too, not just the shell
    }

    @Test
    void failingHookIsReportedAndDoesNotBlock() throws Exception {
        Hooks hooks = Hooks.builder(repo).addHook(Hook.of(HookEvent.PRE_TOOL_USE, "*", "echo broken >&2; exit 1")).build();
        FakeModel model = new FakeModel().enqueueToolCall("shell", "{\"command\":\"echo ran\"}").enqueueText("done");
        RecordingListener events = new RecordingListener();

        RunResult result = run(hooks, model, events);

        assertThat(firstResult(result).text()).contains("ran");
        assertThat(events.events(AgentEvent.ErrorOccurred.class)).singleElement()
                .satisfies(e -> assertThat(e.message()).contains("exited with status 1: broken"));
    }

    @Test
    void preToolHookCanRewriteTheArgumentsWithJson() throws Exception {
        String answer = "{\"hookSpecificOutput\":{\"hookEventName\":\"PreToolUse\",\"permissionDecision\":\"allow\","
                + "\"updatedInput\":{\"command\":\"echo rewritten\"}}}";
        Hooks hooks = Hooks.builder(repo).addHook(Hook.of(HookEvent.PRE_TOOL_USE, "Bash", "echo '" + answer + "'")).build();
        FakeModel model = new FakeModel().enqueueToolCall("shell", "{\"command\":\"echo original\"}").enqueueText("done");

        RunResult result = run(hooks, model, new RecordingListener());

        assertThat(firstResult(result).text()).contains("rewritten").doesNotContain("original");
    }

    @Test
    void promptHooksAddContextAndStopHooksRunWhenTheRunEnds() throws Exception {
        Hooks hooks = Hooks.builder(repo)
                .addHook(Hook.of(HookEvent.SESSION_START, "", "echo 'The build command is make.'"))
                .addHook(Hook.of(HookEvent.USER_PROMPT_SUBMIT, "",
                        "echo '{\"hookSpecificOutput\":{\"hookEventName\":\"UserPromptSubmit\",\"additionalContext\":\"Be brief.\"}}'"))
                .addHook(Hook.of(HookEvent.STOP, "", "cat > stopped.json"))
                .build();
        FakeModel model = new FakeModel().enqueueToolCall("shell", "{\"command\":\"echo hi\"}").enqueueText("done");

        RunResult result = run(hooks, model, new RecordingListener());

        assertThat(model.requests()).allSatisfy(r -> assertThat(r.system()).contains("The build command is make.", "Be brief."));
        assertThat(Files.readString(repo.resolve("stopped.json")))
                .contains("\"hook_event_name\":\"Stop\"", "\"stop_reason\":\"COMPLETED\"", "\"last_assistant_message\":\"done\"");
        assertThat(result.isSuccess()).isTrue();
    }

    @Test
    void userPromptHookCanBlockThePrompt() throws Exception {
        Hooks hooks = Hooks.builder(repo).addHook(Hook.of(HookEvent.USER_PROMPT_SUBMIT, "",
                "grep -q password && { echo 'prompts must not contain secrets' >&2; exit 2; }; exit 0")).build();
        FakeModel model = new FakeModel().enqueueText("should not be asked");
        Agent agent = hooks.installOn(Agent.builder().model(model)).build();

        RunResult result = agent.run("my password is hunter2");

        assertThat(result.finalText()).contains("prompts must not contain secrets");
        assertThat(model.requests()).isEmpty();
    }

    @Test
    void claudeCodeSettingsAreReadAsDocumentedAndWhatCannotRunIsReportedWithItsLine() throws Exception {
        // The layout of Claude Code's hooks reference: events, matcher groups, command hooks, timeouts in seconds.
        write(".claude/settings.json", """
                {
                  "permissions": {"allow": ["Bash(npm test)"]},
                  "hooks": {
                    "PreToolUse": [
                      {"matcher": "Bash", "hooks": [{"type": "command", "command": "./check-bash.sh", "timeout": 30}]}
                    ],
                    "PostToolUse": [
                      {"matcher": "Edit|Write", "hooks": [{"type": "command", "command": "npx prettier --write"}]}
                    ],
                    "UserPromptSubmit": [
                      {"hooks": [{"type": "command", "command": "echo context"}]}
                    ],
                    "Notification": [
                      {"matcher": "", "hooks": [{"type": "command", "command": "notify-send hi"}]}
                    ],
                    "Stop": [
                      {"hooks": [{"type": "command", "command": "./on-stop.sh"}]}
                    ]
                  }
                }
                """);
        write(".openagention/settings.json", "{\"hooks\": {\"PreToolUse\": [ {\"matcher\": \"shell\", \"hooks\": [ ");

        Hooks hooks = Hooks.load(repo, home);

        assertThat(hooks.hooks()).extracting(Hook::event).containsExactly(HookEvent.PRE_TOOL_USE,
                HookEvent.POST_TOOL_USE, HookEvent.USER_PROMPT_SUBMIT, HookEvent.STOP);
        assertThat(hooks.hooks()).allSatisfy(h -> assertThat(h.format()).isEqualTo(SettingsFormat.CLAUDE_CODE));
        Hook pre = hooks.hooks().get(0);
        assertThat(pre.timeout()).isEqualTo(Duration.ofSeconds(30));
        assertThat(pre.matches("shell")).isTrue();
        assertThat(pre.matches("edit_file")).isFalse();
        Hook post = hooks.hooks().get(1);
        assertThat(post.timeout()).isEqualTo(Hook.DEFAULT_TIMEOUT);
        assertThat(List.of("edit_file", "write_file", "shell")).filteredOn(post::matches)
                .containsExactly("edit_file", "write_file");
        assertThat(hooks.problems()).hasSize(2);
        assertThat(hooks.problems()).anySatisfy(p -> {
            assertThat(p.file()).isEqualTo(repo.resolve(".claude/settings.json"));
            assertThat(p.line()).isEqualTo(13);
            assertThat(p.message()).contains("Notification");
        });
        assertThat(hooks.problems()).anySatisfy(p -> {
            assertThat(p.file()).isEqualTo(repo.resolve(".openagention/settings.json"));
            assertThat(p.message()).contains("not valid JSON");
        });
    }
}
