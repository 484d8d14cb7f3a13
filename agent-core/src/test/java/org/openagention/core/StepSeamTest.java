// SPDX-License-Identifier: Apache-2.0
package org.openagention.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.openagention.core.journal.JournalEntry;
import org.openagention.core.journal.Step;
import org.openagention.core.journal.StepCodec;
import org.openagention.core.journal.StepExecutor;
import org.openagention.core.model.ModelRequest;
import org.openagention.core.testing.FakeModel;
import org.openagention.core.tool.Tool;
import org.openagention.core.tool.ToolCall;
import org.openagention.core.tool.ToolResult;

/** The loop's use of the step seam that a durable-execution engine relies on. */
class StepSeamTest {
    record Key(String key) {}

    /** Runs everything in-process like the direct executor, and records what the loop asked of it. */
    static final class RecordingSteps implements StepExecutor {
        final StepExecutor direct = StepExecutor.direct().open("r");
        final List<Step<?>> steps = new CopyOnWriteArrayList<>();
        final List<String> forked = new CopyOnWriteArrayList<>();
        final List<Thread> interrupted = new CopyOnWriteArrayList<>();
        volatile Runnable timer;

        @Override
        public <T> Outcome<T> execute(Step<T> step, Callable<T> action) throws Exception {
            steps.add(step);
            return direct.execute(step.id(), step.codec(), action);
        }

        @Override
        public <T> Outcome<T> execute(String stepId, StepCodec<T> codec, Callable<T> action) throws Exception {
            return direct.execute(stepId, codec, action);
        }

        @Override
        public <T> Future<T> fork(Callable<T> call) {
            forked.add(Thread.currentThread().getName());
            return StepExecutor.super.fork(call);
        }

        @Override
        public Future<?> schedule(Duration delay, Runnable action) {
            timer = action; // fired by the test, not by a clock
            return new CompletableFuture<>();
        }

        @Override
        public void interrupt(Thread runner) {
            interrupted.add(runner);
            StepExecutor.super.interrupt(runner);
        }

        @Override
        public <T> void record(StepCodec<T> codec, T fact) {}

        @Override
        public Instant now(String stepId) {
            return Instant.now();
        }

        @Override
        public void sleep(String stepId, Duration duration) {}

        @Override
        public String randomId(String stepId) {
            return "id";
        }

        @Override
        public List<JournalEntry> history() {
            return List.of();
        }

        @Override
        public boolean journals() {
            return false;
        }
    }

    @Test
    void theLoopHandsModelAndToolStepsToTheExecutorAsDataAndForksParallelReadsThroughIt() {
        FakeModel model = new FakeModel();
        model.enqueueToolCalls("read", "{\"key\":\"a\"}", "read", "{\"key\":\"b\"}");
        model.enqueueText("done");
        Tool read = Tool.readOnly("read", "Reads", Key.class, (a, ctx) -> ToolResult.success("value of " + a.key()));
        Agent agent = Agent.builder().model(model).addTool(read).build();
        RecordingSteps steps = new RecordingSteps();

        RunResult result = agent.run("Read", RunOptions.builder().runId("r").stepExecutor(id -> steps).build());

        assertThat(result.stopReason()).isEqualTo(StopReason.COMPLETED);
        assertThat(steps.steps).extracting(s -> s.getClass().getSimpleName() + "@" + s.turn())
                .containsExactlyInAnyOrder("ModelCall@1", "ToolCall@1", "ToolCall@1", "ModelCall@2");
        assertThat(steps.steps.get(0)).isInstanceOf(Step.ModelCall.class);
        ModelRequest first = ((Step.ModelCall) steps.steps.get(0)).request();
        assertThat(first.messages()).hasSize(1);
        assertThat(steps.steps).filteredOn(s -> s instanceof Step.ToolCall)
                .extracting(s -> ((Step.ToolCall) s).call()).extracting(ToolCall::argumentsJson)
                .containsExactlyInAnyOrder("{\"key\":\"a\"}", "{\"key\":\"b\"}");
        assertThat(steps.forked).hasSize(2); // the two reads of one turn ran through the executor's fork
    }

    @Test
    void theTimeLimitFiresThroughTheExecutorsTimerAndStopsTheStepThroughTheExecutor() throws Exception {
        FakeModel model = new FakeModel();
        model.enqueueToolCall("wait", "{\"key\":\"a\"}");
        CountDownLatch started = new CountDownLatch(1);
        Tool wait = Tool.of("wait", "Waits until stopped", Key.class, (a, ctx) -> {
            started.countDown();
            new CountDownLatch(1).await(); // until interrupted
            return ToolResult.success("never");
        });
        Agent agent = Agent.builder().model(model).addTool(wait).build();
        RecordingSteps steps = new RecordingSteps();
        AgentLoop loop = agent.start("Wait", RunOptions.builder().runId("r").stepExecutor(id -> steps)
                .limits(Limits.builder().timeout(Duration.ofHours(1)).build()).build());
        CompletableFuture<RunResult> run = CompletableFuture.supplyAsync(loop::run);

        assertThat(started.await(10, TimeUnit.SECONDS)).isTrue();
        assertThat(steps.timer).as("the watchdog was scheduled through the executor").isNotNull();
        steps.timer.run(); // the hour has passed, as far as the executor's timer is concerned
        RunResult result = run.get(10, TimeUnit.SECONDS);

        assertThat(result.stopReason()).isEqualTo(StopReason.TIMEOUT);
        assertThat(steps.interrupted).hasSize(1);
    }

    @Test
    void runStepRunsAModelStepThroughTheInterceptorsAndAToolStepWithTheCallersCancelFlag() throws Exception {
        FakeModel model = new FakeModel();
        model.enqueueText("hello");
        Tool probe = Tool.of("probe", "Says whether the run is cancelled", Key.class,
                (a, ctx) -> ToolResult.success(ctx.runId() + "/" + ctx.turn() + " cancelled=" + ctx.isCancelled()));
        Agent agent = Agent.builder().model(model).addTool(probe)
                .addModelInterceptor(chain -> chain.proceed(chain.request().toBuilder().system("rewritten").build()))
                .build();
        ModelRequest request = ModelRequest.builder().addMessage(org.openagention.core.message.Message.user("hi")).build();

        Step<?> modelStep = Step.fromJson(new Step.ModelCall("turn-1/model", "r9", 1, request, false).toJson());
        Object response = agent.runStep(modelStep, () -> false);
        Step<?> toolStep = Step.fromJson(new Step.ToolCall("turn-1/tool/0-c", "r9", 3,
                new ToolCall("c", "probe", "{\"key\":\"k\"}")).toJson());
        Object toolResult = agent.runStep(toolStep, () -> true);

        assertThat(((org.openagention.core.model.ModelResponse) response).text()).isEqualTo("hello");
        assertThat(model.requests().get(0).system()).isEqualTo("rewritten");
        assertThat(((ToolResult) toolResult).text()).isEqualTo("r9/3 cancelled=true");
    }
}
