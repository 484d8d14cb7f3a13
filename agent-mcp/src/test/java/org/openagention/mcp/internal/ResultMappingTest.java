// SPDX-License-Identifier: Apache-2.0
package org.openagention.mcp.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.modelcontextprotocol.spec.McpError;
import io.modelcontextprotocol.spec.McpSchema;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.openagention.core.tool.ToolResult;

class ResultMappingTest {
    private static McpSchema.CallToolResult result(List<McpSchema.Content> content, Object structured, Boolean isError) {
        return new McpSchema.CallToolResult(content, isError, structured, null);
    }

    @Test
    void textContentBecomesTheResultText() {
        ToolResult r = ResultMapping.toToolResult("s", "t", result(List.of(new McpSchema.TextContent("one"),
                new McpSchema.TextContent("two")), null, null));
        assertThat(r).isEqualTo(ToolResult.success("one\ntwo"));
    }

    @Test
    void structuredContentIsAppendedAsJson() {
        ToolResult r = ResultMapping.toToolResult("s", "t", result(List.of(new McpSchema.TextContent("Weather:")),
                Map.of("temperature", 21), null));
        assertThat(r.text()).isEqualTo("Weather:\n\nStructured content (JSON):\n{\"temperature\":21}");
    }

    @Test
    void structuredContentIsTheWholeTextWhenThereIsNoText() {
        ToolResult r = ResultMapping.toToolResult("s", "t", result(List.of(), Map.of("ok", true), null));
        assertThat(r).isEqualTo(ToolResult.success("{\"ok\":true}"));
    }

    @Test
    void structuredContentAlreadyInATextBlockIsNotRepeated() {
        ToolResult r = ResultMapping.toToolResult("s", "t", result(List.of(new McpSchema.TextContent("{ \"a\": 1 }")),
                Map.of("a", 1), null));
        assertThat(r.text()).isEqualTo("{ \"a\": 1 }");
    }

    @Test
    void otherContentIsDescribed() {
        ToolResult r = ResultMapping.toToolResult("s", "t", result(List.of(
                new McpSchema.ImageContent(null, "AAAA", "image/png"),
                new McpSchema.EmbeddedResource(null, new McpSchema.TextResourceContents("file:///a.txt", "text/plain", "inside"))),
                null, null));
        assertThat(r.text()).contains("[image: image/png, 3 bytes]").contains("[resource file:///a.txt]\ninside");
    }

    @Test
    void isErrorResultsBecomeErrorsTheModelCanRead() {
        ToolResult r = ResultMapping.toToolResult("s", "t", result(List.of(new McpSchema.TextContent("no such file")), null, true));
        assertThat(r).isEqualTo(ToolResult.error("no such file"));
        ToolResult silent = ResultMapping.toToolResult("srv", "tool", result(List.of(), null, true));
        assertThat(silent.isError()).isTrue();
        assertThat(silent.text()).contains("'tool'").contains("'srv'").contains("without a message");
    }

    @Test
    void jsonRpcErrorsKeepTheirMessageAndCode() {
        ToolResult invalid = ResultMapping.fromJsonRpcError("s", "t",
                new McpError(new McpSchema.JSONRPCResponse.JSONRPCError(-32602, "bad params")));
        assertThat(invalid).isEqualTo(ToolResult.error(ToolResult.ErrorKind.INVALID_ARGUMENTS,
                "MCP server 's' refused the call to 't': bad params (JSON-RPC error -32602)"));
        ToolResult missing = ResultMapping.fromJsonRpcError("s", "t",
                new McpError(new McpSchema.JSONRPCResponse.JSONRPCError(-32601, "no method")));
        assertThat(((ToolResult.Error) missing).kind()).isEqualTo(ToolResult.ErrorKind.UNKNOWN_TOOL);
        ToolResult internal = ResultMapping.fromJsonRpcError("s", "t",
                new McpError(new McpSchema.JSONRPCResponse.JSONRPCError(-32603, "boom")));
        assertThat(((ToolResult.Error) internal).kind()).isEqualTo(ToolResult.ErrorKind.TOOL_FAILED);
    }

    @Test
    void timeoutsAndLostConnectionsAreErrorResults() {
        ToolResult t = ResultMapping.timedOut("s", "slow", Duration.ofSeconds(5));
        assertThat(((ToolResult.Error) t).kind()).isEqualTo(ToolResult.ErrorKind.TIMEOUT);
        assertThat(t.text()).contains("'slow'").contains("5 s");
        ToolResult lost = ResultMapping.connectionLost("s", "t", "exited with code 1");
        assertThat(lost.text()).contains("exited with code 1").contains("reconnected on the next call");
    }

    @Test
    void theSignificantCauseIsFoundInAChain() {
        McpError e = new McpError(new McpSchema.JSONRPCResponse.JSONRPCError(-1, "x"));
        assertThat(ResultMapping.significant(new RuntimeException(new IllegalStateException(e)))).isSameAs(e);
        IllegalStateException root = new IllegalStateException("root");
        assertThat(ResultMapping.significant(new RuntimeException(root))).isSameAs(root);
    }
}
