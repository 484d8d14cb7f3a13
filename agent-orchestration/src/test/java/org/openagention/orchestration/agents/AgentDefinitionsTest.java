// SPDX-License-Identifier: Apache-2.0
package org.openagention.orchestration.agents;

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
import org.openagention.core.Subagent;
import org.openagention.core.model.ModelRequest;
import org.openagention.core.testing.FakeModel;
import org.openagention.core.testing.RecordingListener;
import org.openagention.core.tool.Tool;
import org.openagention.core.tool.ToolSpec;
import org.openagention.tools.CodingTools;
import org.openagention.tools.Workspace;

class AgentDefinitionsTest {
    @TempDir
    Path repo;

    private void write(String relative, String text) throws Exception {
        Path file = repo.resolve(relative);
        Files.createDirectories(file.getParent());
        Files.writeString(file, text);
    }

    private void writeDefinitions() throws Exception {
        write(".openagention/agents/test-runner.md", """
                ---
                name: test-runner
                description: Runs the test suite and summarises the failures.
                tools: [shell, read_file]
                model: small-model-1
                max-turns: 15
                timeout-seconds: 120
                ---
                You run the tests and report each failure in one line.
                """);
        // Claude Code's subagent format: comma-separated Claude tool names, a model alias.
        write(".claude/agents/code-reviewer.md", """
                ---
                name: code-reviewer
                description: Expert code reviewer. Use proactively after writing code.
                tools: Read, Grep, Glob
                model: sonnet
                ---
                You are a senior reviewer. Point out bugs, with file and line.
                """);
        write(".claude/agents/broken.md", """
                ---
                name: broken
                description: [unclosed
                ---
                body
                """);
        write(".claude/agents/no-description.md", """
                ---
                name: quiet
                ---
                body
                """);
        write(".claude/agents/test-runner.md", """
                ---
                name: test-runner
                description: A second test runner
                ---
                body
                """);
        write(".openagention/agents/bad-turns.md", """
                ---
                name: bad-turns
                description: Has a bad limit
                max-turns: many
                ---
                body
                """);
    }

    @Test
    void definitionsLoadFromBothFoldersAndMalformedFilesAreReportedWithPathAndLine() throws Exception {
        writeDefinitions();

        AgentDefinitions defs = AgentDefinitions.load(repo);

        assertThat(defs.definitions()).extracting(AgentDefinition::name).containsExactly("test-runner", "code-reviewer");
        AgentDefinition runner = defs.definitions().get(0);
        assertThat(runner.tools()).contains(List.of("shell", "read_file"));
        assertThat(runner.model()).contains("small-model-1");
        assertThat(runner.limits().maxTurns()).isEqualTo(15);
        assertThat(runner.limits().timeout()).isEqualTo(Duration.ofSeconds(120));
        assertThat(runner.instructions()).isEqualTo("You run the tests and report each failure in one line.");
        AgentDefinition reviewer = defs.definitions().get(1);
        assertThat(reviewer.tools()).contains(List.of("read_file", "grep", "glob"));
        assertThat(reviewer.model()).isEmpty(); // "sonnet": the parent's model
        assertThat(reviewer.description()).startsWith("Expert code reviewer.");

        assertThat(defs.problems()).extracting(p -> repo.relativize(p.file()) + ":" + p.line())
                .containsExactlyInAnyOrder(".openagention/agents/bad-turns.md:4", ".claude/agents/broken.md:3",
                        ".claude/agents/no-description.md:2", ".claude/agents/test-runner.md:2");
        assertThat(defs.problems()).anySatisfy(p -> assertThat(p.message()).contains("max-turns"))
                .anySatisfy(p -> assertThat(p.message()).contains("not valid YAML"))
                .anySatisfy(p -> assertThat(p.message()).contains("'description'"))
                .anySatisfy(p -> assertThat(p.message()).contains("already defined"));
    }

    @Test
    void definitionsBecomeSubagentToolsWithTheToolsTheyName() throws Exception {
        writeDefinitions();
        write("src/App.java", "class App { int x = 1 / 0; }\n");
        List<Tool> coding = CodingTools.all(Workspace.local(repo));
        FakeModel childModel = new FakeModel().enqueueToolCall("read_file", "{\"path\":\"src/App.java\"}")
                .enqueueText("App.java:1 divides by zero");
        Subagents subagents = AgentDefinitions.load(repo).asTools(() -> Agent.builder().model(childModel), coding);

        assertThat(subagents.problems()).isEmpty();
        assertThat(subagents.tools()).extracting(Tool::name).containsExactly("test-runner", "code-reviewer");
        Subagent reviewer = (Subagent) subagents.tools().get(1);
        assertThat(reviewer.readOnly()).isTrue(); // only reading tools: runs in parallel with others
        assertThat(((Subagent) subagents.tools().get(0)).readOnly()).isFalse();
        assertThat(reviewer.agent().tools()).extracting(Tool::name).containsExactly("read_file", "grep", "glob");
        assertThat(((Subagent) subagents.tools().get(0)).agent().modelId()).contains("small-model-1");

        FakeModel parentModel = new FakeModel().enqueueToolCall("code-reviewer", "{\"prompt\":\"review src/App.java\"}")
                .enqueueText("the reviewer found a division by zero");
        RecordingListener events = new RecordingListener();
        Agent.Builder lead = Agent.builder().name("lead").model(parentModel).tools(coding).addListener(events);
        subagents.tools().forEach(lead::addTool);
        RunResult result = lead.build().run("review the code");

        assertThat(result.isSuccess()).isTrue();
        ModelRequest childFirst = childModel.requests().get(0);
        assertThat(childFirst.system()).isEqualTo("You are a senior reviewer. Point out bugs, with file and line.");
        assertThat(childFirst.tools()).extracting(ToolSpec::name).containsExactly("read_file", "grep", "glob");
        assertThat(parentModel.requests().get(1).messages().get(2).toString()).contains("App.java:1 divides by zero");
        assertThat(events.events(AgentEvent.SubagentStarted.class)).extracting(AgentEvent.SubagentStarted::agentName)
                .containsExactly("code-reviewer");
    }

    @Test
    void aDefinitionNamingAnUnknownToolIsReportedAndTheToolLeftOut() throws Exception {
        write(".claude/agents/web.md", """
                ---
                name: web
                description: Browses
                tools: WebFetch, Read
                ---
                Browse.
                """);
        Subagents subagents = AgentDefinitions.load(repo).asTools(() -> Agent.builder().model(new FakeModel()),
                CodingTools.all(Workspace.local(repo)));
        assertThat(((Subagent) subagents.tools().get(0)).agent().tools()).extracting(Tool::name).containsExactly("read_file");
        assertThat(subagents.problems()).singleElement().satisfies(p -> {
            assertThat(p.line()).isEqualTo(4);
            assertThat(p.message()).contains("'WebFetch'", "left out");
        });
    }
}
