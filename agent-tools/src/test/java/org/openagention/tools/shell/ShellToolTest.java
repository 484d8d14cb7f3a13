// SPDX-License-Identifier: Apache-2.0
package org.openagention.tools.shell;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openagention.core.AgentEvent;
import org.openagention.core.tool.Tool;
import org.openagention.core.tool.ToolCall;
import org.openagention.core.tool.ToolContext;
import org.openagention.core.tool.ToolResult;
import org.openagention.core.tool.ToolResult.ErrorKind;
import org.openagention.tools.Workspace;
import org.openagention.tools.process.Pids;

class ShellToolTest {
    @TempDir
    Path dir;

    private Tool shell(ShellOptions options) {
        return ShellTool.create(Workspace.local(dir), options);
    }

    static ToolResult call(Tool tool, String command, Integer timeoutSeconds, ToolContext ctx) throws Exception {
        String json = "{\"command\":" + quote(command)
                + (timeoutSeconds == null ? "" : ",\"timeout_seconds\":" + timeoutSeconds) + "}";
        return tool.call(new ToolCall("c1", ShellTool.NAME, json), ctx);
    }

    static ToolResult call(Tool tool, String command) throws Exception {
        return call(tool, command, null, ToolContext.standalone());
    }

    static String quote(String s) {
        return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n") + "\"";
    }

    @Test
    void aCommandThatCannotStartSaysWhyWithoutTheHostsWorkspacePath() throws Exception {
        Path gone = Files.createDirectory(dir.resolve("gone"));
        Tool tool = ShellTool.create(Workspace.local(gone), ShellOptions.defaults());
        Files.delete(gone); // the working directory no longer exists: the process cannot start

        ToolResult result = call(tool, "echo hi");

        assertThat(result.isError()).isTrue();
        assertThat(result.text()).startsWith("could not start the command").doesNotContain(dir.toString());
    }

    @Test
    void runsInWorkspaceRootAndReportsExitCode() throws Exception {
        ToolResult result = call(shell(ShellOptions.defaults()), "pwd; echo hello");
        assertThat(result.isError()).isFalse();
        assertThat(result.text()).contains(dir.toRealPath().toString()).contains("hello").endsWith("[exit code 0]");
    }

    @Test
    void nonZeroExitIsAnErrorCarryingTheOutput() throws Exception {
        ToolResult result = call(shell(ShellOptions.defaults()), "echo to-stdout; echo to-stderr >&2; exit 3");
        assertThat(result).isInstanceOf(ToolResult.Error.class);
        assertThat(((ToolResult.Error) result).kind()).isEqualTo(ErrorKind.TOOL_FAILED);
        assertThat(result.text()).contains("exit code 3").contains("to-stdout\nto-stderr");
    }

    @Test
    void stdinIsEmptySoReadersDoNotHang() throws Exception {
        ToolResult result = call(shell(ShellOptions.defaults()), "cat; echo done");
        assertThat(result.text()).contains("done").endsWith("[exit code 0]");
    }

    @Test
    void timeoutKillsTheWholeProcessTree() throws Exception {
        String command = "sleep 300 & echo pid:$!\n"
                + "(sleep 300 & echo pid:$!; sleep 300) & echo pid:$!\n"
                + "nohup sleep 300 >/dev/null 2>&1 & echo pid:$!\n"
                + "bash -c 'sleep 300 & echo pid:$!; sleep 300 & echo pid:$!; wait' & echo pid:$!\n"
                + "setsid sleep 300 & echo pid:$!\n"
                + "echo pid:$$\n"
                + "wait\n";
        ToolResult result = call(shell(ShellOptions.defaults()), command, 1, ToolContext.standalone());
        assertThat(((ToolResult.Error) result).kind()).isEqualTo(ErrorKind.TIMEOUT);
        assertThat(result.text()).contains("timed out after 1 s");
        List<Long> pids = Pids.in(result.text());
        assertThat(pids).hasSize(9);
        Pids.assertAllGone(pids);
    }

    @Test
    void backgroundJobsDoNotOutliveACommandThatExits() throws Exception {
        ToolResult result = call(shell(ShellOptions.defaults()), "sleep 300 & echo pid:$!; nohup sleep 300 >/dev/null 2>&1 & echo pid:$!");
        assertThat(result.isError()).isFalse();
        List<Long> pids = Pids.in(result.text());
        assertThat(pids).hasSize(2);
        Pids.assertAllGone(pids);
    }

    @Test
    void cancellationKillsTheProcessTree() throws Exception {
        Path started = dir.resolve("started");
        ToolContext cancelledOnceStarted = new ToolContext() {
            @Override
            public String runId() {
                return "r";
            }

            @Override
            public int turn() {
                return 1;
            }

            @Override
            public boolean isCancelled() {
                return Files.exists(started);
            }

            @Override
            public void publish(AgentEvent event) {}
        };
        ToolResult result = call(shell(ShellOptions.defaults()), "sleep 300 & echo pid:$!; echo pid:$$; touch started; wait",
                null, cancelledOnceStarted);
        assertThat(((ToolResult.Error) result).kind()).isEqualTo(ErrorKind.CANCELLED);
        List<Long> pids = Pids.in(result.text());
        assertThat(pids).hasSize(2);
        Pids.assertAllGone(pids);
    }

    @Test
    void requestedTimeoutIsCappedByTheMaximum() throws Exception {
        ShellOptions options = ShellOptions.builder().defaultTimeout(Duration.ofSeconds(1)).maxTimeout(Duration.ofSeconds(1)).build();
        ToolResult result = call(shell(options), "echo pid:$$; sleep 300", 3600, ToolContext.standalone());
        assertThat(((ToolResult.Error) result).kind()).isEqualTo(ErrorKind.TIMEOUT);
        assertThat(result.text()).contains("capped at the maximum of 1 s");
        Pids.assertAllGone(Pids.in(result.text()));
    }

    @Test
    void gigabyteOfOutputIsCappedHeadAndTailWithoutGrowingTheHeap() throws Exception {
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        Tool tool = shell(ShellOptions.defaults());
        System.gc();
        long before = memory.getHeapMemoryUsage().getUsed();
        ToolResult result = call(tool, "printf START; head -c 1000000000 /dev/zero | tr '\\0' a; printf END");
        System.gc();
        long after = memory.getHeapMemoryUsage().getUsed();
        long grown = after - before;
        System.out.printf("1 GB output: heap used before %d KB, after %d KB, grown %d KB%n",
                before / 1024, after / 1024, grown / 1024);
        assertThat(result.isError()).isFalse();
        assertThat(result.text()).startsWith("STARTaaaa").contains("1000000008 bytes in total").endsWith("aaaaEND\n[exit code 0]");
        assertThat(result.text().length()).isLessThan(40_000);
        assertThat(grown).isLessThan(64L * 1024 * 1024);
    }

    @Test
    void theFirstCommandRunsInTheIsolatedRootOfALazyWorkspaceNotInItsBase() throws Exception {
        Path base = Files.createDirectories(dir.resolve("base"));
        Path own = dir.resolve("own");
        Workspace lazy = Workspace.lazy(base, () -> {
            try {
                return Files.createDirectories(own);
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });

        ToolResult r = call(ShellTool.create(lazy), "echo built > out.txt && pwd");

        assertThat(r.isError()).isFalse();
        assertThat(lazy.isIsolated()).isTrue();
        assertThat(r.text()).contains(own.toRealPath().toString());
        assertThat(own.resolve("out.txt")).hasContent("built");
        assertThat(base.resolve("out.txt")).as("the base is untouched").doesNotExist();
    }

    @Test
    void smallOutputIsReturnedWhole() throws Exception {
        Tool tool = shell(ShellOptions.builder().headBytes(10).tailBytes(10).build());
        assertThat(call(tool, "printf 0123456789abcdefghij").text()).isEqualTo("0123456789abcdefghij\n[exit code 0]");
        assertThat(call(tool, "printf 0123456789-middle-abcdefghij").text())
                .startsWith("0123456789\n[... output truncated: 28 bytes in total; the first 10 and the last 10 bytes are shown, 8 bytes omitted ...]\nabcdefghij");
    }

    @Test
    void environmentIsScrubbedOfSecretsUnlessAllowed() throws Exception {
        Map<String, String> parent = Map.of("PATH", System.getenv("PATH"), "HOME", "/home/someone",
                "OPENAI_API_KEY", "sk-1", "GITHUB_TOKEN", "ghp", "DB_PASSWORD", "pw", "AWS_REGION", "eu",
                "MY_SECRET_THING", "s", "SERVICE_CREDENTIALS", "c", "ALLOWED_TOKEN", "keep");
        ShellOptions options = ShellOptions.builder().allowEnv("ALLOWED_TOKEN").putEnv("EXTRA", "x").build();
        Tool tool = ShellTool.create(Workspace.local(dir), options, null, parent);
        String env = call(tool, "env | sort").text();
        List<String> names = env.lines().filter(l -> l.contains("=")).map(l -> l.substring(0, l.indexOf('=')))
                .collect(Collectors.toList());
        assertThat(names).contains("PATH", "HOME", "ALLOWED_TOKEN", "EXTRA", "PAGER")
                .doesNotContain("OPENAI_API_KEY", "GITHUB_TOKEN", "DB_PASSWORD", "AWS_REGION", "MY_SECRET_THING",
                        "SERVICE_CREDENTIALS");
    }

    @Test
    void badArgumentsAreErrorsTheModelCanCorrect() throws Exception {
        Tool tool = shell(ShellOptions.defaults());
        ToolResult empty = call(tool, "  ");
        assertThat(((ToolResult.Error) empty).kind()).isEqualTo(ErrorKind.INVALID_ARGUMENTS);
        assertThat(empty.text()).contains("command is empty");
        ToolResult zero = call(tool, "true", 0, ToolContext.standalone());
        assertThat(zero.text()).contains("timeout_seconds must be a positive number");
    }

    @Test
    void optionsRejectInconsistentValues() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> ShellOptions.builder()
                        .defaultTimeout(Duration.ofSeconds(10)).maxTimeout(Duration.ofSeconds(5)).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("exceeds maxTimeout");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> ShellOptions.builder().headBytes(-1))
                .hasMessageContaining("headBytes must be between");
    }
}
