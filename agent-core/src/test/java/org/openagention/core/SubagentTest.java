// SPDX-License-Identifier: Apache-2.0
package org.openagention.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.openagention.core.message.Content;
import org.openagention.core.message.Message;
import org.openagention.core.message.ToolResultMessage;
import org.openagention.core.message.UserMessage;
import org.openagention.core.model.FinishReason;
import org.openagention.core.model.ModelResponse;
import org.openagention.core.model.Usage;
import org.openagention.core.testing.FakeModel;
import org.openagention.core.testing.RecordingListener;
import org.openagention.core.tool.Tool;
import org.openagention.core.tool.ToolResult;

class SubagentTest {

    record Review(String verdict, int score) {}

    record Key(String key) {}

    /** A child whose model waits at {@code barrier} before answering: two of them finish only if they run at once. */
    private static Agent waitingChild(String name, CyclicBarrier barrier) {
        FakeModel model = FakeModel.answering(request -> {
            try {
                barrier.await(30, TimeUnit.SECONDS);
            } catch (Exception e) {
                throw new IllegalStateException("the other subagent never arrived: " + e);
            }
            String prompt = ((UserMessage) request.messages().get(0)).text();
            return ModelResponse.builder().addText(name + " found: " + prompt).usage(new Usage(10, 5)).build();
        });
        return Agent.builder().name(name).model(model).build();
    }

    private static List<Content.ToolOutput> outputs(RunResult result) {
        return result.transcript().stream().filter(m -> m instanceof ToolResultMessage)
                .flatMap(m -> ((ToolResultMessage) m).outputs().stream()).toList();
    }

    @Test
    void readOnlySubagentsOfOneTurnRunInParallel() {
        CyclicBarrier barrier = new CyclicBarrier(2);
        Tool a = Subagent.builder(waitingChild("finder_a", barrier)).description("Finds A").readOnly(true).build();
        Tool b = Subagent.builder(waitingChild("finder_b", barrier)).description("Finds B").readOnly(true).build();
        FakeModel parentModel = new FakeModel().enqueueToolCalls("finder_a", "{\"prompt\":\"where is x\"}",
                "finder_b", "{\"prompt\":\"where is y\"}").enqueueText("both answered");
        RecordingListener events = new RecordingListener();
        Agent parent = Agent.builder().name("lead").model(parentModel).addTool(a).addTool(b).addListener(events).build();

        RunResult result = parent.run("find x and y");

        assertThat(result.stopReason()).isEqualTo(StopReason.COMPLETED);
        assertThat(outputs(result)).extracting(o -> o.result().text())
                .containsExactly("finder_a found: where is x", "finder_b found: where is y");
        // Parent and children spent: the parent's usage counts both children's calls.
        assertThat(result.usage().totalTokens()).isEqualTo(4 * 15);
        List<AgentEvent.SubagentStarted> started = events.events(AgentEvent.SubagentStarted.class);
        assertThat(started).extracting(AgentEvent.SubagentStarted::agentName)
                .containsExactlyInAnyOrder("finder_a", "finder_b");
        assertThat(started).allSatisfy(s -> assertThat(s.childRunId()).startsWith(result.runId() + ".t1."));
        // The children's own events reach the parent's listeners under the children's run ids.
        assertThat(events.events(AgentEvent.RunFinished.class)).extracting(AgentEvent::runId)
                .contains(started.get(0).childRunId(), started.get(1).childRunId(), result.runId());
        assertThat(events.events(AgentEvent.SubagentFinished.class)).hasSize(2)
                .allSatisfy(f -> assertThat(f.result().isSuccess()).isTrue());
    }

    @Test
    void typedSubagentReturnsItsValidatedOutputAsJson() {
        FakeModel childModel = new FakeModel().enqueueText("not json at first")
                .enqueueText("{\"verdict\":\"approve\",\"score\":4}");
        Agent reviewer = Agent.builder().name("reviewer").model(childModel).build();
        Tool review = Subagent.builder(reviewer).name("review").description("Reviews a diff").output(Review.class).build();
        FakeModel parentModel = new FakeModel().enqueueToolCall("review", "{\"prompt\":\"review the diff\"}")
                .enqueueText("reviewed");
        RunResult result = Agent.builder().model(parentModel).addTool(review).build().run("get a review");

        assertThat(result.isSuccess()).isTrue();
        ToolResult answer = outputs(result).get(0).result();
        assertThat(answer.isError()).isFalse();
        assertThat(answer.text()).isEqualTo("{\"verdict\":\"approve\",\"score\":4}");
        // The child was re-asked with the validation errors, inside its own transcript only.
        assertThat(childModel.requests()).hasSize(2);
        assertThat(parentModel.requests().get(1).messages()).hasSize(3);
    }

    @Test
    void childThatExceedsItsBudgetStopsWithItsOwnReasonAndTheParentGoesOn() {
        Tool look = Tool.readOnly("look", "Looks at a key", Key.class, (k, ctx) -> ToolResult.success("saw " + k.key()));
        int[] n = {0};
        FakeModel childModel = FakeModel.answering(request -> ModelResponse.builder().finishReason(FinishReason.TOOL_USE)
                .usage(new Usage(100, 10)).addToolUse("c" + (++n[0]), "look", "{\"key\":\"k" + n[0] + "\"}").build());
        Agent busy = Agent.builder().name("busy").model(childModel).addTool(look).build();
        Tool delegate = Subagent.builder(busy).name("delegate").limits(Limits.builder().maxTurns(3).build()).build();
        FakeModel parentModel = new FakeModel().enqueueToolCall("delegate", "{\"prompt\":\"look forever\"}")
                .enqueueText("the helper gave up; I carry on");
        RecordingListener events = new RecordingListener();
        RunResult result = Agent.builder().name("lead").model(parentModel).addTool(delegate).addListener(events).build()
                .run("go", RunOptions.builder().limits(Limits.builder().maxTokens(100_000).build()).build());

        assertThat(result.stopReason()).isEqualTo(StopReason.COMPLETED);
        assertThat(result.finalText()).isEqualTo("the helper gave up; I carry on");
        ToolResult childAnswer = outputs(result).get(0).result();
        assertThat(childAnswer.isError()).isTrue();
        assertThat(childAnswer.text()).contains("delegate stopped before it finished (MAX_TURNS");
        RunResult child = events.events(AgentEvent.SubagentFinished.class).get(0).result();
        assertThat(child.stopReason()).isEqualTo(StopReason.MAX_TURNS);
        assertThat(child.turns()).isEqualTo(3);
        assertThat(result.usage().totalTokens()).isEqualTo(3 * 110 + 2 * 15);
    }

    @Test
    void childTokenBudgetIsWhatTheParentHasLeft() {
        Tool look = Tool.readOnly("look", "Looks at a key", Key.class, (k, ctx) -> ToolResult.success("saw " + k.key()));
        int[] n = {0};
        FakeModel childModel = FakeModel.answering(request -> ModelResponse.builder().finishReason(FinishReason.TOOL_USE)
                .usage(new Usage(600, 40)).addToolUse("c" + (++n[0]), "look", "{\"key\":\"k" + n[0] + "\"}").build());
        Agent spender = Agent.builder().name("spender").model(childModel).addTool(look).maxOutputTokens(10).build();
        FakeModel parentModel = new FakeModel().enqueueToolCall("spender", "{\"prompt\":\"spend\"}")
                .enqueueText("after the child");
        RecordingListener events = new RecordingListener();
        RunResult result = Agent.builder().model(parentModel).addTool(spender.asTool("spender", "Spends"))
                .addListener(events).maxOutputTokens(10).build()
                .run("go", RunOptions.builder().limits(Limits.builder().maxTokens(1_300).build()).build());

        RunResult child = events.events(AgentEvent.SubagentFinished.class).get(0).result();
        assertThat(child.stopReason()).isEqualTo(StopReason.TOKEN_BUDGET);
        assertThat(child.usage().totalTokens()).isEqualTo(2 * 640);
        assertThat(result.usage().totalTokens()).isEqualTo(15 + 2 * 640);
        // The child spent the parent's budget, so the parent stops too, with its own reason.
        assertThat(result.stopReason()).isEqualTo(StopReason.TOKEN_BUDGET);
    }

    @Test
    void handoffPassesTheConversationAndTheResultNamesTheAgentThatFinished() {
        FakeModel billingModel = new FakeModel().enqueueText("refunded the duplicate charge");
        Agent billing = Agent.builder().name("billing").model(billingModel).instructions("You handle invoices.").build();
        FakeModel triageModel = new FakeModel().enqueueToolCall("transfer_to_billing", "{\"reason\":\"invoice question\"}");
        RecordingListener events = new RecordingListener();
        Agent triage = Agent.builder().name("triage").model(triageModel).addListener(events)
                .addTool(Handoff.to(billing).description("Invoices and payments").filter(Handoff.firstUserMessageOnly())
                        .build())
                .build();

        RunResult result = triage.run("Why was I charged twice?");

        assertThat(result.isSuccess()).isTrue();
        assertThat(result.agentName()).isEqualTo("billing");
        assertThat(result.finalText()).isEqualTo("refunded the duplicate charge");
        var request = billingModel.requests().get(0);
        assertThat(request.system()).isEqualTo("You handle invoices.");
        assertThat(request.messages()).extracting(Message::text).containsExactly("Why was I charged twice?");
        assertThat(events.events(AgentEvent.HandedOff.class)).singleElement()
                .satisfies(h -> assertThat(h.fromAgent() + ">" + h.toAgent()).isEqualTo("triage>billing"));
        assertThat(triage.run("no handoff here", RunOptions.defaults()).agentName()).isEqualTo("triage");
    }

    @Test
    void cancellingTheParentCancelsTheRunningChild() throws Exception {
        java.util.concurrent.CountDownLatch childCalling = new java.util.concurrent.CountDownLatch(1);
        FakeModel childModel = FakeModel.answering(request -> {
            childCalling.countDown();
            try {
                new java.util.concurrent.CountDownLatch(1).await(60, TimeUnit.SECONDS); // until cancelled
            } catch (InterruptedException e) {
                throw new IllegalStateException("interrupted", e);
            }
            return ModelResponse.ofText("too late");
        });
        Agent slow = Agent.builder().name("slow").model(childModel).build();
        FakeModel parentModel = new FakeModel().enqueueToolCall("slow", "{\"prompt\":\"take your time\"}");
        RecordingListener events = new RecordingListener();
        AgentLoop loop = Agent.builder().model(parentModel).addTool(slow.asTool("slow", "Slow")).addListener(events)
                .build().start("go");
        Thread canceller = new Thread(() -> {
            try {
                if (childCalling.await(30, TimeUnit.SECONDS)) {
                    loop.cancel();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        canceller.start();

        RunResult result = loop.run();
        canceller.join(30_000);

        assertThat(result.stopReason()).isEqualTo(StopReason.CANCELLED);
        assertThat(events.events(AgentEvent.SubagentFinished.class)).singleElement()
                .satisfies(f -> assertThat(f.result().stopReason()).isEqualTo(StopReason.CANCELLED));
    }
}
