// SPDX-License-Identifier: Apache-2.0
package org.openagention.otel;

import static org.assertj.core.api.Assertions.assertThat;

import io.opentelemetry.api.OpenTelemetry;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openagention.core.Agent;
import org.openagention.core.model.Model;
import org.openagention.core.testing.FakeModel;
import org.openagention.core.tool.Tool;
import org.openagention.core.tool.ToolResult;
import org.openagention.orchestration.Orchestrator;
import org.openagention.orchestration.RunStatus;
import org.openagention.orchestration.graph.Task;
import org.openagention.orchestration.graph.TaskGraph;
import org.openagention.orchestration.lanes.TaskWorkspaces;
import org.openagention.orchestration.lanes.WorkerFactory;
import org.openagention.tools.CodingTools;

/** The README's "Tracing with OpenTelemetry" code, as written there (the orchestrator on plain directories instead of a repository). */
class ReadmeExampleTest {
    record Path_(String path) {}

    @TempDir
    Path dir;

    private final Traces traces = new Traces();

    @AfterEach
    void close() {
        traces.close();
    }

    @Test
    void theReadmeCodeTracesAnAgentAndAnOrchestrator() {
        OpenTelemetry openTelemetry = traces.sdk;
        Model model = FakeModel.answering(r -> org.openagention.core.model.ModelResponse.ofText("done"));
        Tool readFile = Tool.readOnly("read_file", "Reads a file", Path_.class, (a, ctx) -> ToolResult.success(""));

        // --- as in the README
        OpenTelemetryAgents tracing = OpenTelemetryAgents.create(openTelemetry);

        Agent agent = tracing.instrument(Agent.builder())        // first, so its spans wrap your interceptors
                .name("helper")
                .model(model)
                .addTool(readFile)
                .build();

        Orchestrator orchestrator = tracing.instrument(Orchestrator.builder(),
                        WorkerFactory.agents((task, ws) -> tracing.instrument(Agent.builder())
                                .name("worker").model(model).tools(CodingTools.all(ws)).build()))
                .workspaces(TaskWorkspaces.directories(dir))    // the README: .repository(Path.of("."))
                .build();
        // ---

        agent.run("hi");
        assertThat(orchestrator.run(TaskGraph.builder().add(Task.builder("t").goal("Do it").build()).build()).status())
                .isEqualTo(RunStatus.COMPLETED);
        assertThat(traces.names()).contains("invoke_agent helper", "invoke_workflow orchestrator", "task t",
                "attempt t", "invoke_agent worker");
        assertThat(traces.span("invoke_agent worker").getParentSpanId())
                .isEqualTo(traces.span("attempt t").getSpanId());
    }
}
