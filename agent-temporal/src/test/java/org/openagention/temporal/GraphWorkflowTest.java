// SPDX-License-Identifier: Apache-2.0
package org.openagention.temporal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openagention.core.RetryPolicy;
import org.openagention.core.journal.JournalEntry;
import org.openagention.core.model.FinishReason;
import org.openagention.core.model.ModelRequest;
import org.openagention.core.model.ModelResponse;
import org.openagention.core.model.Usage;
import org.openagention.orchestration.OrchestrationResult;
import org.openagention.orchestration.RunStatus;
import org.openagention.orchestration.graph.Task;
import org.openagention.orchestration.graph.TaskGraph;
import org.openagention.orchestration.graph.TaskState;
import org.openagention.orchestration.review.AcceptanceCheck;

class GraphWorkflowTest {
    @TempDir
    Path dir;
    private GraphFixture f;

    @BeforeEach
    void start() throws Exception {
        f = new GraphFixture(dir);
    }

    @AfterEach
    void stop() {
        f.close();
    }

    @Test
    void aFailedCheckIsRetriedWithTheFailureInTheNextPromptAndTheWorkMergesIntoTheRemote() throws Exception {
        f.model.enqueueToolCall("write_file", GraphFixture.write("wrong.txt", "no")).enqueueText("done");
        f.model.enqueueToolCall("write_file", GraphFixture.write("ok.txt", "yes")).enqueueText("done again");
        TaskGraph graph = TaskGraph.of(List.of(Task.builder("a").goal("Write ok.txt")
                .check(AcceptanceCheck.shell("test -f ok.txt"))
                .retry(RetryPolicy.builder().maxAttempts(3).initialBackoff(Duration.ofMinutes(5)).maxBackoff(Duration.ofMinutes(5)).jitter(0).build())
                .build()));

        OrchestrationResult result = f.graphs.start("ok file", graph, GraphFixture.options("retry").build()).result();

        assertThat(result.status()).isEqualTo(RunStatus.COMPLETED);
        assertThat(result.task("a").orElseThrow().attempts()).isEqualTo(2);
        assertThat(result.task("a").orElseThrow().state()).isEqualTo(TaskState.DONE);
        // the second attempt's prompt carried the check's failure
        String secondPrompt = f.model.requests().get(2).messages().get(0).toString();
        assertThat(secondPrompt).contains("test -f ok.txt").contains("exited with 1");
        // both attempts' work was pushed on the task's branch and merged into main on the remote
        assertThat(f.onRemote("main", "ok.txt")).isEqualTo("yes");
        assertThat(f.onRemote("main", "wrong.txt")).isEqualTo("no");
        assertThat(f.onRemote("openagention/retry.a", "ok.txt")).isEqualTo("yes");
        List<JournalEntry> journal = f.graphs.attach("retry").journal();
        assertThat(journal).extracting(JournalEntry::type).contains("graph.started", "graph.finished");
        assertThat(f.graphs.attach("retry").attempt("retry.a.a2").journal()).extracting(JournalEntry::type)
                .startsWith("run.started").endsWith("run.finished");
        f.replayAndMaybeRecord("retry");
    }

    @Test
    void aJitteredBackoffIsDrawnFromTheRunSoItIsTheSameOnReplayAndOnEveryMachine() throws Exception {
        RetryPolicy jittered = RetryPolicy.builder().maxAttempts(3).initialBackoff(Duration.ofMinutes(5))
                .maxBackoff(Duration.ofMinutes(5)).jitter(1).build();

        long first = retriedBackoffMillis(f, jittered);
        f.replayAndMaybeRecord("jitter");
        long again;
        try (GraphFixture elsewhere = new GraphFixture(java.nio.file.Files.createDirectories(dir.resolve("elsewhere")))) {
            again = retriedBackoffMillis(elsewhere, jittered);
        }

        assertThat(first).isBetween(0L, Duration.ofMinutes(5).toMillis());
        assertThat(again).as("the same run id draws the same jitter, whatever the JVM").isEqualTo(first);
    }

    /** Runs a task whose check fails once, as run {@code jitter}; the backoff journaled before its second attempt. */
    private static long retriedBackoffMillis(GraphFixture g, RetryPolicy retry) {
        g.model.enqueueToolCall("write_file", GraphFixture.write("wrong.txt", "no")).enqueueText("done");
        g.model.enqueueToolCall("write_file", GraphFixture.write("ok.txt", "yes")).enqueueText("done again");
        TaskGraph graph = TaskGraph.of(List.of(Task.builder("a").goal("Write ok.txt")
                .check(AcceptanceCheck.shell("test -f ok.txt")).retry(retry).build()));
        OrchestrationResult result = g.graphs.start("ok file", graph, GraphFixture.options("jitter").build()).result();
        assertThat(result.status()).isEqualTo(RunStatus.COMPLETED);
        String started = g.graphs.attach("jitter").journal().stream()
                .filter(e -> e.type().equals("task.attempt.started") && e.payloadJson().contains("\"attempt\":2"))
                .findFirst().orElseThrow().payloadJson();
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("\"backoffMs\":(\\d+)").matcher(started);
        assertThat(m.find()).as(started).isTrue();
        return Long.parseLong(m.group(1));
    }

    @Test
    void aReviewerAsksForARevisionAndTheRevisionIsApproved() throws Exception {
        f.model.enqueueToolCall("write_file", GraphFixture.write("doc.txt", "draft")).enqueueText("v1");
        f.model.enqueueToolCall("write_file", GraphFixture.write("doc.txt", "final")).enqueueText("v2");
        TaskGraph graph = TaskGraph.of(List.of(Task.builder("doc").goal("Write the doc")
                .reviewer(GraphFixture.REVIEWER).build()));

        OrchestrationResult result = f.graphs.start("doc", graph, GraphFixture.options("review").build()).result();

        assertThat(result.status()).isEqualTo(RunStatus.COMPLETED);
        assertThat(result.task("doc").orElseThrow().attempts()).isEqualTo(2);
        assertThat(f.model.requests().get(2).messages().get(0).toString()).contains("say v2 when it is right");
        assertThat(f.onRemote("main", "doc.txt")).isEqualTo("final");
        f.replayAndMaybeRecord("review");
    }

    @Test
    void aMergeConflictBecomesATaskThatResolvesItOnTheConflictedBranch() throws Exception {
        // a and b run at once (each starts from main before the other merges), so the model answers
        // each request from what it asks, whatever the order
        for (int i = 0; i < 6; i++) {
            f.model.enqueue(GraphWorkflowTest::writeByGoal);
        }
        TaskGraph graph = TaskGraph.of(List.of(Task.builder("a").goal("Write A").build(),
                Task.builder("b").goal("Write B").build()));

        OrchestrationResult result = f.graphs.start("both", graph, GraphFixture.options("conflict").parallelism(2)
                .build()).result();

        assertThat(result.status()).isEqualTo(RunStatus.COMPLETED);
        assertThat(result.tasks()).extracting(r -> r.taskId()).contains("a", "b", "b-merge");
        assertThat(result.task("b-merge").orElseThrow().state()).isEqualTo(TaskState.DONE);
        // the resolution started from the conflicted branch with main merged in: git's markers were in its file
        assertThat(f.model.requests()).filteredOn(r -> r.messages().get(0).toString().contains("onflict")).isNotEmpty();
        assertThat(f.onRemote("main", "f.txt")).isEqualTo("AB");
        f.replayAndMaybeRecord("conflict");
    }

    private static final AtomicInteger CALLS = new AtomicInteger();

    /** Writes f.txt as the request's task says (A, B, or both when resolving), then says it is done. */
    private static ModelResponse writeByGoal(ModelRequest request) {
        if (request.messages().size() > 1) {
            return ModelResponse.builder().addText("done").finishReason(FinishReason.END_TURN).usage(new Usage(10, 5))
                    .build();
        }
        String prompt = request.messages().get(0).toString();
        String text = prompt.contains("onflict") ? "AB" : prompt.contains("Write B") ? "B" : "A";
        return ModelResponse.builder().addToolUse("w" + CALLS.incrementAndGet(), "write_file",
                GraphFixture.write("f.txt", text)).finishReason(FinishReason.TOOL_USE).usage(new Usage(10, 5)).build();
    }
}
