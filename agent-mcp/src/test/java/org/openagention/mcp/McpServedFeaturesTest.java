// SPDX-License-Identifier: Apache-2.0
package org.openagention.mcp;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.openagention.core.testing.FakeModel;
import org.openagention.core.tool.ToolResult;

/** What our server API offers beyond agent tools, exercised over streamable HTTP by our own client. */
class McpServedFeaturesTest {
    private static final String EMPTY = "{\"type\":\"object\",\"properties\":{}}";

    private static McpToolServer.HttpEndpoint serve(McpServedTool... tools) {
        McpToolServer.Builder b = McpToolServer.builder().name("features");
        for (McpServedTool t : tools) {
            b.addTool(t);
        }
        return b.build().startHttp(0);
    }

    @Test
    void aClientConnectsToAServerThatOffersNoTools() {
        McpToolServer server = McpToolServer.builder()
                .addResource(McpResource.fixed("memo://one", "one", "A memo", "text/plain",
                        uri -> List.of(McpResourceContents.text(uri, "text/plain", "remember"))))
                .addPrompt(McpPrompt.of("greet", "Greets", List.of(), args -> List.of(McpPrompt.Message.user("hello"))))
                .build();
        try (McpToolServer.HttpEndpoint endpoint = server.startHttp(0);
                McpClient client = McpClient.connect(McpServerConfig.http("memos", endpoint.uri()))) {
            assertThat(client.isConnected()).isTrue();
            assertThat(client.tools()).isEmpty();
        }
    }

    @Test
    void aServedToolAsksTheUserThroughTheClientsElicitationHandler() {
        McpServedTool ask = McpServedTool.of("ask", "Asks the user", EMPTY, (args, ctx) -> {
            McpElicitation answer = ctx.elicit("Deploy now?", "{\"type\":\"object\",\"properties\":{"
                    + "\"confirm\":{\"type\":\"boolean\"},\"region\":{\"type\":\"string\",\"default\":\"eu\"}}}");
            return McpToolResult.text(answer.action() + " " + answer.contentJson().orElse("-"));
        });
        McpElicitationHandler user = (server, message, schema) -> {
            assertThat(server).isEqualTo("features");
            assertThat(message).isEqualTo("Deploy now?");
            return McpElicitation.accept("{\"confirm\":true}");
        };
        try (McpToolServer.HttpEndpoint endpoint = serve(ask);
                McpClient client = McpClient.connect(McpServerConfig.http("features", endpoint.uri()),
                        McpOptions.builder().elicitation(user).build())) {
            ToolResult result = client.call("ask", "{}");
            assertThat(result.isError()).isFalse();
            // The region the person left out is filled in from the schema's default (SEP-1034).
            assertThat(result.text()).isEqualTo("accept {\"confirm\":true,\"region\":\"eu\"}");
        }
    }

    @Test
    void withoutAnElicitationHandlerTheClientOffersNoElicitation() {
        McpServedTool ask = McpServedTool.of("ask", "Asks the user", EMPTY,
                (args, ctx) -> McpToolResult.text("can elicit: " + ctx.canElicit() + ", can sample: " + ctx.canSample()));
        try (McpToolServer.HttpEndpoint endpoint = serve(ask);
                McpClient client = McpClient.connect(McpServerConfig.http("features", endpoint.uri()))) {
            assertThat(client.call("ask", "{}").text()).isEqualTo("can elicit: false, can sample: false");
        }
    }

    @Test
    void samplingIsAnsweredByTheAgentsModelUnderThePolicy() {
        McpServedTool summarise = McpServedTool.of("summarise", "Summarises with the client's model", EMPTY,
                (args, ctx) -> McpToolResult.text("model says: " + ctx.sample("What is 2+2?", 50)));
        FakeModel model = new FakeModel().enqueueText("four");
        McpOptions allowed = McpOptions.builder().sampling(McpSampling.withModel(model, 10_000, r -> r.server().equals("features"))).build();
        try (McpToolServer.HttpEndpoint endpoint = serve(summarise);
                McpClient client = McpClient.connect(McpServerConfig.http("features", endpoint.uri()), allowed)) {
            assertThat(client.call("summarise", "{}").text()).isEqualTo("model says: four");
            assertThat(model.takeRequest().messages().toString()).contains("What is 2+2?");
        }
        McpOptions refused = McpOptions.builder().sampling(McpSampling.withModel(model, 10_000, r -> false)).build();
        try (McpToolServer.HttpEndpoint endpoint = serve(summarise);
                McpClient client = McpClient.connect(McpServerConfig.http("features", endpoint.uri()), refused)) {
            ToolResult result = client.call("summarise", "{}");
            assertThat(result.isError()).isTrue();
            assertThat(result.text()).contains("not approved by the policy");
        }
    }

    @Test
    void richContentAndProgressReachTheClient() {
        McpServedTool chart = McpServedTool.of("chart", "Draws", EMPTY, (args, ctx) -> {
            ctx.progress(1, 2, "half");
            ctx.log(McpCallContext.LogLevel.INFO, "drawing");
            return McpToolResult.of(new McpContent.Text("a chart"), new McpContent.Image(ConformanceFixture.PNG, "image/png"));
        });
        try (McpToolServer.HttpEndpoint endpoint = serve(chart);
                McpClient client = McpClient.connect(McpServerConfig.http("features", endpoint.uri()))) {
            ToolResult result = client.call("chart", "{}");
            assertThat(result.isError()).isFalse();
            assertThat(result.text()).contains("a chart");
        }
    }

    @Test
    void theErrorForAnUnknownToolNamesTheToolAskedFor() {
        try (McpToolServer.HttpEndpoint endpoint = serve();
                McpClient client = McpClient.connect(McpServerConfig.http("features", endpoint.uri()))) {
            ToolResult result = client.call("no_such_tool", "{}");
            assertThat(result.isError()).isTrue();
            assertThat(result.text()).contains("Unknown tool: no_such_tool").doesNotContain("invalid_tool_name");
        }
    }

    @Test
    void eachClientGetsASessionThatEndsWhenItCloses() {
        try (McpToolServer.HttpEndpoint endpoint = serve()) {
            McpClient client = McpClient.connect(McpServerConfig.http("features", endpoint.uri()));
            assertThat(endpoint.sessions()).isEqualTo(1);
            client.close();
            assertThat(endpoint.sessions()).isZero();
        }
    }
}
