// SPDX-License-Identifier: Apache-2.0
package org.openagention.temporal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openagention.core.Limits;
import org.openagention.core.RunResult;
import org.openagention.core.StopReason;
import org.openagention.core.journal.JournalEntry;
import org.openagention.core.message.Content;
import org.openagention.core.message.ToolResultMessage;
import org.openagention.core.model.ServerException;
import org.openagention.core.tool.ToolResult;

class AgentWorkflowTest {
    private TestAgents t;

    @BeforeEach
    void start() {
        t = new TestAgents();
    }

    @AfterEach
    void stop() {
        t.close();
    }

    @Test
    void runWithReadOnlyAndMutatingToolsRunsEachCallOnceAndJournalsIt() throws Exception {
        t.notes.put("a", "alpha");
        t.model.enqueueToolCalls("read_note", "{\"key\":\"a\"}", "read_note", "{\"key\":\"b\"}",
                "write_note", "{\"key\":\"c\",\"text\":\"gamma\"}");
        t.model.enqueueText("done");

        RunResult result = t.runs.run("notes", "Take notes", TestAgents.options("tools").build());

        assertThat(result.stopReason()).isEqualTo(StopReason.COMPLETED);
        assertThat(result.finalText()).isEqualTo("done");
        assertThat(result.turns()).isEqualTo(2);
        assertThat(t.writes.get()).isEqualTo(1);
        assertThat(t.notes).containsEntry("c", "gamma");
        List<Content.ToolOutput> outputs = ((ToolResultMessage) result.transcript().get(2)).outputs();
        assertThat(outputs).extracting(o -> o.result().text()).containsExactly("alpha", "(none)", "wrote c");
        // the second request carried the tool results back to the model
        assertThat(t.model.requests()).hasSize(2);
        assertThat(t.model.requests().get(1).messages()).hasSize(3);

        List<JournalEntry> journal = t.runs.attach("tools").journal();
        assertThat(journal).extracting(JournalEntry::type).containsExactly("run.started", "model.response",
                "tool.result", "tool.result", "tool.result", "model.response", "run.finished");
        // the two reads ran in parallel and are journaled as they finished; the write ran after both
        assertThat(journal.subList(2, 4)).extracting(JournalEntry::stepId)
                .containsExactlyInAnyOrder("turn-1/tool/0-call_1", "turn-1/tool/1-call_2");
        assertThat(journal).extracting(JournalEntry::stepId).startsWith("", "turn-1/model")
                .endsWith("turn-1/tool/2-call_3", "turn-2/model", "");
        assertThat(journal).extracting(JournalEntry::sequence).containsExactly(1L, 2L, 3L, 4L, 5L, 6L, 7L);
        t.replayAndMaybeRecord("tools");
    }

    @Test
    void turnLimitEndsTheRunWithMaxTurns() throws Exception {
        for (int i = 0; i < 5; i++) {
            t.model.enqueueToolCall("read_note", "{\"key\":\"k" + i + "\"}");
        }

        RunResult result = t.runs.run("notes", "Read forever", TestAgents.options("turn-limit")
                .limits(Limits.builder().maxTurns(2).build()).build());

        assertThat(result.stopReason()).isEqualTo(StopReason.MAX_TURNS);
        assertThat(result.turns()).isEqualTo(2);
        assertThat(t.model.requests()).hasSize(2);
        t.replayAndMaybeRecord("turn-limit");
    }

    @Test
    void cancellingTheWorkflowCancelsTheToolInFlightAndEndsTheRunCancelled() throws Exception {
        t.model.enqueueToolCall("wait_for_cancel", "{\"key\":\"x\"}");
        t.model.enqueueText("never asked");

        TemporalRun run = t.runs.start("blocking", "Wait", TestAgents.options("cancelled").build());
        assertThat(t.blockingStarted.await(30, TimeUnit.SECONDS)).isTrue();
        run.cancel();
        RunResult result = run.result();

        assertThat(result.stopReason()).isEqualTo(StopReason.CANCELLED);
        assertThat(result.turns()).isEqualTo(1);
        // the cancellation reached the tool on the worker through its activity's heartbeat
        assertThat(t.blockingStopped.await(30, TimeUnit.SECONDS)).isTrue();
        assertThat(t.model.requests()).hasSize(1);
        ToolResult toolResult = ((ToolResultMessage) result.transcript().get(2)).outputs().get(0).result();
        assertThat(toolResult.isError()).isTrue();
        assertThat(toolResult.text()).contains("cancelled");
        assertThat(run.journal()).extracting(JournalEntry::type).last().isEqualTo("run.finished");
        t.replayAndMaybeRecord("cancelled");
    }

    @Test
    void aCallWaitsDurablyForAnApprovalSignalThatArrivesTwoDaysLater() throws Exception {
        t.model.enqueueToolCall("write_note", "{\"key\":\"plan\",\"text\":\"ship it\"}");
        t.model.enqueueText("written");

        TemporalRun run = t.runs.start("approved-week", "Write the plan",
                TestAgents.options("approved-two-days-later").build());
        t.env.sleep(Duration.ofDays(2));
        List<PendingApproval> pending = run.pendingApprovals();
        assertThat(pending).extracting(PendingApproval::tool, PendingApproval::rule)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("write_note", "writes need a person"));
        assertThat(t.writes.get()).isZero();
        run.approve(pending.get(0).callId(), "alice", "fine by me");
        RunResult result = run.result();

        assertThat(result.stopReason()).isEqualTo(StopReason.COMPLETED);
        assertThat(t.writes.get()).isEqualTo(1);
        assertThat(t.notes).containsEntry("plan", "ship it");
        assertThat(result.elapsed()).isGreaterThanOrEqualTo(Duration.ofDays(2));
        assertThat(run.pendingApprovals()).isEmpty();
        List<JournalEntry> journal = run.journal();
        assertThat(journal).extracting(JournalEntry::type).containsSubsequence("approval.requested",
                "approval.decided", "tool.result");
        JournalEntry decided = journal.stream().filter(e -> e.type().equals("approval.decided")).findFirst().orElseThrow();
        assertThat(decided.payloadJson()).contains("\"approved\":true").contains("alice");
        JournalEntry requested = journal.stream().filter(e -> e.type().equals("approval.requested")).findFirst().orElseThrow();
        assertThat(Duration.between(requested.at(), decided.at())).isGreaterThanOrEqualTo(Duration.ofDays(2));
        t.replayAndMaybeRecord("approved-two-days-later");
    }

    @Test
    void anApprovalNobodyGivesInTimeDeniesTheCall() throws Exception {
        t.model.enqueueToolCall("write_note", "{\"key\":\"plan\",\"text\":\"ship it\"}");
        t.model.enqueueText("could not write");

        RunResult result = t.runs.run("approved-day", "Write the plan", TestAgents.options("approval-timeout").build());

        assertThat(result.stopReason()).isEqualTo(StopReason.COMPLETED);
        assertThat(t.writes.get()).isZero();
        ToolResult denied = ((ToolResultMessage) result.transcript().get(2)).outputs().get(0).result();
        assertThat(denied).isInstanceOf(ToolResult.Error.class);
        assertThat(((ToolResult.Error) denied).kind()).isEqualTo(ToolResult.ErrorKind.DENIED);
        assertThat(denied.text()).contains("timeout").contains("no decision within PT24H");
        assertThat(result.elapsed()).isGreaterThanOrEqualTo(Duration.ofDays(1));
        t.replayAndMaybeRecord("approval-timeout");
    }

    @Test
    void aProviderFailureIsRetriedByTheActivityAndThenEndsTheRunWithModelError() throws Exception {
        for (int i = 0; i < 3; i++) {
            t.model.enqueueError(new ServerException("overloaded (attempt " + (i + 1) + ")", 503, "req-" + i));
        }

        RunResult result = t.runs.run("notes", "Try", TestAgents.options("model-error").build());

        assertThat(result.stopReason()).isEqualTo(StopReason.MODEL_ERROR);
        assertThat(result.detail()).contains("overloaded (attempt 3)");
        assertThat(t.model.requests()).hasSize(3); // three attempts of the one model step
        t.replayAndMaybeRecord("model-error");
    }

    @Test
    void aProviderFailureThatPassesIsRetriedWithoutTheLoopNoticing() throws Exception {
        t.model.enqueueError(new ServerException("overloaded", 503, "req-1"));
        t.model.enqueueText("second attempt answered");

        RunResult result = t.runs.run("notes", "Try", TestAgents.options("model-retried").build());

        assertThat(result.stopReason()).isEqualTo(StopReason.COMPLETED);
        assertThat(result.finalText()).isEqualTo("second attempt answered");
        assertThat(result.turns()).isEqualTo(1);
        t.replayAndMaybeRecord("model-retried");
    }

    @Test
    void theTimeLimitRunsOnWorkflowTimeAndStopsACallWaitingForApproval() throws Exception {
        t.model.enqueueToolCall("write_note", "{\"key\":\"plan\",\"text\":\"ship it\"}");

        RunResult result = t.runs.run("approved-week", "Write the plan", TestAgents.options("time-limit-while-waiting")
                .limits(Limits.builder().timeout(Duration.ofHours(1)).build()).build());

        assertThat(result.stopReason()).isEqualTo(StopReason.TIMEOUT);
        assertThat(t.writes.get()).isZero();
        assertThat(result.elapsed()).isGreaterThanOrEqualTo(Duration.ofHours(1)).isLessThan(Duration.ofDays(1));
        t.replayAndMaybeRecord("time-limit-while-waiting");
    }

    @Test
    void theTokenBudgetHoldsOnTemporalAsItDoesLocally() throws Exception {
        for (int i = 0; i < 5; i++) {
            t.model.enqueueToolCall("read_note", "{\"key\":\"k" + i + "\"}"); // 15 tokens a call
        }

        RunResult result = t.runs.run("notes", "Read", TestAgents.options("token-budget")
                .limits(Limits.builder().maxTokens(300).build()).build());

        assertThat(result.stopReason()).isEqualTo(StopReason.TOKEN_BUDGET);
        assertThat(result.usage().inputTokens() + result.usage().outputTokens()).isLessThanOrEqualTo(300);
        assertThat(result.turns()).isBetween(1, 4);
    }

    @Test
    void aRunNamingAnAgentTheWorkersLackFailsNamingTheAgentsTheyHave() {
        TemporalRun run = t.runs.start("nobody", "Hello", TestAgents.options("unknown-agent").build());

        assertThatThrownBy(run::result).isInstanceOf(io.temporal.client.WorkflowFailedException.class)
                .rootCause().hasMessageContaining("this worker has no agent named 'nobody'; registered: approved-day, "
                        + "approved-week, blocking, notes");
    }
}
