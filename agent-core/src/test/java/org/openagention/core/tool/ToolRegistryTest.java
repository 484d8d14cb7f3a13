// SPDX-License-Identifier: Apache-2.0
package org.openagention.core.tool;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.openagention.core.ConfigurationException;

class ToolRegistryTest {
    enum Mode { FAST, SAFE }

    record Move(@Description("Where from") String from, String to, Mode mode, Optional<Integer> retries) {}

    record NoArgs() {}

    private static final Tool MOVE = Tool.of("move", "Moves a file", Move.class,
            (a, ctx) -> ToolResult.success(a.from() + "->" + a.to() + " " + a.mode() + " " + a.retries().orElse(0)));

    private final ToolRegistry registry = ToolRegistry.of(MOVE,
            Tool.of("boom", "Throws", NoArgs.class, (a, ctx) -> {
                throw new IOException("disk on fire");
            }),
            Tool.of("nothing", "Returns null", NoArgs.class, (a, ctx) -> null),
            Tool.readOnly("ping", "No arguments", NoArgs.class, (a, ctx) -> ToolResult.success("pong")));

    private ToolResult call(String name, String args) {
        return registry.execute(new ToolCall("id1", name, args), ToolContext.standalone());
    }

    @Test
    void validCallReachesHandlerWithBoundArguments() {
        assertThat(call("move", "{\"from\":\"a\",\"to\":\"b\",\"mode\":\"SAFE\",\"retries\":2}"))
                .isEqualTo(ToolResult.success("a->b SAFE 2"));
        assertThat(call("move", "{\"from\":\"a\",\"to\":\"b\",\"mode\":\"FAST\"}")).isEqualTo(ToolResult.success("a->b FAST 0"));
    }

    @Test
    void unknownToolNamesTheToolAndListsAvailableOnes() {
        ToolResult r = call("teleport", "{}");
        assertThat(r).isInstanceOf(ToolResult.Error.class);
        assertThat(((ToolResult.Error) r).kind()).isEqualTo(ToolResult.ErrorKind.UNKNOWN_TOOL);
        assertThat(r.text()).contains("Unknown tool: teleport").contains("move, boom, nothing, ping");
    }

    @Test
    void malformedJsonIsReportedWithSchema() {
        ToolResult r = call("move", "{\"from\": \"a\",");
        assertThat(((ToolResult.Error) r).kind()).isEqualTo(ToolResult.ErrorKind.INVALID_ARGUMENTS);
        assertThat(r.text()).contains("not valid JSON").contains("\"from\"");
    }

    record Edit(String path, List<String> lines) {}

    record Batch(List<Edit> edits) {}

    @Test
    void schemaViolationsInsideListsNameTheFullPath() {
        ToolRegistry batch = ToolRegistry.of(Tool.of("batch", "Edits files", Batch.class,
                (a, ctx) -> ToolResult.success("ok")));
        ToolResult r = batch.execute(new ToolCall("id1", "batch",
                "{\"edits\":[{\"path\":\"a\",\"lines\":[]},{\"path\":7,\"lines\":[\"x\",false]}]}"),
                ToolContext.standalone());
        assertThat(r.text())
                .contains("$.edits[1].path: expected string but got integer 7")
                .contains("$.edits[1].lines[1]: expected string but got boolean false")
                .doesNotContain("$.edits[0]");
    }

    @Test
    void argumentsThatAreNotAnObjectAreRefused() {
        assertThat(call("move", "[1,2]").text()).contains("must be a JSON object but were array");
    }

    @Test
    void schemaViolationsAreAllListedWithPaths() {
        ToolResult r = call("move", "{\"from\":3,\"mode\":\"SLOW\",\"extra\":true}");
        assertThat(((ToolResult.Error) r).kind()).isEqualTo(ToolResult.ErrorKind.INVALID_ARGUMENTS);
        assertThat(r.text())
                .contains("$: missing required property 'to'")
                .contains("$.from: expected string but got integer 3")
                .contains("$.mode: string \"SLOW\" is not one of [\"FAST\",\"SAFE\"]")
                .contains("$: unknown property 'extra'");
    }

    @Test
    void handlerExceptionBecomesErrorResult() {
        ToolResult r = call("boom", "{}");
        assertThat(((ToolResult.Error) r).kind()).isEqualTo(ToolResult.ErrorKind.HANDLER_EXCEPTION);
        assertThat(r.text()).isEqualTo("Tool boom failed: IOException: disk on fire");
    }

    @Test
    void handlerReturningNullBecomesErrorResult() {
        assertThat(call("nothing", "{}").text()).contains("returned null");
    }

    @Test
    void blankArgumentsMeanNoArguments() {
        assertThat(call("ping", "")).isEqualTo(ToolResult.success("pong"));
        assertThat(call("ping", "  ")).isEqualTo(ToolResult.success("pong"));
    }

    @Test
    void duplicateToolNamesAreRefused() {
        assertThatThrownBy(() -> ToolRegistry.of(MOVE, MOVE)).isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("two tools are named 'move'");
    }

    @Test
    void invalidToolNameIsRefused() {
        assertThatThrownBy(() -> Tool.of("read file", "x", NoArgs.class, (a, c) -> ToolResult.success("")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'read file' is not valid");
    }

    @Test
    void interceptorRewritingArgumentsIsRevalidated() {
        ToolRegistry r = registry.withInterceptors(List.of(chain -> chain.proceed(chain.call().withArguments("{\"from\":1}"))));
        ToolResult result = r.execute(new ToolCall("i", "move", "{\"from\":\"a\",\"to\":\"b\",\"mode\":\"FAST\"}"),
                ToolContext.standalone());
        assertThat(result.text()).contains("$.from: expected string");
    }

    /** An interceptor with a name, so that errors can be checked for naming it. */
    private record Named(String name, ToolInterceptor body) implements ToolInterceptor {
        @Override
        public ToolResult intercept(Chain chain) throws Exception {
            return body.intercept(chain);
        }

        @Override
        public String toString() {
            return name;
        }
    }

    @Test
    void interceptorCallingProceedTwiceFailsNamingIt() {
        int[] runs = {0};
        ToolRegistry r = ToolRegistry.of(Tool.of("count", "Counts", NoArgs.class, (a, ctx) -> {
            runs[0]++;
            return ToolResult.success("ran");
        })).withInterceptors(List.of(new Named("retry-twice", chain -> {
            chain.proceed(chain.call());
            return chain.proceed(chain.call());
        })));
        ToolResult result = r.execute(new ToolCall("i", "count", "{}"), ToolContext.standalone());
        assertThat(result.isError()).isTrue();
        assertThat(result.text()).contains("tool interceptor retry-twice called proceed() twice");
        assertThat(runs[0]).isEqualTo(1);
    }

    @Test
    void interceptorReturningNullFailsNamingIt() {
        ToolRegistry r = registry.withInterceptors(List.of(new Named("forgetful", chain -> null)));
        ToolResult result = r.execute(new ToolCall("i", "ping", "{}"), ToolContext.standalone());
        assertThat(result.isError()).isTrue();
        assertThat(result.text()).contains("tool interceptor forgetful returned null");
    }

    @Test
    void interceptorMayShortCircuitWithItsOwnResult() {
        ToolRegistry r = registry.withInterceptors(List.of(new Named("deny",
                chain -> ToolResult.error(ToolResult.ErrorKind.DENIED, "not allowed"))));
        ToolResult result = r.execute(new ToolCall("i", "ping", "{}"), ToolContext.standalone());
        assertThat(result.text()).isEqualTo("not allowed");
    }

    @Test
    void rawToolIsValidatedAgainstItsDeclaredSchema() {
        Tool raw = new Tool() {
            @Override
            public ToolSpec spec() {
                return new ToolSpec("raw", "Raw", "{\"type\":\"object\",\"properties\":{\"n\":{\"type\":\"integer\",\"minimum\":1}},"
                        + "\"required\":[\"n\"]}");
            }

            @Override
            public ToolResult call(ToolCall call, ToolContext context) {
                return ToolResult.success(call.argumentsJson());
            }
        };
        ToolRegistry r = ToolRegistry.of(raw);
        assertThat(r.execute(new ToolCall("i", "raw", "{\"n\":0}"), ToolContext.standalone()).text())
                .contains("$.n: 0 is below the minimum 1");
        assertThat(r.execute(new ToolCall("i", "raw", "{\"n\":2}"), ToolContext.standalone()).text()).isEqualTo("{\"n\":2}");
    }
}
