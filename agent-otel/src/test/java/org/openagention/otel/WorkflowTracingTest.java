// SPDX-License-Identifier: Apache-2.0
package org.openagention.otel;

import static io.opentelemetry.api.common.AttributeKey.longKey;
import static io.opentelemetry.api.common.AttributeKey.stringKey;
import static org.assertj.core.api.Assertions.assertThat;
import static org.openagention.otel.Traces.attr;

import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.sdk.trace.data.SpanData;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openagention.core.Agent;
import org.openagention.core.RetryPolicy;
import org.openagention.core.model.FinishReason;
import org.openagention.core.model.ModelResponse;
import org.openagention.core.model.Usage;
import org.openagention.core.testing.FakeModel;
import org.openagention.orchestration.review.AcceptanceCheck;
import org.openagention.orchestration.graph.FailureKind;
import org.openagention.orchestration.OrchestrationResult;
import org.openagention.orchestration.Orchestrator;
import org.openagention.orchestration.review.ReviewDecision;
import org.openagention.orchestration.RunStatus;
import org.openagention.orchestration.graph.Task;
import org.openagention.orchestration.graph.TaskGraph;
import org.openagention.orchestration.lanes.TaskWorkspaces;
import org.openagention.orchestration.review.Verdict;
import org.openagention.orchestration.lanes.WorkerFactory;

/** One trace for an orchestrated run: the graph, its tasks, attempts, checks, reviews and merges, and the workers' runs. */
class WorkflowTracingTest {
    @TempDir
    Path dir;

    private final Traces traces = new Traces();

    @AfterEach
    void close() {
        traces.close();
    }

    private static Agent.Builder worker(OpenTelemetryAgents tracing, String answer) {
        FakeModel model = FakeModel.answering(r -> ModelResponse.builder().addText(answer).modelId("fake-model")
                .finishReason(FinishReason.END_TURN).usage(new Usage(10, 5)).build());
        return tracing.instrument(Agent.builder()).name("worker").model(model);
    }

    @Test
    void aDiamondGraphIsOneTraceWithEachWorkerRunUnderItsAttempt() {
        OpenTelemetryAgents tracing = OpenTelemetryAgents.create(traces.sdk);
        Task a = Task.builder("a").goal("Lay the ground").build();
        Task b = Task.builder("b").goal("Left side").dependsOn("a").build();
        Task c = Task.builder("c").goal("Right side").dependsOn("a")
                .reviewer(item -> ReviewDecision.approve("alice")).build();
        Task d = Task.builder("d").goal("Join").dependsOn("b", "c").build();
        Orchestrator orchestrator = tracing.instrument(Orchestrator.builder(),
                        WorkerFactory.agents((task, ws) -> worker(tracing, "done " + task.id()).build()))
                .workspaces(TaskWorkspaces.directories(dir)).parallelism(2).build();

        OrchestrationResult result = orchestrator.run("diamond", "", TaskGraph.builder().add(a).add(b).add(c).add(d).build());

        assertThat(result.status()).isEqualTo(RunStatus.COMPLETED);
        SpanData workflow = traces.span("invoke_workflow orchestrator");
        assertThat(workflow.getParentSpanContext().isValid()).isFalse();
        assertThat(attr(workflow, stringKey("gen_ai.operation.name"))).isEqualTo("invoke_workflow");
        assertThat(attr(workflow, stringKey("openagention.run.id"))).isEqualTo("diamond");
        assertThat(attr(workflow, longKey("openagention.tasks"))).isEqualTo(4L);
        assertThat(traces.finished()).allSatisfy(s -> assertThat(s.getTraceId()).isEqualTo(workflow.getTraceId()));
        assertThat(traces.childrenOf(workflow)).containsExactly("task a", "task b", "task c", "task d");
        for (String id : List.of("a", "b", "c", "d")) {
            SpanData task = traces.span("task " + id);
            assertThat(attr(task, stringKey("openagention.task.state"))).isEqualTo("done");
            SpanData attempt = traces.span("attempt " + id);
            assertThat(attempt.getParentSpanId()).isEqualTo(task.getSpanId());
            assertThat(attr(attempt, longKey("openagention.attempt"))).isEqualTo(1L);
            assertThat(attr(attempt, stringKey("openagention.outcome"))).isEqualTo("passed");
            assertThat(traces.childrenOf(attempt)).containsExactly("check " + id, "invoke_agent worker");
            assertThat(traces.childrenOf(task)).contains("attempt " + id, "merge " + id);
        }
        assertThat(traces.childrenOf(traces.span("task c"))).containsExactly("attempt c", "merge c", "review c");
        assertThat(attr(traces.span("review c"), stringKey("openagention.review.decision"))).isEqualTo("approved");
        assertThat(traces.spans("invoke_agent worker")).hasSize(4).allSatisfy(run ->
                assertThat(traces.childrenOf(run)).containsExactly("chat"));
        // the tasks ran in dependency order: d's attempt began after b's and c's ended
        long dStart = traces.span("attempt d").getStartEpochNanos();
        assertThat(dStart).isGreaterThanOrEqualTo(traces.span("attempt b").getEndEpochNanos())
                .isGreaterThanOrEqualTo(traces.span("attempt c").getEndEpochNanos());
    }

    @Test
    void aFailedCheckIsAnErrorAndTheRetryIsASecondAttempt() {
        OpenTelemetryAgents tracing = OpenTelemetryAgents.create(traces.sdk);
        int[] checks = {0};
        AcceptanceCheck firstFails = ctx -> ++checks[0] == 1 ? Verdict.failed("tests fail") : Verdict.passed("ok");
        Task t = Task.builder("t").goal("Fix it").check(firstFails)
                .retry(RetryPolicy.builder().maxAttempts(2).build()).retryOn(FailureKind.CHECK_FAILED).build();
        Orchestrator orchestrator = tracing.instrument(Orchestrator.builder(),
                        WorkerFactory.agents((task, ws) -> worker(tracing, "fixed").build()))
                .workspaces(TaskWorkspaces.directories(dir)).sleeper(new org.openagention.core.testing.FakeSleeper())
                .build();

        assertThat(orchestrator.run(TaskGraph.builder().add(t).build()).status()).isEqualTo(RunStatus.COMPLETED);

        List<SpanData> attempts = traces.spans("attempt t");
        assertThat(attempts).extracting(s -> attr(s, longKey("openagention.attempt"))).containsExactly(1L, 2L);
        assertThat(attempts.get(0).getStatus().getStatusCode()).isEqualTo(StatusCode.ERROR);
        assertThat(attr(attempts.get(0), stringKey("error.type"))).isEqualTo("check_failed");
        assertThat(traces.spans("check t")).extracting(s -> s.getStatus().getStatusCode())
                .containsExactly(StatusCode.ERROR, StatusCode.UNSET);
        assertThat(traces.span("task t").getStatus().getStatusCode()).isEqualTo(StatusCode.UNSET);
    }
}
