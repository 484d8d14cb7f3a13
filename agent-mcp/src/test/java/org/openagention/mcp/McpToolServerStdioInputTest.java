// SPDX-License-Identifier: Apache-2.0
package org.openagention.mcp;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.openagention.mcp.internal.McpJson;

/**
 * {@link McpToolServer#serveStdio} in process, fed whole inputs that end: bad lines get JSON-RPC
 * errors, the lines after them are served, and the call returns when the input ends. The timeout
 * only guards against a hang (the bug these tests cover).
 */
@Timeout(value = 60, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class McpToolServerStdioInputTest {
    static final String INITIALIZE = "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\",\"params\":{"
            + "\"protocolVersion\":\"2025-06-18\",\"capabilities\":{},\"clientInfo\":{\"name\":\"test\",\"version\":\"1\"}}}";
    static final String INITIALIZED = "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}";
    static final String TOOLS_LIST = "{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"tools/list\"}";

    @TempDir
    Path repo;

    private List<JsonNode> serve(String... lines) throws Exception {
        byte[] input = (String.join("\n", lines) + "\n").getBytes(StandardCharsets.UTF_8);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        McpToolServer.builder().tools(TestToolSource.registry(repo)).build()
                .serveStdio(new ByteArrayInputStream(input), out);
        List<JsonNode> messages = new ArrayList<>();
        for (String line : out.toString(StandardCharsets.UTF_8).split("\n")) {
            if (!line.isEmpty()) {
                messages.add(McpJson.MAPPER.readTree(line));
            }
        }
        return messages;
    }

    private static Optional<JsonNode> answerTo(List<JsonNode> messages, int id) {
        return messages.stream().filter(m -> m.path("id").isInt() && m.path("id").asInt() == id).findFirst();
    }

    @Test
    void aMalformedLineGetsAParseErrorAndTheFollowingLinesAreServed() throws Exception {
        List<JsonNode> messages = serve("garbage", INITIALIZE, INITIALIZED, TOOLS_LIST);

        JsonNode parseError = messages.get(0);
        assertThat(parseError.has("id")).isTrue();
        assertThat(parseError.get("id").isNull()).isTrue();
        assertThat(parseError.path("jsonrpc").asText()).isEqualTo("2.0");
        assertThat(parseError.path("error").path("code").asInt()).isEqualTo(-32700);
        assertThat(parseError.path("error").path("message").asText()).startsWith("Parse error: ").contains("garbage");

        assertThat(answerTo(messages, 1)).hasValueSatisfying(
                m -> assertThat(m.path("result").path("serverInfo").path("name").asText()).isEqualTo("openagention"));
        assertThat(answerTo(messages, 2)).hasValueSatisfying(m -> assertThat(m.path("result").path("tools")).extracting(t -> t.path("name").asText())
                .containsExactlyInAnyOrder("add", "write_note", "read_note", "fail"));
        assertThat(messages).hasSize(3);
    }

    @Test
    void jsonThatIsNotAJsonRpcMessageGetsAnInvalidRequestErrorWithItsId() throws Exception {
        List<JsonNode> messages = serve("{\"id\":7,\"params\":{}}", "[1,2]", "\"text\"", INITIALIZE);

        assertThat(messages).hasSize(4);
        assertThat(messages.subList(0, 3)).allSatisfy(m -> assertThat(m.path("error").path("code").asInt()).isEqualTo(-32600));
        assertThat(messages.get(0).get("id").asInt()).isEqualTo(7);
        assertThat(messages.get(1).get("id").isNull()).isTrue();
        assertThat(messages.get(2).get("id").isNull()).isTrue();
        assertThat(answerTo(messages, 1)).hasValueSatisfying(m -> assertThat(m.has("result")).isTrue());
    }

    @Test
    void aToolCallStillRunningWhenTheInputEndsIsAnswered() throws Exception {
        List<JsonNode> messages = serve(INITIALIZE, INITIALIZED,
                "{\"jsonrpc\":\"2.0\",\"id\":3,\"method\":\"tools/call\",\"params\":{\"name\":\"add\",\"arguments\":{\"a\":2,\"b\":5}}}");

        assertThat(answerTo(messages, 3)).hasValueSatisfying(
                m -> assertThat(m.path("result").path("content").get(0).path("text").asText()).isEqualTo("7"));
    }

    @Test
    void blankLinesAreSkippedAndCrLfLineEndsAccepted() throws Exception {
        List<JsonNode> messages = serve("", "   ", INITIALIZE + "\r", INITIALIZED + "\r", TOOLS_LIST + "\r");

        assertThat(messages).hasSize(2);
        assertThat(answerTo(messages, 1)).isPresent();
        assertThat(answerTo(messages, 2)).isPresent();
    }

    @Test
    void aRequestWaitingForInitializationDoesNotKeepTheServerRunningAfterTheInputEnds() throws Exception {
        List<JsonNode> messages = serve(INITIALIZE, TOOLS_LIST);

        assertThat(answerTo(messages, 1)).isPresent();
        assertThat(answerTo(messages, 2)).isEmpty();
    }
}
