// SPDX-License-Identifier: Apache-2.0
package org.openagention.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.openagention.core.context.TokenCounter;
import org.openagention.core.context.TokenizerFamily;
import org.openagention.core.message.ToolResultMessage;
import org.openagention.core.model.FinishReason;
import org.openagention.core.model.ModelException;
import org.openagention.core.model.ModelResponse;
import org.openagention.core.model.Price;
import org.openagention.core.model.PriceTable;
import org.openagention.core.model.Usage;
import org.openagention.core.testing.FakeClock;
import org.openagention.core.testing.FakeModel;
import org.openagention.core.testing.RecordingListener;
import org.openagention.core.tool.Tool;
import org.openagention.core.tool.ToolResult;

class StopReasonsTest {
    record Note(String text) {}

    static final Tool ECHO = Tool.of("echo", "Echoes", Note.class, (a, ctx) -> ToolResult.success(a.text()));
    static final Tool FAIL = Tool.of("fail", "Always fails", Note.class, (a, ctx) -> ToolResult.error("no: " + a.text()));

    private static FakeModel callingEchoForever() {
        int[] n = {0};
        return FakeModel.answering(req -> ModelResponse.builder().finishReason(FinishReason.TOOL_USE)
                .addToolUse("c" + (++n[0]), "echo", "{\"text\":\"" + n[0] + "\"}").usage(new Usage(10, 5)).build());
    }

    @Test
    void runCompletesWhenModelAnswersWithoutTools() {
        FakeModel model = new FakeModel().enqueueToolCall("echo", "{\"text\":\"hi\"}").enqueueText("done");
        RunResult r = Agent.builder().model(model).addTool(ECHO).build().run("go");
        assertThat(r.stopReason()).isEqualTo(StopReason.COMPLETED);
        assertThat(r.finalText()).isEqualTo("done");
        assertThat(r.turns()).isEqualTo(2);
        assertThat(r.usage()).isEqualTo(new Usage(20, 10));
        assertThat(r.detail()).isEmpty();
    }

    @Test
    void runStopsWhenTurnLimitReached() {
        RunResult r = Agent.builder().model(callingEchoForever()).addTool(ECHO).build()
                .run("go", RunOptions.builder().limits(Limits.builder().maxTurns(3).build()).build());
        assertThat(r.stopReason()).isEqualTo(StopReason.MAX_TURNS);
        assertThat(r.turns()).isEqualTo(3);
        assertThat(r.detail()).contains("3 turns");
        // The transcript stays well formed: every tool use has its result.
        assertThat(r.transcript().get(r.transcript().size() - 1)).isInstanceOf(ToolResultMessage.class);
    }

    @Test
    void tokenBudgetIsNotOvershotWhenTheEstimateHolds() {
        // The model reports exactly the estimated input tokens and 20 output tokens, its output cap.
        TokenCounter estimate = TokenCounter.estimating(TokenizerFamily.GENERIC);
        int[] n = {0};
        FakeModel model = FakeModel.answering(req -> ModelResponse.builder().finishReason(FinishReason.TOOL_USE)
                .addToolUse("c" + (++n[0]), "echo", "{\"text\":\"" + n[0] + "\"}")
                .usage(new Usage(estimate.count(req), 20)).build());
        RunResult r = Agent.builder().model(model).addTool(ECHO).maxOutputTokens(20).build()
                .run("go", RunOptions.builder().limits(Limits.builder().maxTokens(400).build()).build());
        assertThat(r.stopReason()).isEqualTo(StopReason.TOKEN_BUDGET);
        // Checked only after each turn, this run used to end at 450 tokens of its 400.
        assertThat(r.usage().totalTokens()).isLessThanOrEqualTo(400).isGreaterThan(200);
        assertThat(r.turns()).isGreaterThanOrEqualTo(2);
        assertThat(r.detail()).contains("budget of 400").contains("input estimated").contains("20 output cap");
    }

    @Test
    void runStopsBeforeAFirstCallItsTokenBudgetCannotCover() {
        FakeModel model = new FakeModel().enqueueText("never");
        RunResult r = Agent.builder().model(model).addTool(ECHO).maxOutputTokens(1000).build()
                .run("go", RunOptions.builder().limits(Limits.builder().maxTokens(500).build()).build());
        assertThat(r.stopReason()).isEqualTo(StopReason.TOKEN_BUDGET);
        assertThat(r.turns()).isZero();
        assertThat(model.requests()).isEmpty();
    }

    @Test
    void runStopsWhenCostBudgetSpent() {
        PriceTable prices = PriceTable.empty().with("fake-model", new Price(1000, 1000, 0, 0));
        RunResult r = Agent.builder().model(callingEchoForever()).addTool(ECHO).build()
                .run("go", RunOptions.builder().prices(prices).limits(Limits.builder().maxCostUsd(0.04).build()).build());
        assertThat(r.stopReason()).isEqualTo(StopReason.COST_BUDGET);
        assertThat(r.costUsd()).isCloseTo(0.045, org.assertj.core.data.Offset.offset(1e-9));
    }

    @Test
    void runStopsWhenClockPassesTimeout() {
        FakeClock clock = new FakeClock();
        Tool slow = Tool.of("slow", "Takes a minute", Note.class, (a, ctx) -> {
            clock.advance(Duration.ofMinutes(1));
            return ToolResult.success("ok");
        });
        FakeModel model = new FakeModel().enqueueToolCall("slow", "{\"text\":\"1\"}")
                .enqueueToolCall("slow", "{\"text\":\"2\"}").enqueueText("never");
        RunResult r = Agent.builder().model(model).addTool(slow).build()
                .run("go", RunOptions.builder().clock(clock).limits(Limits.builder().timeout(Duration.ofSeconds(90)).build())
                        .build());
        assertThat(r.stopReason()).isEqualTo(StopReason.TIMEOUT);
        assertThat(r.turns()).isEqualTo(2);
    }

    @Test
    void runStopsWhenModelCallHangsPastTimeout() {
        CountDownLatch never = new CountDownLatch(1);
        FakeModel model = new FakeModel().enqueue(req -> {
            try {
                never.await();
            } catch (InterruptedException e) {
                throw new ModelException("interrupted", e);
            }
            return ModelResponse.ofText("unreachable");
        });
        RunResult r = Agent.builder().model(model).build()
                .run("go", RunOptions.builder().limits(Limits.builder().timeout(Duration.ofMillis(200)).build()).build());
        assertThat(r.stopReason()).isEqualTo(StopReason.TIMEOUT);
        assertThat(Thread.currentThread().isInterrupted()).isFalse();
    }

    @Test
    void runStopsAfterConsecutiveToolErrors() {
        int[] n = {0};
        FakeModel model = FakeModel.answering(req -> ModelResponse.builder().finishReason(FinishReason.TOOL_USE)
                .addToolUse("c" + (++n[0]), "fail", "{\"text\":\"" + n[0] + "\"}").build());
        RunResult r = Agent.builder().model(model).addTool(FAIL).build()
                .run("go", RunOptions.builder().limits(Limits.builder().maxConsecutiveToolErrors(3).build()).build());
        assertThat(r.stopReason()).isEqualTo(StopReason.TOOL_ERRORS);
        assertThat(r.turns()).isEqualTo(3);
    }

    @Test
    void successfulCallResetsConsecutiveToolErrors() {
        FakeModel model = new FakeModel().enqueueToolCall("fail", "{\"text\":\"1\"}")
                .enqueueToolCall("echo", "{\"text\":\"2\"}").enqueueToolCall("fail", "{\"text\":\"3\"}")
                .enqueueText("done");
        RunResult r = Agent.builder().model(model).addTool(FAIL).addTool(ECHO).build()
                .run("go", RunOptions.builder().limits(Limits.builder().maxConsecutiveToolErrors(2).build()).build());
        assertThat(r.stopReason()).isEqualTo(StopReason.COMPLETED);
    }

    @Test
    void runStopsWhenSameCallRepeats() {
        FakeModel model = FakeModel.answering(req -> ModelResponse.builder().finishReason(FinishReason.TOOL_USE)
                .addToolUse("c" + req.messages().size(), "echo", "{\"text\":\"same\"}").build());
        RecordingListener events = new RecordingListener();
        RunResult r = Agent.builder().model(model).addTool(ECHO).addListener(events).build()
                .run("go", RunOptions.builder().limits(Limits.builder().maxRepeatedCalls(3).build()).build());
        assertThat(r.stopReason()).isEqualTo(StopReason.LOOP_DETECTED);
        assertThat(r.turns()).isEqualTo(3);
        // The third identical call was not run: only two tool executions happened.
        assertThat(events.events(AgentEvent.ToolCallFinished.class)).hasSize(2);
        ToolResultMessage last = (ToolResultMessage) r.transcript().get(r.transcript().size() - 1);
        assertThat(last.outputs().get(0).result().text()).contains("3 times in a row");
    }

    @Test
    void runStopsWhenAnswerHitsOutputLimit() {
        FakeModel model = new FakeModel().enqueue(ModelResponse.builder().addText("cut sh")
                .finishReason(FinishReason.MAX_TOKENS).build());
        RunResult r = Agent.builder().model(model).build().run("go");
        assertThat(r.stopReason()).isEqualTo(StopReason.OUTPUT_LIMIT);
        assertThat(r.finalText()).isEqualTo("cut sh");
    }

    @Test
    void runContinuesAfterPausedTurn() {
        FakeModel model = new FakeModel()
                .enqueue(ModelResponse.builder().addText("thinking...").finishReason(FinishReason.PAUSE).build())
                .enqueueText("done");
        RunResult r = Agent.builder().model(model).build().run("go");
        assertThat(r.stopReason()).isEqualTo(StopReason.COMPLETED);
        assertThat(r.turns()).isEqualTo(2);
    }

    @Test
    void cancelFromAnotherThreadStopsBlockedModelCall() throws Exception {
        CountDownLatch calling = new CountDownLatch(1);
        CountDownLatch never = new CountDownLatch(1);
        FakeModel model = new FakeModel().enqueue(req -> {
            calling.countDown();
            try {
                never.await();
            } catch (InterruptedException e) {
                throw new ModelException("interrupted", e);
            }
            return ModelResponse.ofText("unreachable");
        });
        AgentLoop loop = Agent.builder().model(model).build().start("go");
        Thread canceller = new Thread(() -> {
            try {
                calling.await(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            loop.cancel();
        });
        canceller.start();
        RunResult r = loop.run();
        canceller.join();
        assertThat(r.stopReason()).isEqualTo(StopReason.CANCELLED);
    }

    @Test
    void cancelBeforeStartEndsRunWithoutModelCall() {
        FakeModel model = new FakeModel();
        AgentLoop loop = Agent.builder().model(model).build().start("go");
        loop.cancel();
        assertThat(loop.run().stopReason()).isEqualTo(StopReason.CANCELLED);
        assertThat(model.requests()).isEmpty();
    }

    @Test
    void providerFailureEndsRunWithModelError() {
        FakeModel model = new FakeModel().enqueueError(new ModelException("service unavailable"));
        RecordingListener events = new RecordingListener();
        RunResult r = Agent.builder().model(model).addListener(events).build().run("go");
        assertThat(r.stopReason()).isEqualTo(StopReason.MODEL_ERROR);
        assertThat(r.detail()).contains("service unavailable");
        assertThat(events.events(AgentEvent.ErrorOccurred.class)).hasSize(1);
    }

    @Test
    void exhaustedFakeScriptEndsRunWithClearError() {
        FakeModel model = new FakeModel().enqueueToolCall("echo", "{\"text\":\"x\"}");
        RunResult r = Agent.builder().model(model).addTool(ECHO).build().run("go");
        assertThat(r.stopReason()).isEqualTo(StopReason.MODEL_ERROR);
        assertThat(r.detail()).contains("script is exhausted").contains("request 2");
    }

    @Test
    void loopCanBeSteppedTurnByTurn() {
        FakeModel model = new FakeModel().enqueueToolCall("echo", "{\"text\":\"a\"}").enqueueText("done");
        AgentLoop loop = Agent.builder().model(model).addTool(ECHO).build().start("go");
        assertThat(loop.turns()).isZero();
        assertThat(loop.step()).isTrue();
        assertThat(loop.turns()).isEqualTo(1);
        assertThat(loop.transcript()).hasSize(3);
        assertThat(loop.result()).isEmpty();
        assertThat(loop.step()).isFalse();
        assertThat(loop.result()).get().extracting(RunResult::finalText).isEqualTo("done");
        assertThat(loop.step()).isFalse();
    }
}
