// SPDX-License-Identifier: Apache-2.0
package org.openagention.temporal;

import static org.assertj.core.api.Assertions.assertThat;

import io.temporal.common.WorkflowExecutionHistory;
import io.temporal.testing.WorkflowReplayer;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Replays the recorded histories of the workflow tests' runs (src/test/resources/histories) with
 * the current workflow code: fails when a change to the loop, the step executor or the workflow
 * would take another decision than a run already in flight took, which would break such runs on a
 * new worker version. Rerecord on purpose only (-Dopenagention.recordHistories=true on
 * AgentWorkflowTest), and only for a change meant to be incompatible.
 */
class AgentWorkflowReplayTest {

    static Stream<String> runs() {
        return TestAgents.recordedRunIds().stream();
    }

    /** The recorded graph runs and their attempts (GraphWorkflowTest), by file name. */
    static Stream<String> graphRuns() throws Exception {
        java.net.URL dir = AgentWorkflowReplayTest.class.getResource("/histories");
        try (Stream<java.nio.file.Path> files = java.nio.file.Files.list(java.nio.file.Path.of(dir.toURI()))) {
            return files.map(p -> p.getFileName().toString()).filter(n -> n.startsWith("graph-"))
                    .map(n -> n.substring(0, n.length() - ".json".length())).sorted().toList().stream();
        }
    }

    @ParameterizedTest
    @MethodSource("graphRuns")
    void recordedGraphHistoryReplaysWithTheCurrentWorkflowCode(String name, @org.junit.jupiter.api.io.TempDir
            java.nio.file.Path dir) throws Exception {
        String json;
        try (InputStream in = getClass().getResourceAsStream("/histories/" + name + ".json")) {
            json = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        try (GraphFixture f = new GraphFixture(dir)) {
            WorkflowReplayer.replayWorkflowExecution(WorkflowExecutionHistory.fromJson(json), f.worker);
        }
    }

    @org.junit.jupiter.api.Test
    void graphHistoriesAreRecorded() throws Exception {
        assertThat(graphRuns().count()).as("recorded graph histories").isGreaterThanOrEqualTo(3);
    }

    @ParameterizedTest
    @MethodSource("runs")
    void recordedHistoryReplaysWithTheCurrentWorkflowCode(String runId) throws Exception {
        String json;
        try (InputStream in = getClass().getResourceAsStream("/histories/" + runId + ".json")) {
            assertThat(in).as("recorded history of " + runId).isNotNull();
            json = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        WorkflowExecutionHistory history = WorkflowExecutionHistory.fromJson(json);
        try (TestAgents agents = new TestAgents()) {
            WorkflowReplayer.replayWorkflowExecution(history, agents.worker);
        }
    }
}
