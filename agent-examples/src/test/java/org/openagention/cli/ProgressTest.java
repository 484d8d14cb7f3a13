// SPDX-License-Identifier: Apache-2.0
package org.openagention.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.openagention.core.AgentEvent;
import org.openagention.core.AgentListener;
import org.openagention.core.model.ModelResponse;
import org.openagention.core.model.PriceTable;
import org.openagention.core.model.Usage;
import org.openagention.core.tool.ToolCall;
import org.openagention.core.tool.ToolResult;
import org.openagention.orchestration.OrchestrationEvent;
import org.openagention.orchestration.graph.TaskState;
class ProgressTest {
    private static final Instant AT = Instant.parse("2025-01-01T00:00:00Z");
    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private final PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);

    private String output() {
        return bytes.toString(StandardCharsets.UTF_8);
    }

    private static void workOn(Progress p) {
        p.onEvent(new OrchestrationEvent.TaskStateChanged("orch-1", AT, "fix", TaskState.PENDING, TaskState.RUNNING, ""));
        p.onEvent(new OrchestrationEvent.AttemptStarted("orch-1", AT, "fix", 1));
        AgentListener worker = p.lane("fix", "fix#1");
        worker.onEvent(new AgentEvent.TurnStarted("run-1", AT, 1));
        worker.onEvent(new AgentEvent.ModelResponded("run-1", AT, 1, ModelResponse.builder().modelId("claude-sonnet-4-5")
                .usage(new Usage(100, 100, 800, 100)).addToolUse("c1", "shell", "{\"command\":\"mvn test\"}").build(),
                Duration.ofMillis(5), false));
        ToolCall call = new ToolCall("c1", "shell", "{\"command\":\"mvn test\"}");
        worker.onEvent(new AgentEvent.ToolCallStarted("run-1", AT, 1, call));
        worker.onEvent(new AgentEvent.ToolCallFinished("run-1", AT, 1, call,
                ToolResult.error("The command failed with exit code 1. Output:\nTests run: 3\nBUILD FAILURE"),
                Duration.ofMillis(9), false));
        p.onEvent(new OrchestrationEvent.AttemptFinished("orch-1", AT, "fix", 1, 1, 1100, 0.0045, Duration.ofSeconds(2),
                "CHECK_FAILED"));
        p.onEvent(new OrchestrationEvent.TaskStateChanged("orch-1", AT, "fix", TaskState.RUNNING, TaskState.FAILED,
                "the check failed"));
        p.close();
    }

    @Test
    void plainOutputIsOneLinePerEventAndASummaryTable() {
        workOn(Progress.text(new Terminal(out, false, 120, null), PriceTable.defaults()));
        String text = output();
        assertThat(text).doesNotContain("\u001b[");
        assertThat(text).contains("fix: pending -> running", "fix#1: shell {\"command\":\"mvn test\"}",
                "fix#1: shell returned an error: The command failed with exit code 1. Output: … BUILD FAILURE",
                "fix: attempt 1 check_failed (1 turns, 1,100 tokens, $0.0045)", "fix: running -> failed (the check failed)");
        List<String> lines = text.lines().toList();
        assertThat(lines).anySatisfy(l -> assertThat(l).startsWith("TASK").contains("STATE", "ATT", "TURNS", "TOKENS", "COST"));
        assertThat(lines).anySatisfy(l -> assertThat(l).startsWith("fix ").contains("failed", "1,100"));
        assertThat(lines).contains("prompt cache: 800 input tokens read from it (80%), 100 written to it, 100 uncached");
    }

    @Test
    void aMergeConflictSaysWhoResolvesItOrThatAPersonMust() {
        Progress p = Progress.text(new Terminal(out, false, 120, null), PriceTable.defaults());
        p.onEvent(new OrchestrationEvent.TaskStateChanged("orch-1", AT, "fix", TaskState.PENDING, TaskState.RUNNING,
                "the check command sh -c make test exited with 1. Output:\nok 1\nFAIL parser: 2 failed"));
        p.onEvent(new OrchestrationEvent.TaskMerged("orch-1", AT, "fix", false, List.of("a.txt"), "fix-merge"));
        p.onEvent(new OrchestrationEvent.TaskMerged("orch-1", AT, "fix-merge", false, List.of("a.txt"), ""));
        p.close();
        assertThat(output()).contains("fix: pending -> running (the check command sh -c make test exited with 1. Output: …"
                        + " FAIL parser: 2 failed)",
                "fix: merge conflict in [a.txt], resolved by new task fix-merge",
                "fix-merge: merge conflict in [a.txt], left for a person (its work stays on its branch)");
    }

    @Test
    void liveOutputRedrawsTheTableInPlace() {
        Progress p = Progress.text(new Terminal(out, true, 120, null), PriceTable.defaults());
        p.onEvent(new OrchestrationEvent.AttemptStarted("orch-1", AT, "fix", 1));
        AgentListener worker = p.lane("fix", "fix#1");
        worker.onEvent(new AgentEvent.ToolCallStarted("run-1", AT, 1, new ToolCall("c1", "read_file", "{\"path\":\"a\"}")));
        String drawn = output();
        assertThat(drawn).contains("\u001b[3A\u001b[J"); // cursor up over the 3-line table, then clear below
        assertThat(drawn).contains("NOW").contains("read_file {\"path\":\"a\"}");
        assertThat(drawn).doesNotContain("fix#1: read_file"); // tool calls live in the table, not the log
        p.close();
    }

    @Test
    void jsonPrintsOneTypedObjectPerEvent() throws Exception {
        workOn(Progress.json(out));
        List<String> lines = output().lines().toList();
        assertThat(lines).hasSize(8);
        for (String line : lines) {
            JsonNode n = EventJson.JSON.readTree(line);
            assertThat(n.path("type").asText()).isNotEmpty();
            assertThat(n.path("runId").asText()).isNotEmpty();
        }
        assertThat(lines.get(0)).startsWith("{\"type\":\"task.state\"");
        assertThat(EventJson.JSON.readTree(lines.get(5)).path("type").asText()).isEqualTo("agent.tool_finished");
        assertThat(EventJson.JSON.readTree(lines.get(5)).path("lane").asText()).isEqualTo("fix#1");
        assertThat(EventJson.JSON.readTree(lines.get(6)).path("outcome").asText()).isEqualTo("CHECK_FAILED");
    }
}
