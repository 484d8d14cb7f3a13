// SPDX-License-Identifier: Apache-2.0
package org.openagention.spring.boot;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openagention.core.Agent;
import org.openagention.core.ConfigurationException;
import org.openagention.core.RunOptions;
import org.openagention.core.RunResult;
import org.openagention.core.journal.JournalStore;
import org.openagention.core.model.Model;
import org.openagention.core.testing.FakeModel;
import org.openagention.core.testing.RecordingListener;
import org.openagention.core.tool.Tool;
import org.openagention.core.tool.ToolResult;
import org.openagention.mcp.McpServers;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Tool beans reach the agents; the agent comes from properties or from the application; run options and journal. */
class AgentBeansTest {
    record Text(String text) {}

    private static final ApplicationContextRunner RUNNER = ModelPropertiesTest.RUNNER;

    @Configuration(proxyBeanMethods = false)
    static class Tools {
        @Bean
        Tool upper() {
            return Tool.of("upper", "Upper-cases text", Text.class, (a, ctx) -> ToolResult.success(a.text().toUpperCase()));
        }

        @Bean
        Tool lower() {
            return Tool.of("lower", "Lower-cases text", Text.class, (a, ctx) -> ToolResult.success(a.text().toLowerCase()));
        }

        @Bean
        FakeModel model() {
            return new FakeModel("openai:gpt-4o-mini").enqueueToolCall("upper", "{\"text\":\"hi\"}").enqueueText("HI");
        }
    }

    @Configuration(proxyBeanMethods = false)
    static class OwnAgent {
        @Bean
        Agent support(Agent.Builder agentBuilder) {
            return agentBuilder.name("support").instructions("You help customers.").build();
        }
    }

    @Test
    void everyToolBeanReachesThePropertiesAgentWhichRunsWithThem() {
        RUNNER.withUserConfiguration(Tools.class)
                .withPropertyValues("openagention.agent.name=helper", "openagention.agent.instructions=Be brief.")
                .run(ctx -> {
                    Agent agent = ctx.getBean(Agent.class);
                    assertThat(agent.name()).isEqualTo("helper");
                    assertThat(agent.instructions()).isEqualTo("Be brief.");
                    assertThat(agent.tools()).extracting(t -> t.spec().name()).containsExactlyInAnyOrder("upper", "lower");
                    RunResult result = agent.run("Upper-case hi");
                    assertThat(result.finalText()).isEqualTo("HI");
                    assertThat(ctx.getBean(FakeModel.class).takeRequest().tools()).extracting(t -> t.name())
                            .contains("upper", "lower");
                });
    }

    @Test
    void thePropertiesAgentTakesTheToolsItNames() {
        RUNNER.withUserConfiguration(Tools.class).withPropertyValues("openagention.agent.tools=lower")
                .run(ctx -> assertThat(ctx.getBean(Agent.class).tools()).extracting(t -> t.spec().name())
                        .containsExactly("lower"));
        RUNNER.withUserConfiguration(Tools.class).withPropertyValues("openagention.agent.tools=lower,shout")
                .run(ctx -> assertThat(ctx.getStartupFailure()).rootCause().isInstanceOf(ConfigurationException.class)
                        .hasMessageContaining("no tool is named 'shout'").hasMessageContaining("[upper, lower]"));
    }

    @Test
    void anAgentBeanOfTheApplicationReplacesThePropertiesOneAndGetsTheModelAndTools() {
        RUNNER.withUserConfiguration(Tools.class, OwnAgent.class).run(ctx -> {
            assertThat(ctx).hasSingleBean(Agent.class);
            Agent agent = ctx.getBean(Agent.class);
            assertThat(agent.name()).isEqualTo("support");
            assertThat(agent.model()).isSameAs(ctx.getBean(Model.class));
            assertThat(agent.tools()).hasSize(2);
        });
    }

    @Test
    void thePropertiesAgentCanBeTurnedOff() {
        RUNNER.withUserConfiguration(Tools.class).withPropertyValues("openagention.agent.enabled=false")
                .run(ctx -> assertThat(ctx).hasNotFailed().doesNotHaveBean(Agent.class).hasSingleBean(Model.class));
    }

    @Test
    void customizerBeansChangeEveryAgent() {
        RecordingListener recorder = new RecordingListener();
        RUNNER.withUserConfiguration(Tools.class)
                .withBean("recorder", AgentCustomizer.class, () -> agent -> agent.addListener(recorder))
                .run(ctx -> ctx.getBean(Agent.class).run("Upper-case hi"));
        assertThat(recorder.events()).isNotEmpty();
    }

    @Test
    void runOptionsCarryTheLimitsAndTheJournalUnderTheConfiguredDirectory(@TempDir Path dir) {
        RUNNER.withUserConfiguration(Tools.class).withPropertyValues("openagention.run.max-turns=7",
                "openagention.run.max-cost-usd=0.5", "openagention.run.timeout=2m", "openagention.run.streaming=true",
                "openagention.journal.directory=" + dir).run(ctx -> {
                    RunOptions options = ctx.getBean(RunOptions.class);
                    assertThat(options.limits().maxTurns()).isEqualTo(7);
                    assertThat(options.limits().maxCostUsd()).isEqualTo(0.5);
                    assertThat(options.limits().timeout()).isEqualTo(Duration.ofMinutes(2));
                    assertThat(options.streaming()).isTrue();
                    assertThat(options.journal()).containsSame(ctx.getBean(JournalStore.class));
                    RunResult result = ctx.getBean(Agent.class).run("Upper-case hi", options);
                    assertThat(ctx.getBean(JournalStore.class).runIds()).contains(result.runId());
                });
        try (var files = Files.walk(dir)) {
            assertThat(files.filter(Files::isRegularFile)).isNotEmpty();
        } catch (java.io.IOException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void withoutAJournalDirectoryRunsAreNotJournaled() {
        RUNNER.run(ctx -> {
            assertThat(ctx).doesNotHaveBean(JournalStore.class);
            assertThat(ctx.getBean(RunOptions.class).journal()).isEmpty();
            assertThat(ctx.getBean(RunOptions.class).limits().maxTurns()).isEqualTo(50);
        });
    }

    @Test
    void withoutAgentMcpTheToolBeansAreStillOffered() {
        RUNNER.withUserConfiguration(Tools.class).withClassLoader(new FilteredClassLoader(McpServers.class))
                .run(ctx -> assertThat(ctx.getBean(AgentTools.class).all()).hasSize(2));
    }
}
