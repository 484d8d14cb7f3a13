// SPDX-License-Identifier: Apache-2.0
package org.openagention.orchestration.skills;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openagention.core.Agent;
import org.openagention.core.ConfigurationException;
import org.openagention.core.RunResult;
import org.openagention.core.message.Content;
import org.openagention.core.message.Message;
import org.openagention.core.message.ToolResultMessage;
import org.openagention.core.model.ModelRequest;
import org.openagention.core.testing.FakeModel;
import org.openagention.core.tool.Tool;
import org.openagention.core.tool.ToolResult;
import org.openagention.core.tool.ToolSpec;

class SkillSetTest {
    @TempDir
    Path root;

    record Text(String text) {}

    static final Tool SHOUT = Tool.readOnly("shout", "Upper-cases text", Text.class,
            (args, ctx) -> ToolResult.success(args.text().toUpperCase()));

    SkillSet skills;

    @BeforeEach
    void writeSkills() throws IOException {
        Path review = SkillLoaderTest.write(root, "code-review", """
                ---
                name: code-review
                description: Reviews a change for bugs. Use when asked to review code.
                ---
                Read every changed file. SECRET-REVIEW-STEPS follow.
                """);
        Files.createDirectories(review.resolve("references"));
        Files.writeString(review.resolve("references/checklist.md"), "1. Null checks\n2. Tests\n");
        Files.writeString(root.resolve("outside.txt"), "not part of any skill");
        SkillLoaderTest.write(root, "loud", "---\nname: loud\ndescription: Shouts text.\n---\nUse the shout tool.\n");
        SkillLoadResult loaded = SkillLoader.load(root);
        assertThat(loaded.problems()).isEmpty();
        skills = SkillSet.builder().addSkills(loaded.skills()).addTool("loud", SHOUT).build();
    }

    private static String lastToolResult(ModelRequest request) {
        Message last = request.messages().get(request.messages().size() - 1);
        Content.ToolOutput out = ((ToolResultMessage) last).outputs().get(0);
        return (out.result().isError() ? "ERROR: " : "") + out.result().text();
    }

    private static List<String> toolNames(ModelRequest request) {
        return request.tools().stream().map(ToolSpec::name).toList();
    }

    @Test
    void onlyNamesAndDescriptionsGoIntoTheSystemPrompt() {
        FakeModel model = new FakeModel().enqueueText("ok");
        Agent agent = skills.equip(Agent.builder().model(model).instructions("Base.").build());

        agent.run("hello");

        String system = model.takeRequest().system();
        assertThat(system).startsWith("Base.\n\n").contains("- code-review: Reviews a change for bugs.")
                .contains("- loud: Shouts text.").doesNotContain("SECRET-REVIEW-STEPS").contains("load_skill");
        assertThat(skills.catalogue()).isEqualTo(system.substring("Base.\n\n".length()));
    }

    @Test
    void loadSkillReturnsTheInstructionsAndListsTheFiles() {
        FakeModel model = new FakeModel().enqueueToolCall("load_skill", "{\"name\":\"code-review\"}").enqueueText("done");
        Agent agent = skills.equip(Agent.builder().model(model).build());

        agent.run("review my change");

        model.takeRequest();
        String result = lastToolResult(model.takeRequest());
        assertThat(result).contains("SECRET-REVIEW-STEPS").contains("- references/checklist.md")
                .doesNotContain("SKILL.md").doesNotStartWith("ERROR");
    }

    @Test
    void readSkillFileReadsInsideTheSkillAndRefusesEscapes() {
        FakeModel model = new FakeModel()
                .enqueueToolCall("read_skill_file", "{\"skill\":\"code-review\",\"path\":\"references/checklist.md\"}")
                .enqueueToolCall("read_skill_file", "{\"skill\":\"code-review\",\"path\":\"../outside.txt\"}")
                .enqueueToolCall("read_skill_file", "{\"skill\":\"code-review\",\"path\":\"missing.md\"}")
                .enqueueText("done");
        Agent agent = skills.equip(Agent.builder().model(model).build());

        agent.run("check");

        model.takeRequest();
        assertThat(lastToolResult(model.takeRequest())).isEqualTo("1. Null checks\n2. Tests\n");
        assertThat(lastToolResult(model.takeRequest())).startsWith("ERROR: Cannot read '../outside.txt' of skill 'code-review'")
                .doesNotContain("not part of any skill");
        assertThat(lastToolResult(model.takeRequest())).startsWith("ERROR: The skill 'code-review' has no file 'missing.md'")
                .contains("references/checklist.md");
    }

    @Test
    void unknownSkillIsAnErrorTheModelCanCorrect() {
        FakeModel model = new FakeModel().enqueueToolCall("load_skill", "{\"name\":\"reviewing\"}").enqueueText("done");
        RunResult result = skills.equip(Agent.builder().model(model).build()).run("go");

        model.takeRequest();
        assertThat(lastToolResult(model.takeRequest()))
                .isEqualTo("ERROR: There is no skill named 'reviewing'. Available skills: code-review, loud.");
        assertThat(result.isSuccess()).isTrue();
    }

    @Test
    void skillToolsAppearOnlyAfterTheSkillIsLoaded() {
        FakeModel model = new FakeModel()
                .enqueueToolCall("load_skill", "{\"name\":\"loud\"}")
                .enqueueToolCall("shout", "{\"text\":\"hi\"}")
                .enqueueText("HI");
        Agent agent = skills.equip(Agent.builder().model(model).build());

        agent.run("shout hi");

        assertThat(toolNames(model.takeRequest())).containsExactly("load_skill", "read_skill_file");
        ModelRequest afterLoad = model.takeRequest();
        assertThat(toolNames(afterLoad)).containsExactly("load_skill", "read_skill_file", "shout");
        assertThat(lastToolResult(afterLoad)).contains("Tools now available: shout");
        assertThat(lastToolResult(model.takeRequest())).isEqualTo("HI");
    }

    @Test
    void callingASkillToolBeforeLoadingItsSkillIsRefused() {
        FakeModel model = new FakeModel().enqueueToolCall("shout", "{\"text\":\"hi\"}").enqueueText("sorry");
        skills.equip(Agent.builder().model(model).build()).run("shout");

        model.takeRequest();
        assertThat(lastToolResult(model.takeRequest())).isEqualTo("ERROR: The tool shout belongs to the skill 'loud',"
                + " which is not loaded. Call load_skill with {\"name\": \"loud\"} first.");
    }

    @Test
    void loadingIsPerRun() {
        FakeModel model = new FakeModel().enqueueToolCall("load_skill", "{\"name\":\"loud\"}").enqueueText("one")
                .enqueueText("two");
        Agent agent = skills.equip(Agent.builder().model(model).build());

        agent.run("first");
        agent.run("second");

        List<ModelRequest> requests = model.requests();
        assertThat(toolNames(requests.get(1))).contains("shout");
        assertThat(toolNames(requests.get(2))).doesNotContain("shout");
    }

    @Test
    void preloadedSkillsAreInTheInstructionsWithTheirToolsVisible() {
        FakeModel model = new FakeModel().enqueueToolCall("shout", "{\"text\":\"a\"}").enqueueText("A");
        skills.equip(Agent.builder().model(model).build(), List.of("loud")).run("go");

        ModelRequest first = model.takeRequest();
        assertThat(first.system()).contains("Use the shout tool.");
        assertThat(toolNames(first)).contains("shout");
        assertThat(lastToolResult(model.takeRequest())).isEqualTo("A");
    }

    @Test
    void preloadingAMissingSkillIsRefused() {
        Agent agent = Agent.builder().model(new FakeModel()).build();

        assertThatThrownBy(() -> skills.equip(agent, List.of("deploy"))).isInstanceOf(ConfigurationException.class)
                .hasMessage("no skill named 'deploy'; the skills are: code-review, loud");
    }

    @Test
    void skillToolNamedLikeAnAgentToolIsRefused() {
        Tool agentShout = Tool.of("shout", "The agent's own shout", Text.class, (a, c) -> ToolResult.success(a.text()));
        Agent agent = Agent.builder().model(new FakeModel()).addTool(agentShout).build();

        assertThatThrownBy(() -> skills.equip(agent)).isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("skill 'loud' brings a tool named 'shout', but the agent already has a tool of that name");
    }

    @Test
    void twoSkillsBringingOneToolNameAreRefused() {
        SkillSet.Builder b = SkillSet.builder().addSkills(skills.skills()).addTool("loud", SHOUT);

        assertThatThrownBy(() -> b.addTool("code-review", SHOUT)).isInstanceOf(ConfigurationException.class)
                .hasMessage("skills 'loud' and 'code-review' both bring a tool named 'shout'; tool names must be unique");
        assertThatThrownBy(() -> b.addTool("nope", SHOUT)).hasMessageContaining("no skill of that name");
    }

    @Test
    void equippingTwiceIsRefused() {
        Agent once = skills.equip(Agent.builder().model(new FakeModel()).build());

        assertThatThrownBy(() -> skills.equip(once)).isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("already has a tool named 'load_skill'");
    }

    @Test
    void twoSkillsOfOneNameAreRefusedNamingBothFolders(@TempDir Path other) throws IOException {
        SkillLoaderTest.write(other, "loud", "---\nname: loud\ndescription: Another.\n---\n");
        Skill second = SkillLoader.load(other).skills().get(0);
        Skill first = skills.find("loud").orElseThrow();

        assertThatThrownBy(() -> SkillSet.builder().addSkill(first).addSkill(second))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("two skills are named 'loud'")
                .hasMessageContaining(first.directory().toString()).hasMessageContaining(second.directory().toString());
    }
}
