// SPDX-License-Identifier: Apache-2.0
package org.openagention.spring.boot;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.openagention.core.Agent;
import org.openagention.core.ConfigurationException;
import org.openagention.core.testing.FakeModel;
import org.openagention.core.tool.Tool;
import org.openagention.core.tool.ToolResult;
import org.openagention.mcp.McpServers;
import org.openagention.mcp.McpToolServer;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/** MCP servers from properties: their tools join the Tool beans, over a real MCP HTTP server on loopback. */
class McpServersTest {
    record City(String city) {}

    private static final ApplicationContextRunner RUNNER = ModelPropertiesTest.RUNNER;

    @Test
    void anHttpServersToolsReachTheAgentAndAnswerItsCalls() {
        Tool weather = Tool.of("weather", "The weather in a city", City.class,
                (a, ctx) -> ToolResult.success("Sunny in " + a.city()));
        McpToolServer server = McpToolServer.builder().name("forecast").tools(List.of(weather)).build();
        try (McpToolServer.HttpEndpoint http = server.startHttp(0)) {
            FakeModel model = new FakeModel("openai:gpt-4o-mini")
                    .enqueueToolCall("forecast__weather", "{\"city\":\"Paris\"}").enqueueText("It is sunny.");
            RUNNER.withBean(FakeModel.class, () -> model)
                    .withPropertyValues("openagention.mcp.servers.forecast.url=" + http.uri(),
                            "openagention.mcp.call-timeout=20s")
                    .run(ctx -> {
                        assertThat(ctx).hasNotFailed().hasSingleBean(McpServers.class);
                        Agent agent = ctx.getBean(Agent.class);
                        assertThat(agent.tools()).extracting(t -> t.spec().name()).containsExactly("forecast__weather");
                        assertThat(agent.run("Weather in Paris?").finalText()).isEqualTo("It is sunny.");
                    });
            model.takeRequest();
            assertThat(model.takeRequest().messages().toString()).contains("Sunny in Paris");
        }
    }

    @Test
    void withoutServersThereIsNoMcpBean() {
        RUNNER.run(ctx -> assertThat(ctx).hasNotFailed().doesNotHaveBean(McpServers.class));
    }

    @Test
    void aServerNeedsACommandOrAUrlButNotBoth() {
        RUNNER.withPropertyValues("openagention.mcp.servers.files.args=-y")
                .run(ctx -> assertThat(ctx.getStartupFailure()).rootCause().isInstanceOf(ConfigurationException.class)
                        .hasMessage("openagention.mcp.servers.files: set either command (a stdio server) or url"
                                + " (an HTTP server)"));
        RUNNER.withPropertyValues("openagention.mcp.servers.files.command=npx",
                "openagention.mcp.servers.files.url=http://127.0.0.1:1/mcp")
                .run(ctx -> assertThat(ctx.getStartupFailure()).rootCause().hasMessageEndingWith(", not both"));
    }

    @Test
    void anUnreachableServerFailsStartUpNamingIt() {
        RUNNER.withPropertyValues("openagention.mcp.servers.docs.url=http://127.0.0.1:1/mcp",
                "openagention.mcp.connect-timeout=5s")
                .run(ctx -> assertThat(ctx.getStartupFailure()).hasStackTraceContaining("docs"));
    }
}
