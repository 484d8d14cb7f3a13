// SPDX-License-Identifier: Apache-2.0
package org.openagention.mcp;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openagention.core.Agent;
import org.openagention.core.RunResult;
import org.openagention.core.message.Content;
import org.openagention.core.testing.FakeModel;
import org.openagention.core.tool.Tool;
import org.openagention.core.tool.ToolResult;

/** Our server over streamable HTTP on loopback, driven by our own client. */
class McpToolServerHttpTest {
    @TempDir
    Path repo;

    private McpToolServer.HttpEndpoint endpoint;
    private McpClient client;

    @BeforeEach
    void start() {
        endpoint = McpToolServer.builder().name("local-tools").tools(TestToolSource.registry(repo)).build().startHttp(0);
        client = McpClient.connect(McpServerConfig.http("local", endpoint.uri()));
    }

    @AfterEach
    void stop() {
        client.close();
        endpoint.close();
    }

    @Test
    void bindsToLoopbackOnAnEphemeralPort() {
        assertThat(endpoint.uri().getHost()).isEqualTo("127.0.0.1");
        assertThat(endpoint.uri().getPort()).isPositive();
        assertThat(endpoint.uri().getPath()).isEqualTo("/mcp");
    }

    @Test
    void servedToolsKeepTheirSchemasAndReadOnlyHints() {
        List<Tool> tools = client.tools();
        assertThat(tools).extracting(Tool::name).containsExactly("local__add", "local__write_note", "local__read_note", "local__fail");
        assertThat(tools.get(0).readOnly()).isTrue();
        assertThat(tools.get(1).readOnly()).isFalse();
        assertThat(tools.get(0).spec().inputSchemaJson()).contains("\"a\"").contains("\"b\"");
        assertThat(tools.get(0).spec().description()).isEqualTo("Adds two integers");
    }

    @Test
    void anAgentUsesServedToolsThroughOurClient() throws Exception {
        FakeModel model = new FakeModel()
                .enqueueToolCall("local__write_note", "{\"name\":\"todo.txt\",\"text\":\"ship it\"}")
                .enqueueToolCall("local__read_note", "{\"name\":\"todo.txt\"}")
                .enqueueToolCall("local__add", "{\"a\":19,\"b\":23}")
                .enqueueText("all done");
        RunResult result = Agent.builder().model(model).tools(client.tools()).build().run("take a note");

        List<Content.ToolOutput> outputs = Transcripts.toolOutputs(result);
        assertThat(outputs).extracting(o -> o.result().text()).containsExactly("wrote todo.txt", "ship it", "42");
        assertThat(Files.readString(repo.resolve("todo.txt"))).isEqualTo("ship it");
    }

    @Test
    void toolErrorsAndDenialsArriveAsErrorResults() {
        ToolResult failed = client.call("fail", "{\"why\":\"testing\"}");
        assertThat(failed.isError()).isTrue();
        assertThat(failed.text()).isEqualTo("failed on purpose: testing");

        ToolResult denied = client.call("write_note", "{\"name\":\"secret.txt\",\"text\":\"x\"}");
        assertThat(denied.isError()).isTrue();
        assertThat(denied.text()).contains("Denied by policy");
        assertThat(repo.resolve("secret.txt")).doesNotExist();

        ToolResult badArgs = client.call("add", "{\"a\":\"one\"}");
        assertThat(badArgs.isError()).isTrue();
        assertThat(badArgs.text()).containsIgnoringCase("add");
    }

    @Test
    void unknownToolIsReportedToTheModel() {
        ToolResult unknown = client.call("nope", "{}");
        assertThat(unknown.isError()).isTrue();
        assertThat(unknown.text()).contains("nope");
    }

    @Test
    void refusesForeignOriginsAndNonPostMethods() throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        String init = "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"ping\"}";
        HttpResponse<String> foreign = http.send(HttpRequest.newBuilder(endpoint.uri())
                .header("Origin", "http://evil.example").header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(init)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(foreign.statusCode()).isEqualTo(403);

        HttpResponse<String> get = http.send(HttpRequest.newBuilder(endpoint.uri()).GET().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(get.statusCode()).isEqualTo(405);

        HttpResponse<String> garbage = http.send(HttpRequest.newBuilder(endpoint.uri()).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("not json")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(garbage.statusCode()).isEqualTo(400);
        assertThat(garbage.body()).contains("-32700");
    }

    @Test
    void aRestartedServerIsReconnectedOnTheNextCall() {
        int port = endpoint.uri().getPort();
        endpoint.close();
        ToolResult lost = client.call("add", "{\"a\":1,\"b\":1}");
        assertThat(lost.isError()).isTrue();
        assertThat(lost.text()).contains("local");

        endpoint = McpToolServer.builder().tools(TestToolSource.registry(repo)).build().startHttp(port);
        assertThat(client.call("add", "{\"a\":1,\"b\":1}").text()).isEqualTo("2");
    }

}
